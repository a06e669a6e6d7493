package io.quarkiverse.sync.runtime.where;

import java.util.HashMap;
import java.util.Map;

/**
 * Interpreted evaluation cost per row, for two clauses: the typical {@code owner_id = $1 AND title ILIKE 'x%'} and a
 * ten-term mixed one. Not run by the build. Run it with:
 *
 * <pre>
 * ./mvnw -B -q test-compile -pl runtime
 * java -cp runtime/target/test-classes:runtime/target/classes io.quarkiverse.sync.runtime.where.WhereBenchmark
 * </pre>
 */
public final class WhereBenchmark {

    /** Array-backed row, as the replication decoder would hold one: a column's index is looked up by name. */
    static final class Row implements RowValues {
        final Map<String, Integer> index;
        final String[] values;

        Row(Map<String, Integer> index, String[] values) {
            this.index = index;
            this.values = values;
        }

        @Override
        public String text(String column) {
            Integer i = index.get(column);
            return i == null ? null : values[i];
        }
    }

    private static final String[] COLUMNS = { "id", "owner_id", "title", "priority", "done", "created_at", "due",
            "tags", "score", "category" };

    public static void main(String[] args) throws Exception {
        WhereSchema schema = WhereSchema.builder().column("id", "int8").column("owner_id", "text")
                .column("title", "text").column("priority", "int4").column("done", "bool")
                .column("created_at", "timestamptz").column("due", "date").column("tags", "text[]")
                .column("score", "numeric").column("category", "text").build();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < COLUMNS.length; i++) {
            index.put(COLUMNS[i], i);
        }
        Row[] rows = new Row[1024];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Row(index, new String[] { Integer.toString(i), r.nextInt(4) == 0 ? "alice" : "bob" + i,
                    (r.nextBoolean() ? "Xylophone " : "Report ") + i, Integer.toString(r.nextInt(8)),
                    r.nextBoolean() ? "t" : "f", "2024-0" + (1 + r.nextInt(9)) + "-15 10:00:00+00",
                    "2024-1" + r.nextInt(3) + "-01", r.nextBoolean() ? "{urgent,home}" : "{work}",
                    Integer.toString(r.nextInt(100)) + ".5", r.nextBoolean() ? "Work" : "home" });
        }
        String tenTerms = "id > 10 AND owner_id <> $1 AND title ILIKE '%report%' AND priority BETWEEN 1 AND 5"
                + " AND NOT done AND created_at > '2024-03-01' AND tags @> '{urgent}' AND score * 2 > 10"
                + " AND lower(category) IN ('work', 'home') AND due - 30 < created_at::date";
        run("owner_id = $1 AND title ILIKE 'x%'", schema, Map.of("1", "alice"), rows);
        run(tenTerms, schema, Map.of("1", "alice"), rows);
        // Rows on which every term is true, so nothing short-circuits: the worst case for this clause.
        Row[] all = new Row[1024];
        for (int i = 0; i < all.length; i++) {
            all[i] = new Row(index, new String[] { Integer.toString(100 + i), "bob" + i, "Weekly REPORT " + i,
                    Integer.toString(1 + i % 5), "f", "2024-0" + (4 + i % 5) + "-15 10:00:00.25+00",
                    "2024-0" + (4 + i % 5) + "-20", "{home,urgent}", (10 + i % 50) + ".25", i % 2 == 0 ? "Work" : "HOME" });
        }
        run(tenTerms + " /* all terms true */", schema, Map.of("1", "alice"), all);
    }

    private static void run(String where, WhereSchema schema, Map<String, String> params, Row[] rows)
            throws WhereException {
        WhereEvaluator ev = WhereClause.compile(where, schema, params).evaluator();
        int matches = 0;
        // Warm up so the JIT has compiled the evaluator tree, then measure.
        for (int round = 0; round < 5; round++) {
            matches = loop(ev, rows, 2_000_000);
        }
        int n = 20_000_000;
        long start = System.nanoTime();
        matches = loop(ev, rows, n);
        long ns = System.nanoTime() - start;
        String label = where.length() > 60 ? where.substring(0, 40) + "…" + where.substring(where.length() - 19) : where;
        System.out.printf("%-60s %7.1f ns/row (%d of %d rows matched)%n", label, (double) ns / n, matches, n);
    }

    private static int loop(WhereEvaluator ev, Row[] rows, int n) {
        int matches = 0;
        for (int i = 0; i < n; i++) {
            if (ev.matches(rows[i & 1023])) {
                matches++;
            }
        }
        return matches;
    }
}
