package io.quarkiverse.sync.runtime.pg;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A table as the catalog describes it: its columns in table order and its primary key. A table without a primary key
 * uses all its columns as the row key (protocol §4.3).
 */
public record TableSchema(long oid, String schema, String name, List<Column> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
    }

    /**
     * One column.
     *
     * @param typeName {@code pg_type.typname} of the column's type, or of the element type for arrays (the form the
     *        {@code electric-schema} header uses)
     * @param dims {@code attndims}; 0 for scalars
     * @param array whether the column's type is an array type
     * @param typeModifier {@code atttypmod}; -1 when none
     * @param pkIndex position in the primary key, -1 when not part of it
     * @param typeKind {@code pg_type.typtype} of the (element) type: b base, e enum, d domain, c composite, r range…
     * @param typeOid {@code atttypid}, as pgoutput's relation messages report it
     * @param baseType the type of the values: for a domain (or an array of one) the type under all its domains,
     *        for any other column its own type
     */
    public record Column(String name, int attnum, String typeName, boolean array, int dims, int typeModifier,
            boolean notNull, int pkIndex, char typeKind, int typeOid, BaseType baseType) {

        /** A column whose type is no domain: its base type is its own. */
        public Column(String name, int attnum, String typeName, boolean array, int dims, int typeModifier,
                boolean notNull, int pkIndex, char typeKind, int typeOid) {
            this(name, attnum, typeName, array, dims, typeModifier, notNull, pkIndex, typeKind, typeOid,
                    new BaseType(typeName, typeKind, array));
        }

        public boolean isPrimaryKey() {
            return pkIndex >= 0;
        }
    }

    /**
     * The type a column's values have once its domains are looked through: what pgoutput prints them as and what the
     * where-clause types them by. The {@code electric-schema} header names the domain itself (protocol §6).
     *
     * @param typeName {@code pg_type.typname} of the base type, or of its element type when {@code array}
     * @param typeKind {@code pg_type.typtype} of that type (b base, e enum, …; never d)
     * @param array whether values are arrays: an array of a domain, or a domain over an array type
     */
    public record BaseType(String typeName, char typeKind, boolean array) {
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The key columns in key order: the primary key, or every column when there is none. */
    public List<Column> keyColumns() {
        List<Column> pk = columns.stream().filter(Column::isPrimaryKey)
                .sorted(Comparator.comparingInt(Column::pkIndex)).toList();
        return pk.isEmpty() ? columns : pk;
    }

    public boolean hasPrimaryKey() {
        return columns.stream().anyMatch(Column::isPrimaryKey);
    }
}
