package io.quarkiverse.sync.runtime.where;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Interpreted evaluation cost per row, for two clauses: the typical {@code owner_id = $1 AND title ILIKE 'x%'} and a
 * ten-term mixed one. Rows are what the engine filters: one text per table column, read through
 * {@link WhereEvaluator#overColumns} as the engine does. Not run by the build. Run it with:
 *
 * <pre>
 * ./mvnw -B -q test-compile -pl runtime
 * java -cp runtime/target/test-classes:runtime/target/classes io.quarkiverse.sync.runtime.where.WhereBenchmark
 * </pre>
 */
public final class WhereBenchmark {

    private static final String[] COLUMNS = { "id", "owner_id", "title", "priority", "done", "created_at", "due",
            "tags", "score", "category" };

    static final String SIMPLE = "owner_id = $1 AND title ILIKE 'x%'";
    /** The ten terms of {@link #TEN_TERMS}, each a clause of its own (for per-term figures). */
    static final String[] TERMS = { "id > 10", "owner_id <> $1", "title ILIKE '%report%'", "priority BETWEEN 1 AND 5",
            "NOT done", "created_at > '2024-03-01'", "tags @> '{urgent}'", "score * 2 > 10",
            "lower(category) IN ('work', 'home')", "due - 30 < created_at::date" };
    static final String TEN_TERMS = String.join(" AND ", TERMS);
    static final Map<String, String> PARAMS = Map.of("1", "alice");

    static WhereSchema schema() {
        return WhereSchema.builder().column("id", "int8").column("owner_id", "text")
                .column("title", "text").column("priority", "int4").column("done", "bool")
                .column("created_at", "timestamptz").column("due", "date").column("tags", "text[]")
                .column("score", "numeric").column("category", "text").build();
    }

    /** Each column's index in the rows: the map the engine hands {@link WhereEvaluator#overColumns}. */
    static Map<String, Integer> positions() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < COLUMNS.length; i++) {
            index.put(COLUMNS[i], i);
        }
        return index;
    }

    /** Mixed rows: a quarter are alice's, half have an x-title. */
    static String[][] rows() {
                String[][] rows = new String[1024][];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new String[] { Integer.toString(i), r.nextInt(4) == 0 ? "alice" : "bob" + i,
                    (r.nextBoolean() ? "Xylophone " : "Report ") + i, Integer.toString(r.nextInt(8)),
                    r.nextBoolean() ? "t" : "f", "2024-0" + (1 + r.nextInt(9)) + "-15 10:00:00+00",
                    "2024-1" + r.nextInt(3) + "-01", r.nextBoolean() ? "{urgent,home}" : "{work}",
                    Integer.toString(r.nextInt(100)) + ".5", r.nextBoolean() ? "Work" : "home" };
        }
        return rows;
    }

    /** Rows on which every term of {@link #TEN_TERMS} is true, so nothing short-circuits: its worst case. */
    static String[][] allTrueRows() {
                String[][] all = new String[1024][];
        for (int i = 0; i < all.length; i++) {
            all[i] = new String[] { Integer.toString(100 + i), "bob" + i, "Weekly REPORT " + i,
                    Integer.toString(1 + i % 5), "f", "2024-0" + (4 + i % 5) + "-15 10:00:00.25+00",
                    "2024-0" + (4 + i % 5) + "-20", "{home,urgent}", (10 + i % 50) + ".25", i % 2 == 0 ? "Work" : "HOME" };
        }
        return all;
    }

    public static void main(String[] args) throws Exception {
        WhereSchema schema = schema();
        String[][] rows = rows();
        run(SIMPLE, schema, PARAMS, rows);
        run(TEN_TERMS, schema, PARAMS, rows);
        run(TEN_TERMS + " /* all terms true */", schema, PARAMS, allTrueRows());
    }

    private static void run(String where, WhereSchema schema, Map<String, String> params, String[][] rows)
            throws WhereException {
        Predicate<String[]> ev = WhereClause.compile(where, schema, params).evaluator().overColumns(positions());
        int[] matches = new int[1];
        double ns = nsPerRow(ev, rows, matches);
        String label = where.length() > 60 ? where.substring(0, 40) + "…" + where.substring(where.length() - 19) : where;
        System.out.printf("%-60s %7.1f ns/row (%d of %d rows matched)%n", label, ns, matches[0], 20_000_000);
    }

    /** Warms up so the JIT has compiled the evaluator, then measures 20 million rows; {@code matches[0]} is set. */
    static double nsPerRow(Predicate<String[]> ev, String[][] rows, int[] matches) {
        for (int round = 0; round < 5; round++) {
            matches[0] = loop(ev, rows, 2_000_000);
        }
        int n = 20_000_000;
        long start = System.nanoTime();
        matches[0] = loop(ev, rows, n);
        return (double) (System.nanoTime() - start) / n;
    }

    private static int loop(Predicate<String[]> ev, String[][] rows, int n) {
        int matches = 0;
        for (int i = 0; i < n; i++) {
            if (ev.test(rows[i & 1023])) {
                matches++;
            }
        }
        return matches;
    }
}
