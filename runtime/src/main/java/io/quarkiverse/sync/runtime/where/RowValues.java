package io.quarkiverse.sync.runtime.where;

/** One row as pgoutput delivers it: each column's Postgres text output, null for SQL NULL. */
@FunctionalInterface
public interface RowValues {
    String text(String column);
}
