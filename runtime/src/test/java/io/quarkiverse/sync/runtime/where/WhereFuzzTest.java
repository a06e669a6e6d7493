package io.quarkiverse.sync.runtime.where;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Feeds random bytes, random token soup and mutated valid clauses to the compiler and evaluator for
 * {@code where.fuzz.seconds} (default 5). The only outcomes allowed: a {@link WhereException} or a compiled clause
 * whose evaluator answers without throwing; never another exception, a stack overflow or a hang.
 */
class WhereFuzzTest {

    static final String[] TOKENS = { "(", ")", "[", "]", ",", "::", ":", ";", ".", "+", "-", "*", "/", "%",
            "^", "<", ">", "=", "<=", ">=", "<>", "!=", "||", "~~", "@>", "<@", "&&", "|/", "@", "~", "&", "|", "#",
            "AND", "OR", "NOT", "IS", "NULL", "TRUE", "FALSE", "UNKNOWN", "DISTINCT", "FROM", "IN", "BETWEEN",
            "SYMMETRIC", "LIKE", "ILIKE", "ESCAPE", "SIMILAR", "TO", "ANY", "ALL", "SOME", "ARRAY", "CAST", "AS",
            "CASE", "WHEN", "THEN", "ELSE", "END", "AT", "TIME", "ZONE", "SELECT", "ORDER", "BY", "LIMIT", "int4",
            "text", "date", "interval", "timestamp", "with", "double", "precision", "numeric", "[]", "i4", "t", "ia",
            "ts", "d", "iv", "n", "f8", "b", "e", "\"t\"", "\"X\"", "$1", "$2", "$0", "1", "0", "-1", "2147483648",
            "1.5", "1e5", ".5", "'x'", "'{1,2}'", "''", "E'\\n'", "B'1'", "'2024-01-01'", "'1 day'", "lower",
            "coalesce", "greatest", "concat", "array_append", "now", "count", "*", "/*", "*/", "--", "'", "\"",
            "$", "é", "😀", "\\" };

    @Test
    void onlyWhereExceptionsAndNoHangs() {
        int seconds = Integer.getInteger("where.fuzz.seconds", 5);
        long seed = WhereSeeds.seed();
        long[] counts = new long[3];
        assertTimeoutPreemptively(Duration.ofSeconds(seconds + 60L), () -> run(seconds, seed, counts),
                "fuzzing hung (seed " + seed + ")");
        System.out.printf("where fuzz: %d inputs in %d s, seed %d: %d compiled, %d rejected%n", counts[0], seconds,
                seed, counts[1], counts[2]);
        assertThat(counts[0]).isPositive();
    }

    private static void run(int seconds, long seed, long[] counts) {
        Random r = new Random(seed);
        WhereSchema schema = DifferentialTable.schema();
        ExprGenerator gen = new ExprGenerator(seed);
        List<Map<String, String>> rows = rows(r);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            String input = input(r, gen);
            Map<String, String> params = new HashMap<>();
            int n = r.nextInt(3);
            for (int i = 1; i <= n; i++) {
                params.put(r.nextInt(10) == 0 ? "x" : Integer.toString(i), TOKENS[r.nextInt(TOKENS.length)]);
            }
            counts[0]++;
            try {
                WhereClause w = WhereClause.compile(input, schema, params);
                counts[1]++;
                assertThat(w.normalizedSql()).isNotNull();
                w.equalityTerms();
                for (Map<String, String> row : rows) {
                    try {
                        w.evaluate(row::get);
                    } catch (EvalError expected) {
                        // a row Postgres would also have refused
                    } catch (RuntimeException e) {
                        throw new AssertionError("evaluation of <" + input + "> threw " + e + " (seed " + seed + ")", e);
                    }
                    w.evaluator().matches(row::get);
                }
            } catch (WhereException expected) {
                counts[2]++;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("compiling <" + input + "> threw " + e + " (seed " + seed + ")", e);
            }
        }
    }

    static String input(Random r, ExprGenerator gen) {
        switch (r.nextInt(6)) {
            case 0: {
                byte[] b = new byte[r.nextInt(40)];
                r.nextBytes(b);
                return new String(b, StandardCharsets.UTF_8);
            }
            case 1: {
                StringBuilder sb = new StringBuilder();
                int n = 1 + r.nextInt(15);
                for (int i = 0; i < n; i++) {
                    sb.append(TOKENS[r.nextInt(TOKENS.length)]).append(r.nextInt(4) == 0 ? "" : " ");
                }
                return sb.toString();
            }
            case 2: {
                // A valid clause with a few tokens changed: the hardest inputs for error paths.
                List<String> parts = new ArrayList<>(List.of(gen.bool().split(" ")));
                int edits = 1 + r.nextInt(3);
                for (int i = 0; i < edits && !parts.isEmpty(); i++) {
                    int at = r.nextInt(parts.size());
                    switch (r.nextInt(3)) {
                        case 0: parts.remove(at); break;
                        case 1: parts.add(at, TOKENS[r.nextInt(TOKENS.length)]); break;
                        default: parts.set(at, TOKENS[r.nextInt(TOKENS.length)]);
                    }
                }
                return String.join(" ", parts);
            }
            case 3: {
                String s = gen.bool();
                int cut = r.nextInt(s.length() + 1);
                return s.substring(0, cut);
            }
            case 4: {
                int depth = r.nextInt(3000);
                String open = TOKENS[r.nextInt(8)];
                return open.repeat(depth) + "i4" + ")".repeat(r.nextInt(depth + 1));
            }
            default:
                return gen.bool();
        }
    }

    private static List<Map<String, String>> rows(Random r) {
        List<Map<String, String>> rows = new ArrayList<>();
        String[][] values = { { "b", "t" }, { "i4", "2147483647" }, { "i2", "-32768" }, { "i8", "1" },
                { "f8", "NaN" }, { "n", "1.5" }, { "t", "é😀" }, { "d", "infinity" }, { "ts", "2024-01-01 00:00:00" },
                { "tz", "2024-01-01 00:00:00+00" }, { "iv", "P1D" }, { "ia", "{1,NULL}" }, { "ta", "{a}" },
                { "u", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" }, { "tm", "24:00:00" }, { "e", "ok" } };
        for (int k = 0; k < 3; k++) {
            Map<String, String> row = new HashMap<>();
            for (String[] v : values) {
                if (r.nextBoolean()) {
                    row.put(v[0], k == 2 ? "garbage" : v[1]);
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
