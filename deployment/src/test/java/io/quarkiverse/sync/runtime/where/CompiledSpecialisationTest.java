package io.quarkiverse.sync.runtime.where;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.deployment.codegen.InMemoryClasses;
import io.quarkiverse.sync.deployment.codegen.WhereEvaluatorGenerator;

/**
 * The generator's fast paths on pgoutput's text ({@code textArray @> constant}, {@code numeric * k op c},
 * {@code lower(text) IN (texts)}, integers, dates and timestamps compared as primitive longs) against the
 * interpreter, on texts of the simple form they take and on every awkward form they must hand to the general code:
 * quotes, escapes, NULL elements, spaces, bounds, exponents, NaN, signs, many digits, infinity, BC, other zones,
 * overflows, and NULLs and errors.
 */
class CompiledSpecialisationTest {

    private static final WhereSchema SCHEMA = WhereSchema.builder().column("tags", "text[]").column("score", "numeric")
            .column("v", "varchar[]").column("c", "text").column("vc", "varchar").build();

    private static final String[] ARRAY_CLAUSES = { "tags @> '{urgent}'", "tags @> '{}'", "tags @> '{a,b}'",
            "tags @> '{NULL}'", "tags @> '{\"a b\"}'", "tags @> '{null,a}'", "tags @> '{\"NULL\"}'", "tags @> NULL",
            "tags @> ARRAY['a', 'urgent']", "NOT (tags @> '{a}')", "tags @> '{a}' IS UNKNOWN",
            "tags @> '{A}' OR tags @> '{b}'", "v @> '{a}'" };
    private static final String[] ARRAYS = { null, "{}", "{urgent}", "{a,b}", "{b,a,urgent}", "{A}", "{ab,ba}",
            "{a,NULL}", "{NULL}", "{null}", "{Null,a}", "{\"NULL\",a}", "{\"a b\",a}", "{\"a\"}", "{a\\,b}", "{a,,b}",
            "{,a}", "{a,}", " {a}", "{a} ", "{ a}", "{{a},{b}}", "[1:2]={a,b}", "[0:0]={a}", "{a", "a}", "", "{",
            "urgent", "{nulls,a}", "{nul,a}", "{é,😀,a}", "{a\tb}", "{\"\"}", "{a,b,urgent,urgent}" };

    private static final String[] NUMERIC_CLAUSES = { "score * 2 > 10", "score * 2 >= 10", "score * 2 = 10",
            "score * 2 <> 10", "score * 2 < 10", "score * 2 <= 10", "score * -3 > -7", "score * 0 = 0",
            "score * 2 > 10.5", "score * 2.5 > 10", "score * 1000 > 10", "score * 2 > 1000000", "score * 2 > NULL",
            "score * NULL > 1", "10 < score * 2", "NOT (score * 2 > 10)", "score * 999 > -999999",
            "score * 2 > 10 IS UNKNOWN" };
    private static final String[] NUMERICS = { null, "0", "5", "5.0", "5.001", "4.999", "5.0001", "-5", "-0", "-0.0",
            "0.000", "10.25", "10.", ".5", "-.5", "+5", " 5", "5 ", "5e0", "5E1", "1e-3", "NaN", "nan", "Infinity",
            "-Infinity", "abc", "", "-", ".", "1.2.3", "999999999999", "9999999999999", "123456789012.5",
            "12345678901.25", "99999999999.999", "-99999999999.999", "0.5", "00005", "005.500", "1000000000000000000000",
            "1e100000", "٥", "5,0" };

    private static final String[] LOWER_CLAUSES = { "lower(c) IN ('work', 'home')", "lower(c) NOT IN ('work', 'home')",
            "lower(c) IN ('Work')", "lower(c) IN ('work', NULL)", "lower(c) NOT IN ('x', NULL)", "lower(c) IN ('é', 'straße')",
            "lower(c) IN ('')", "lower(vc) IN ('work')", "lower(c || 'x') IN ('workx')", "NOT (lower(c) IN ('home'))" };
    private static final String[] WORDS = { null, "", "work", "Work", "WORK", "wOrK", "home", "HOME ", "É", "é",
            "STRASSE", "Straße", "STRAßE", "x", "X", "😀", "work😀", "İ", "ı" };

    @Test
    void lowerInTextsGivesTheInterpretersAnswer() {
        assertThat(compare(LOWER_CLAUSES, "c", WORDS)).isEmpty();
    }

