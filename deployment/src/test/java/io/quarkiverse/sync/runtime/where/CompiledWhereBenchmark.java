package io.quarkiverse.sync.runtime.where;

import java.util.Map;
import java.util.function.Predicate;

import io.quarkiverse.sync.deployment.codegen.InMemoryClasses;
import io.quarkiverse.sync.deployment.codegen.WhereEvaluatorGenerator;

/**
 * Compiled against interpreted evaluation, ns per row, on {@link WhereBenchmark}'s clauses and rows (one text per
 * table column, read through {@link WhereEvaluator#overColumns} as the engine reads them: the generated class by
 * index, the interpreter by name). The last column times the generated class reading the row by name too. Prints figures, asserts nothing, not run by the
 * build. Run it from the repository root with (the first line only installs the modules the benchmark runs
 * against; their tests are run by {@code ./mvnw verify}, not skipped by the build):
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests -DskipExtensionValidation=true -pl local-postgres,runtime,deployment
 * ./mvnw -B -q dependency:build-classpath -pl deployment -Dmdep.outputFile=/tmp/wc-cp.txt -Dmdep.includeScope=test
 * ./mvnw -B -q test-compile -pl deployment
 * java -cp "deployment/target/test-classes:deployment/target/classes:$(cat /tmp/wc-cp.txt)" \
 *     io.quarkiverse.sync.runtime.where.CompiledWhereBenchmark [terms]
 * </pre>
 * With {@code terms} it also times each term of the ten-term clause alone.
 */
public final class CompiledWhereBenchmark {

    public static void main(String[] args) throws Exception {
        WhereSchema schema = WhereBenchmark.schema();
        String[][] rows = WhereBenchmark.rows();
        String[][] allTrue = WhereBenchmark.allTrueRows();
        // Interpreted first, before any class is registered, then the same clauses compiled.
        WhereClause simple = WhereClause.compile(WhereBenchmark.SIMPLE, schema, WhereBenchmark.PARAMS);
        WhereClause ten = WhereClause.compile(WhereBenchmark.TEN_TERMS, schema, WhereBenchmark.PARAMS);
        for (String where : new String[] { WhereBenchmark.SIMPLE, WhereBenchmark.TEN_TERMS }) {
            InMemoryClasses classes = new InMemoryClasses();
            classes.register(WhereEvaluatorGenerator.generate(WherePlan.of(where, schema), classes));
        }
        WhereClause simpleC = WhereClause.compile(WhereBenchmark.SIMPLE, schema, WhereBenchmark.PARAMS);
        WhereClause tenC = WhereClause.compile(WhereBenchmark.TEN_TERMS, schema, WhereBenchmark.PARAMS);
        if (!simpleC.isCompiled() || !tenC.isCompiled() || simple.isCompiled() || ten.isCompiled()) {
            throw new IllegalStateException("expected interpreted and compiled clauses");
        }
        System.out.printf("%-40s %14s %14s %8s %14s%n", "clause", "interpreted", "compiled", "speed-up",
                "(by name)");
        report("owner_id = $1 AND title ILIKE 'x%'", simple, simpleC, rows);
        report("10 terms, 0.5% of rows match", ten, tenC, rows);
        report("10 terms, every term true", ten, tenC, allTrue);
        if (args.length > 0 && args[0].equals("terms")) {
            // Each term alone on the rows where every term is true: where the ten-term figure goes.
            for (String term : WhereBenchmark.TERMS) {
                WhereClause interpreted = WhereClause.compile(term, schema, WhereBenchmark.PARAMS);
                InMemoryClasses classes = new InMemoryClasses();
                classes.register(WhereEvaluatorGenerator.generate(WherePlan.of(term, schema), classes));
                report(term, interpreted, WhereClause.compile(term, schema, WhereBenchmark.PARAMS), allTrue);
            }
        }
    }

    private static void report(String label, WhereClause interpreted, WhereClause compiled, String[][] rows) {
        int[] m1 = new int[1];
        int[] m2 = new int[1];
        int[] m3 = new int[1];
        Map<String, Integer> positions = WhereBenchmark.positions();
        double a = WhereBenchmark.nsPerRow(interpreted.evaluator().overColumns(positions), rows, m1);
        double b = WhereBenchmark.nsPerRow(compiled.evaluator().overColumns(positions), rows, m2);
        // The compiled class reading the row by name, as the interpreter does: what the row form alone is worth.
        double c = WhereBenchmark.nsPerRow(byName(compiled.evaluator(), positions), rows, m3);
        if (m1[0] != m2[0] || m1[0] != m3[0]) {
            throw new IllegalStateException("compiled and interpreted disagree: " + m1[0] + " vs " + m2[0]);
        }
        System.out.printf("%-40s %8.1f ns/row %8.1f ns/row %7.1fx %8.1f ns/row%n", label, a, b, a / b, c);
    }

    /** {@link WhereEvaluator#overColumns}' default: each column looked up by name. */
    private static Predicate<String[]> byName(WhereEvaluator evaluator, Map<String, Integer> positions) {
        return row -> evaluator.matches(column -> {
            Integer position = positions.get(column);
            return position == null ? null : row[position];
        });
    }
}
