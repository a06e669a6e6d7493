package io.quarkiverse.sync.runtime.where;

import java.util.Map;
import java.util.function.Predicate;

/** A generated evaluator. It gives the interpreter's answer on every row. */
public interface CompiledWhereEvaluator extends WhereEvaluator {

    /** Three-valued result: TRUE, FALSE or null; throws where the interpreter throws. */
    Boolean evaluate(RowValues row);

    /**
     * The same over a row of texts in table column order: column {@code k} of {@link #columns()} is at
     * {@code row[positions[k]]}. Absent when {@link #columns()} is null.
     */
    Boolean evaluate(String[] row, int[] positions);

    /** {@link #matches(RowValues)} over such a row. */
    boolean matches(String[] row, int[] positions);

    /**
     * The columns the clause reads, in the order {@link #evaluate(String[], int[])} takes their positions; null when
     * the class reads rows by name only (a node it leaves to the interpreter reads its own columns).
     */
    String[] columns();

    /** Reads the engine's rows by index, without looking each column up by name. */
    @Override
    default Predicate<String[]> overColumns(Map<String, Integer> positions) {
        String[] columns = columns();
        if (columns == null) {
            return WhereEvaluator.super.overColumns(positions);
        }
        int[] at = new int[columns.length];
        for (int k = 0; k < columns.length; k++) {
            Integer position = positions.get(columns[k]);
            if (position == null) {
                return WhereEvaluator.super.overColumns(positions);
            }
            at[k] = position;
        }
        return row -> matches(row, at);
    }
}