    @Test
    void textArrayContainmentGivesTheInterpretersAnswer() {
        assertThat(compare(ARRAY_CLAUSES, "tags", ARRAYS)).isEmpty();
    }

    @Test
    void numericProductComparisonGivesTheInterpretersAnswer() {
        assertThat(compare(NUMERIC_CLAUSES, "score", NUMERICS)).isEmpty();
    }

    private static final WhereSchema LONG_SCHEMA = WhereSchema.builder().column("i2", "int2").column("i4", "int4")
            .column("i8", "int8").column("d", "date").column("ts", "timestamp").column("tz", "timestamptz").build();

    private static final String[] LONG_CLAUSES = { "i8 > 10", "i8 >= -5", "10 < i8", "i8 <> 7", "i4 BETWEEN 1 AND 5",
            "i2 > 100", "i8 > i4", "i4 = i2", "i2 < 32767", "i4 + 1 > 5", "i4 - 1 < 0", "i2 + i2 > 0", "i8 + 1 > 0",
            "i8 - 1 < 0", "i8 - i8 = 0", "i2 - i2 = 0", "i4::int2 > 3", "i8::int4 < 0", "i2::int8 = 5",
            "i4 + 2147483647 > 0", "i8 + 9223372036854775807 > 0", "i8 - 9223372036854775807 < 0", "i8 > NULL",
            "NULL::int4 < i4", "d - 30 < tz::date", "d + 1 > '2024-01-01'", "1 + d > '2024-01-01'",
            "d + i4 >= '2024-03-01'", "d - i4 = d", "d - d = 0", "d - '2024-01-01'::date > 10", "d > 'infinity'",
            "d < 'infinity'::date", "d > '-infinity'", "'infinity'::date - i4 > d", "'infinity'::date - d > 0", "d - 2147483647 < d",
            "d + 2147483647 > d", "d::timestamp < ts", "d::timestamptz > tz", "ts::date = d", "tz::date <= d",
            "ts::timestamptz > tz", "tz::timestamp = ts", "tz > '2024-03-01'", "tz = '2024-04-15 10:00:00.25+00'",
            "tz >= 'infinity'", "tz > NULL", "ts < '-infinity'", "ts > '2024-03-01 12:00'", "NOT (tz > '2024-03-01')",
            "tz > '2024-03-01' IS UNKNOWN", "tz > '2024-03-01' OR d > '2024-01-01'", "(d - 30 < tz::date) = (i4 > 0)",
            "i4 > 1 AND i4 < 5 AND i8 > 0 AND d > '2000-01-01'" };
    private static final String[] INTEGERS = { null, "0", "-0", "5", "-5", "7", "100", "32767", "32768", "-32768",
            "-32769", "2147483647", "2147483648", "-2147483648", "9223372036854775807", "-9223372036854775808",
            "123456789012345678", "1234567890123456789", "007", "+5", " 5", "5 ", "", "-", "abc", "1e3", "٥" };
    private static final String[] DATES = { null, "2024-01-01", "2024-02-29", "2023-02-29", "2024-13-01",
            "2024-00-10", "2024-04-31", "2024-04-00", "0999-01-01", "1000-01-01", "9999-12-31", "10000-01-01",
            "2024-1-1", "infinity", "-infinity", "epoch", "2024-01-01 BC", "2024-01-01x", " 2024-01-01",
            "1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01", "abcd-ef-gh", "2024-03-01 10:00", "2024/03/01",
            "5874897-12-31" };
    private static final String[] TIMESTAMPS = { null, "2024-04-15 10:00:00", "2024-04-15 10:00:00.25",
            "2024-04-15 10:00:00.25+00", "2024-03-01 00:00:00+00", "2024-02-29 23:59:59.999999+00",
            "2024-04-15 10:00:00+05:30", "2024-04-15 10:00:00-08", "2024-04-15 24:00:00+00", "2024-04-15 10:60:00+00",
            "2024-04-15 10:00:00.1234567+00", "2024-04-15 10:00:00.+00", "infinity", "-infinity", "2024-04-15",
            "2024-04-15T10:00:00Z", "2024-04-15 10:00:00 BC", "0999-04-15 10:00:00+00", "2024-04-15 10:00:00+16",
            "2024-04-15 10:00:00+15:59", "2024-04-15 10:00:00+0530", "2024-04-15 10:00:00+05:30:15",
            "294277-01-01 00:00:00+00", "2024-04-15 1:00:00+00", "2024-04-15 10:00:0a+00", "" };

