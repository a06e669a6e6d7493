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
 * {@code lower(text) IN (texts)}) against the
 * interpreter, on texts of the simple form they take and on every awkward form they must hand to the general code:
 * quotes, escapes, NULL elements, spaces, bounds, exponents, NaN, signs, many digits, and NULLs and errors.
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

    private static List<String> compare(String[] clauses, String column, String[] texts) {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String where : clauses) {
            InMemoryClasses classes = new InMemoryClasses();
            try {
                classes.register(WhereEvaluatorGenerator.generate(WherePlan.of(where, SCHEMA), classes));
            } catch (WhereException e) {
                throw new AssertionError(where, e);
            }
            WhereClause w;
            try {
                w = WhereClause.compile(where, SCHEMA, Map.of());
            } catch (WhereException e) {
                throw new AssertionError(where, e);
            }
            if (!w.isCompiled()) {
                // folded whole (a NULL operand): nothing generated runs
                continue;
            }
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
                    String expected = outcome(() -> w.evaluate(row::get));
                    CompiledWhereEvaluator c = (CompiledWhereEvaluator) w.evaluator();
                    String actual = outcome(() -> c.evaluate(row::get));
                    compared++;
                    boolean expectedMatch = Boolean.TRUE.toString().equals(expected);
                    if (!expected.equals(actual) || expectedMatch != c.matches(row::get)) {
                        mismatches.add(where + " on '" + text + "': interpreter " + expected + ", compiled " + actual);
                    }
                }
            }
        }
        System.out.printf("compiled specialisations on %s: %d cases compared, %d mismatches%n", column, compared,
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
