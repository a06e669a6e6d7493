package io.quarkiverse.sync.runtime;

import java.util.Map;
import java.util.Optional;

/**
 * The table of each JPA entity, found at build time, so that {@code SyncShape.of(Todo.class)} needs no Hibernate
 * metadata lookup at run time.
 */
public final class EntityTables {

    /** A table's schema and exact (case-sensitive) name. */
    public record TableName(String schema, String name) {
    }

    private final Map<String, TableName> byEntityClass;

    public EntityTables(Map<String, TableName> byEntityClass) {
        this.byEntityClass = Map.copyOf(byEntityClass);
    }

    public Optional<TableName> of(Class<?> entity) {
        return Optional.ofNullable(byEntityClass.get(entity.getName()));
    }
}
