package io.quarkiverse.sync.runtime.pg;

import java.util.Objects;

/** A table's schema and name exactly as stored in the catalog (case and spaces kept, no quotes). */
public record TableName(String schema, String table) {

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** {@code "schema"."table"}, safe to put in SQL text. */
    public String quoted() {
        return PgQuoting.qualified(schema, table);
    }

    @Override
    public String toString() {
        return quoted();
    }
}
