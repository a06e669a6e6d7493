package io.quarkiverse.sync.runtime.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;

/**
 * What identifies a shape (protocol §2.2): the same definition maps to the same handle until the shape is invalidated.
 *
 * @param columns the selected columns as given, or empty for all
 * @param where the where-clause as written, or empty
 * @param params the values of its {@code $n} parameters, keyed {@code "1"}, {@code "2"}, … (Postgres text, not null)
 */
public record ShapeDefinition(String schema, String table, Optional<List<String>> columns, Replica replica,
        LogMode log, Optional<String> where, Map<String, String> params) {

    public ShapeDefinition {
        columns = columns.map(List::copyOf);
        where = where.filter(text -> !text.isBlank());
        // Params without a where are ignored. An immutable copy: compact, and one is kept per shape.
        params = where.isEmpty() ? Map.of() : Map.copyOf(params);
    }

    /** A definition without a where-clause. */
    public ShapeDefinition(String schema, String table, Optional<List<String>> columns, Replica replica, LogMode log) {
        this(schema, table, columns, replica, log, Optional.empty(), Map.of());
    }
}
