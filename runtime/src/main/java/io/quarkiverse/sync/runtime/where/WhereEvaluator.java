package io.quarkiverse.sync.runtime.where;

/** A compiled where clause, applied to replicated rows. Implementations are immutable and thread-safe. */
@FunctionalInterface
public interface WhereEvaluator {
    /**
     * True only when the clause evaluates to SQL TRUE for the row. FALSE, NULL and a runtime error (overflow,
     * division by zero, a value that does not parse) all give false: Postgres would abort the snapshot query on such
     * a row, and a shape must not contain a row Postgres could not have selected.
     */
    boolean matches(RowValues row);
}
