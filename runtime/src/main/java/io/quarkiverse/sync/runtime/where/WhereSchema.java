package io.quarkiverse.sync.runtime.where;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The columns a where clause may reference: name (as stored in the catalog) to Postgres type. */
public final class WhereSchema {

    private final Map<String, PgType> columns;

    private WhereSchema(Map<String, PgType> columns) {
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public static Builder builder() {
        return new Builder();
    }

    public static WhereSchema of(Map<String, PgType> columns) {
        return new WhereSchema(columns);
    }

    /** The column's type, or null when the table has no such column. */
    public PgType type(String column) {
        return columns.get(column);
    }

    public Map<String, PgType> columns() {
        return columns;
    }

    public static final class Builder {
        private final Map<String, PgType> columns = new LinkedHashMap<>();

        public Builder column(String name, PgType type) {
            columns.put(Objects.requireNonNull(name), Objects.requireNonNull(type));
            return this;
        }

        /** Shorthand for {@code column(name, PgType.of(typname))}. */
        public Builder column(String name, String typname) {
            return column(name, PgType.of(typname));
        }

        public WhereSchema build() {
            return new WhereSchema(columns);
        }
    }
}
