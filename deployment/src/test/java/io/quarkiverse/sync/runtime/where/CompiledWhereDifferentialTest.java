package io.quarkiverse.sync.runtime.where;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.deployment.codegen.InMemoryClasses;
import io.quarkiverse.sync.deployment.codegen.WhereEvaluatorGenerator;
import io.quarkiverse.sync.localpg.LocalPostgres;

/**
 * Differential test: the generated evaluator against the interpreter, on the where-clause issue's corpus, its
 * param templates and {@code where.cases} (default 10,000) generated expressions ({@link WhereSeeds}), over the rows
 * of {@link DifferentialTable} as Postgres prints them (the text pgoutput sends). Every row must give the same
 * three-valued result or the same error, and the same match decision.
 */
class CompiledWhereDifferentialTest {

    private static final int ROWS = 24;

    private static LocalPostgres pg;
    private static List<Map<String, String>> rows;
    private static WhereSchema schema;

    @BeforeAll
    static void start() throws Exception {
        pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-compiled-where")).build().start();
        try (Connection conn = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
            try (java.sql.Statement s = conn.createStatement()) {
                s.execute("SET DateStyle='ISO, DMY'");
                s.execute("SET TimeZone='UTC'");
                s.execute("SET extra_float_digits=1");
                s.execute("SET IntervalStyle='iso_8601'");
                s.execute("SET bytea_output='hex'");
            }
            rows = DifferentialTable.create(conn, 42, ROWS);
        }
        schema = DifferentialTable.schema();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    /** Counts of what happened to the clauses of one run. */
    private static final class Tally {
        int compiled;
        int arrayForm;
        int rejected;
        int tooLarge;
        int otherFolding;
        int rowsCompared;
        final List<String> mismatches = new ArrayList<>();

        @Override
        public String toString() {
            return String.format("%d compiled (%d with the array form; %d rows compared), %d rejected by both, "
                    + "%d too large, %d folded otherwise (interpreted), %d mismatches", compiled, arrayForm,
                    rowsCompared, rejected, tooLarge, otherFolding, mismatches.size());
        }
    }

    private static void check(String where, Map<String, String> params, Tally tally) {
        WhereClause interpreted;
        try {
            interpreted = WhereClause.compile(where, schema, params);
        } catch (WhereException e) {
            tally.rejected++;
            return;
        }
        WherePlan plan;
        try {
            plan = WherePlan.of(where, schema);
        } catch (WhereException e) {
            tally.mismatches.add(where + " " + params + "\n    compiles with params but does not plan: " + e.getMessage());
            return;
        }
        InMemoryClasses classes = new InMemoryClasses();
        WhereClause w;
        try {
            WhereEvaluatorGenerator.Generated g = WhereEvaluatorGenerator.generate(plan, classes);
            if (g == null) {
                tally.tooLarge++;
                return;
            }
            classes.register(g);
            w = WhereClause.compile(where, schema, params);
        } catch (WhereException | RuntimeException | LinkageError e) {
            tally.mismatches.add(where + " " + params + "\n    generation or loading failed: " + e);
            return;
        }
        if (!w.isCompiled()) {
            tally.otherFolding++;
            return;
        }
        tally.compiled++;
        CompiledWhereEvaluator compiled = (CompiledWhereEvaluator) w.evaluator();
        // Both forms of the row: by name, and the engine's array read at positions.
        ArrayRows arrays = new ArrayRows(schema.columns().keySet());
        int[] at = arrays.at(compiled);
        if (at != null) {
            tally.arrayForm++;
        }
        java.util.function.Predicate<String[]> overColumns = compiled.overColumns(arrays.positions);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String[] array = arrays.of(row);
            String expected = outcome(() -> interpreted.evaluate(row::get));
            String actual = outcome(() -> compiled.evaluate(row::get));
            String arrayActual = at == null ? actual : outcome(() -> compiled.evaluate(array, at));
            boolean expectedMatch = interpreted.evaluator().matches(row::get);
            boolean actualMatch = compiled.matches(row::get);
            boolean arrayMatch = overColumns.test(array);
            tally.rowsCompared++;
            if (!expected.equals(actual) || !expected.equals(arrayActual) || expectedMatch != actualMatch
                    || expectedMatch != arrayMatch) {
                tally.mismatches.add(where + " " + params + "\n    row " + (i + 1) + " " + row + "\n    interpreter "
                        + expected + " (match " + expectedMatch + ") | compiled " + actual + " (match " + actualMatch
                        + ") | compiled over the array " + arrayActual + " (match " + arrayMatch + ")");
                return;
            }
        }
    }