    @Test
    void integersDatesAndTimestampsAsLongsGiveTheInterpretersAnswer() {
        java.util.Random r = new java.util.Random(7);
        List<Map<String, String>> rows = new ArrayList<>();
        int n = Math.max(INTEGERS.length, Math.max(DATES.length, TIMESTAMPS.length));
        for (int i = 0; i < n; i++) {
            // every text of every list once, in each column of its type
            rows.add(longRow(INTEGERS[i % INTEGERS.length], INTEGERS[(i + 3) % INTEGERS.length],
                    INTEGERS[(i + 5) % INTEGERS.length], DATES[i % DATES.length], TIMESTAMPS[i % TIMESTAMPS.length],
                    TIMESTAMPS[(i + 1) % TIMESTAMPS.length]));
        }
        for (int i = 0; i < 1500; i++) {
            // and random mixes, most of them of the forms the server prints
            rows.add(longRow(pick(r, INTEGERS), pick(r, INTEGERS), pick(r, INTEGERS), pick(r, DATES),
                    pick(r, TIMESTAMPS), pick(r, TIMESTAMPS)));
        }
        assertThat(compare(LONG_CLAUSES, LONG_SCHEMA, rows, "integers, dates and timestamps")).isEmpty();
    }

    private static Map<String, String> longRow(String i2, String i4, String i8, String d, String ts, String tz) {
        Map<String, String> row = new HashMap<>();
        row.put("i2", i2);
        row.put("i4", i4);
        row.put("i8", i8);
        row.put("d", d);
        row.put("ts", ts);
        row.put("tz", tz);
        return row;
    }

    private static String pick(java.util.Random r, String[] texts) {
        // the first texts of each list are the common, valid ones: favour them
        return texts[r.nextInt(3) == 0 ? r.nextInt(texts.length) : r.nextInt(Math.min(8, texts.length))];
    }

    private static List<String> compare(String[] clauses, String column, String[] texts) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String text : texts) {
            for (String other : new String[] { "{a}", null }) {
                Map<String, String> row = new HashMap<>();
                row.put(column, text);
                row.put("v", text);
                row.put("vc", text);
                row.put(column.equals("tags") ? "score" : "tags", other);
                if (!column.equals("c")) {
                    row.put("c", other);
                }
                rows.add(row);
            }
        }
        return compare(clauses, SCHEMA, rows, column);
    }

    private static List<String> compare(String[] clauses, WhereSchema schema, List<Map<String, String>> rows,
            String what) {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String where : clauses) {
            InMemoryClasses classes = new InMemoryClasses();
            try {
                classes.register(WhereEvaluatorGenerator.generate(WherePlan.of(where, schema), classes));
            } catch (WhereException e) {
                throw new AssertionError(where, e);
            }
            WhereClause w;
            try {
                w = WhereClause.compile(where, schema, Map.of());
            } catch (WhereException e) {
                throw new AssertionError(where, e);
            }
            if (!w.isCompiled()) {
                // folded whole (a NULL operand): nothing generated runs
                continue;
            }
            CompiledWhereEvaluator c = (CompiledWhereEvaluator) w.evaluator();
            ArrayRows arrays = new ArrayRows(schema.columns().keySet());
            int[] at = arrays.at(c);
            java.util.function.Predicate<String[]> overColumns = c.overColumns(arrays.positions);
            for (Map<String, String> row : rows) {
                String expected = outcome(() -> w.evaluate(row::get));
                String actual = outcome(() -> c.evaluate(row::get));
                String[] array = arrays.of(row);
                if (at != null && actual.equals(expected)) {
                    actual = outcome(() -> c.evaluate(array, at));
                }
                compared++;
                boolean expectedMatch = Boolean.TRUE.toString().equals(expected);
                if (!expected.equals(actual) || expectedMatch != c.matches(row::get)
                        || expectedMatch != overColumns.test(array)) {
                    mismatches.add(where + " on " + new java.util.TreeMap<>(row) + ": interpreter " + expected
                            + ", compiled " + actual);
                }
            }
        }
        System.out.printf("compiled specialisations on %s: %d cases compared, %d mismatches%n", what, compared,
                mismatches.size());
        return mismatches;
    }

    private static String outcome(java.util.function.Supplier<Boolean> eval) {
        try {
            return String.valueOf(eval.get());
        } catch (RuntimeException e) {
            return "error " + e.getMessage();
        }
    }
}
