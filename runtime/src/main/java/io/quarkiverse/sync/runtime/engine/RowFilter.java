package io.quarkiverse.sync.runtime.engine;

/** Whether a row (text values in table column order, null for SQL NULL) belongs to a shape: its where-clause. */
@FunctionalInterface
public interface RowFilter {

    /** The filter of a shape without a where-clause. */
    RowFilter ALL = row -> true;

    boolean matches(String[] row);
}