    private static String outcome(java.util.function.Supplier<Boolean> eval) {
        try {
            Boolean b = eval.get();
            return b == null ? "null" : b.toString();
        } catch (RuntimeException e) {
            return "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static void report(String what, Tally tally) {
        tally.mismatches.stream().limit(30).forEach(m -> System.out.println("COMPILED MISMATCH " + m));
        System.out.printf("compiled where, %s: %s%n", what, tally);
        assertThat(tally.mismatches).as(what).isEmpty();
    }

    @Test
    void corpusGivesTheInterpretersAnswers() {
        Tally tally = new Tally();
        for (String where : WhereCorpus.VALID) {
            check(where, Map.of(), tally);
        }
        report("corpus", tally);
        // Most of the corpus must really run compiled, and most of that over the engine's array rows, or the
        // comparison proves little.
        assertThat(tally.compiled).isGreaterThan(WhereCorpus.VALID.size() * 3 / 4);
        assertThat(tally.arrayForm).isGreaterThan(tally.compiled * 3 / 4);
    }

    /**
     * Every kind of node the generator compiles, directly inside every other: the generated code of a node must be
     * valid bytecode whatever comes before and after it (a class the JVM rejects would only fall back, silently).
     */
    @Test
    void everyNodeKindNestedInEveryOther() {
        String[] values = { "i4", "greatest(i4, i2, 3)", "least(i4, 7)", "coalesce(i4, i4b, 0)", "i4 + 1", "-i4",
                "(i4 = 42)::int4", "abs(i4)" };
        String[] predicates = { "%s > 1", "%s = 42", "%s IN (1, 42, NULL)", "%s NOT IN (3, 42)", "%s IS NULL",
                "%s IS DISTINCT FROM 42", "%s = ANY(ia)", "%s::text LIKE '4%%'" };
        String[] wrappers = { "%s", "NOT (%s)", "(%s) IS TRUE", "(%s) IS NOT FALSE", "(%s) IS UNKNOWN",
                "coalesce(%s, b)", "(%s) = b", "(%s) AND b", "b OR (%s)", "(%s) AND (%s)", "(%s) OR NOT (%s)",
                "(%s) IS DISTINCT FROM b2", "greatest(%s, b) IS NULL" };
        String[] outers = { "%s", "NOT (%s)", "(%s) AND (%s)", "coalesce(%s, b)" };
        Tally tally = new Tally();
        for (String v : values) {
            for (String p : predicates) {
                String predicate = String.format(p, v);
                for (String w : wrappers) {
                    for (String outer : outers) {
                        String inner = w.replace("%s", predicate);
                        check(outer.replace("%s", inner), Map.of(), tally);
                    }
                }
            }
        }
        report("nested node kinds", tally);
        assertThat(tally.compiled).isGreaterThan(values.length * predicates.length * wrappers.length * outers.length
                * 3 / 4);
    }

    @Test
    void paramTemplatesGiveTheInterpretersAnswers() {
        Tally tally = new Tally();
        for (String[] template : WhereCorpus.PARAM_TEMPLATES) {
            // every combination of the listed values
            List<Map<String, String>> combos = new ArrayList<>();
            combos.add(new HashMap<>());
            for (int p = 1; p < template.length; p++) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> c : combos) {
                    for (String v : template[p].split("\\|", -1)) {
                        Map<String, String> m = new HashMap<>(c);
                        m.put(Integer.toString(p), v);
                        next.add(m);
                    }
                }
                combos = next;
            }
            for (Map<String, String> params : combos) {
                check(template[0], params, tally);
            }
        }
        report("param templates", tally);
        assertThat(tally.compiled).isGreaterThan(50);
    }

    @Test
    void generatedExpressionsGiveTheInterpretersAnswers() {
        long seed = WhereSeeds.seed();
        int cases = Integer.getInteger("where.cases", 10_000);
        ExprGenerator gen = new ExprGenerator(seed);
        Tally tally = new Tally();
        for (int i = 0; i < cases; i++) {
            check(gen.bool(), Map.of(), tally);
        }
        report("generated (seed " + seed + ", " + cases + " cases)", tally);
        assertThat(tally.compiled).isGreaterThan(cases / 3);
    }

    /** The same clauses with their constants turned into params: folding then depends on the values. */
    @Test
    void generatedExpressionsWithParamsGiveTheInterpretersAnswers() {
        long seed = WhereSeeds.seed() + 1;
        int cases = Integer.getInteger("where.cases", 10_000) / 5;
        ExprGenerator gen = new ExprGenerator(seed);
        Random r = new Random(seed);
        Tally tally = new Tally();
        for (int i = 0; i < cases; i++) {
            String where = gen.bool();
            // Quoted literals become $n with the same text: the type checker gives both the same type.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^'\\\\]*)'").matcher(where);
            StringBuilder sb = new StringBuilder();
            Map<String, String> params = new HashMap<>();
            while (m.find()) {
                if (r.nextBoolean() && !where.startsWith("E", Math.max(0, m.start() - 1))) {
                    params.put(Integer.toString(params.size() + 1), m.group(1));
                    m.appendReplacement(sb, "\\$" + params.size());
                } else {
                    m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(m.group()));
                }
            }
            m.appendTail(sb);
            check(sb.toString(), params, tally);
        }
        report("generated with params (seed " + seed + ", " + cases + " cases)", tally);
    }
}
