package io.quarkiverse.sync.deployment.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables and columns that Hibernate ORM maps the application's {@code @Entity} classes to, read from the Jandex
 * index at build time, so that shapes can be checked before the application runs.
 */
public final class EntityModel {

    /**
     * A mapped column.
     *
     * @param name the column name as stored in the catalog (PostgreSQL folds unquoted names to lower case)
     * @param type the PostgreSQL type name ({@code int8}, {@code varchar}, {@code _int4}…), or null when the mapping
     *        cannot be known at build time (a converter, a {@code columnDefinition}, a type Hibernate maps by
     *        configuration)
     * @param primaryKey whether the column is (part of) the primary key
     * @param javaEnum whether the attribute is a Java enum: its column may also be a PostgreSQL enum type in the
     *        database (created by a migration, or mapped with {@code @JdbcTypeCode(SqlTypes.NAMED_ENUM)})
     */
    public record Column(String name, String type, boolean primaryKey, boolean javaEnum) {

        public Column(String name, String type, boolean primaryKey) {
            this(name, type, primaryKey, false);
        }
    }

    /**
     * An entity and its table.
     *
     * @param columns the mapped columns, superclass fields first, in declaration order; empty when {@code unknownReason}
     *        is set
     * @param unknownReason why the columns cannot be known at build time (property access, entity inheritance, a
     *        custom naming strategy…), or null when they are
     */
    public record Entity(String className, String schema, String table, List<Column> columns, String unknownReason) {

        public String simpleName() {
            int dot = className.lastIndexOf('.');
            String name = className.substring(dot + 1);
            return name.substring(name.lastIndexOf('$') + 1);
        }

        public boolean columnsKnown() {
            return unknownReason == null;
        }

        public Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst();
        }

        public List<String> primaryKey() {
            List<String> pk = new ArrayList<>();
            columns.forEach(c -> {
                if (c.primaryKey()) {
                    pk.add(c.name());
                }
            });
            return pk;
        }

        /** The columns of Java enum attributes (see {@link Column#javaEnum}). */
        public java.util.Set<String> enumColumns() {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            columns.forEach(c -> {
                if (c.javaEnum()) {
                    names.add(c.name());
                }
            });
            return names;
        }

        /** Column name → type name, in order, for the columns whose type is known. */
        public Map<String, String> columnTypes() {
            Map<String, String> types = new LinkedHashMap<>();
            columns.forEach(c -> {
                if (c.type() != null) {
                    types.put(c.name(), c.type());
                }
            });
            return types;
        }
    }

    private final Map<String, Entity> byClass;

    public EntityModel(Map<String, Entity> byClass) {
        this.byClass = Collections.unmodifiableMap(new LinkedHashMap<>(byClass));
    }

    /** Entity class name → entity. */
    public Map<String, Entity> entities() {
        return byClass;
    }

    public Optional<Entity> byClass(String className) {
        return Optional.ofNullable(byClass.get(className));
    }

    /** The entity mapped to this table, if exactly one is (several entities may share a table). */
    public Optional<Entity> byTable(String schema, String table) {
        Entity found = null;
        for (Entity e : byClass.values()) {
            if (e.schema().equals(schema) && e.table().equals(table)) {
                if (found != null) {
                    return Optional.empty();
                }
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Entity class name → [schema, table], what the runtime needs to serve {@code SyncShape.of(...)}. */
    public Map<String, List<String>> tableNames() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        byClass.forEach((name, entity) -> names.put(name, List.of(entity.schema(), entity.table())));
        return names;
    }
}
