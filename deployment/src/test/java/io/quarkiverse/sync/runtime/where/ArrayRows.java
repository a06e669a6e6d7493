package io.quarkiverse.sync.runtime.where;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's form of the tests' rows: one text per column in a fixed order, which generated evaluators read by
 * index ({@link CompiledWhereEvaluator#evaluate(String[], int[])}).
 */
final class ArrayRows {

    private final List<String> columns;
    final Map<String, Integer> positions = new HashMap<>();

    ArrayRows(Collection<String> columns) {
        this.columns = new ArrayList<>(columns);
        // Reversed, so that positions differ from the order the generated class numbers its columns in.
        java.util.Collections.reverse(this.columns);
        for (int i = 0; i < this.columns.size(); i++) {
            positions.put(this.columns.get(i), i);
        }
    }

    String[] of(Map<String, String> row) {
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(columns.get(i));
        }
        return values;
    }

    /** The positions argument of the evaluator's array form, or null when it has none. */
    int[] at(CompiledWhereEvaluator evaluator) {
        String[] read = evaluator.columns();
        if (read == null) {
            return null;
        }
        int[] at = new int[read.length];
        for (int k = 0; k < read.length; k++) {
            at[k] = positions.get(read[k]);
        }
        return at;
    }
}
