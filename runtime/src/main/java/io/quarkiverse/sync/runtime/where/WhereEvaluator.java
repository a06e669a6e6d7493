package io.quarkiverse.sync.runtime.where;

import java.util.Map;
import java.util.function.Predicate;

/** A compiled where clause, applied to replicated rows. Implementations are immutable and thread-safe. */
@FunctionalInterface
public interface WhereEvaluator {
    /**
     * True only when the clause evaluates to SQL TRUE for the row. FALSE, NULL and a runtime error (overflow,
     * division by zero, a value that does not parse) all give false: Postgres would abort the snapshot query on such
     * a row, and a shape must not contain a row Postgres could not have selected.
     */
    boolean matches(RowValues row);

    /**
     * {@link #matches} over rows given as one text per table column (the engine's form): {@code positions} maps each
     * column name to its index in such a row. Call it once per table layout; the predicate is thread-safe.
     */
    default Predicate<String[]> overColumns(Map<String, Integer> positions) {
        return row -> matches(column -> {
            Integer position = positions.get(column);
            return position == null ? null : row[position];
        });
    }
}
