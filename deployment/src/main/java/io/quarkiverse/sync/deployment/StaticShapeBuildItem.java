package io.quarkiverse.sync.deployment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.quarkus.builder.item.MultiBuildItem;

/**
 * A shape whose table and where-clause text are known at build time: from the constant arguments of the
 * {@code SyncShape} builder calls in a resource method, or from a declarative shape in configuration. Build-time
 * validation produces one for every shape it has checked; the where-clause compiler turns each distinct static
 * where-clause into a generated evaluator class.
 */
public final class StaticShapeBuildItem extends MultiBuildItem {

    private final String location;
    private final String schema;
    private final String table;
    private final String entityClass;
    private final String where;
    private final int paramCount;
    private final Map<String, String> columnTypes;
    private final java.util.Set<String> enumColumns;

    /**
     * @param location where the shape was found, as build errors print it: {@code TodoResource#mine()} or
     *        {@code quarkus.sync.shapes."todos"}
     * @param schema the table's schema ({@code public} unless mapped otherwise)
     * @param table the table's name as stored in the catalog
     * @param entityClass the entity's class name, or null for a shape made with {@code SyncShape.table(...)}
     * @param where the where-clause text, or null when the shape has none
     * @param paramCount how many {@code $n} values the static call passes, or -1 when not known at build time
     * @param columnTypes every column of the table as the Hibernate model maps it, in order: column name → PostgreSQL
     *        type name ({@code int8}, {@code text}, {@code bool}, {@code _text} for arrays…); empty when the table is
     *        not known at build time (a table without an entity)
     */
    public StaticShapeBuildItem(String location, String schema, String table, String entityClass, String where,
            int paramCount, Map<String, String> columnTypes) {
        this(location, schema, table, entityClass, where, paramCount, columnTypes, java.util.Set.of());
    }

    /**
     * @param enumColumns the columns of Java enum attributes, which the database may hold as a PostgreSQL enum type
     *        (the where-clause compiler then also generates for that)
     */
    public StaticShapeBuildItem(String location, String schema, String table, String entityClass, String where,
            int paramCount, Map<String, String> columnTypes, java.util.Set<String> enumColumns) {
        this.enumColumns = java.util.Set.copyOf(enumColumns);
        this.location = Objects.requireNonNull(location);
        this.schema = Objects.requireNonNull(schema);
        this.table = Objects.requireNonNull(table);
        this.entityClass = entityClass;
        this.where = where;
        this.paramCount = paramCount;
        this.columnTypes = Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
    }

    public String location() {
        return location;
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    public String entityClass() {
        return entityClass;
    }

    public String where() {
        return where;
    }

    public int paramCount() {
        return paramCount;
    }

    public Map<String, String> columnTypes() {
        return columnTypes;
    }

    public java.util.Set<String> enumColumns() {
        return enumColumns;
    }

    public List<String> columnNames() {
        return List.copyOf(columnTypes.keySet());
    }
}
