package io.quarkiverse.sync.runtime.engine;

import java.util.List;
import java.util.Optional;

import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;

/**
 * What identifies a shape (protocol §2.2): the same definition maps to the same handle until the shape is invalidated.
 *
 * @param columns the selected columns as given, or empty for all
 */
public record ShapeDefinition(String schema, String table, Optional<List<String>> columns, Replica replica,
        LogMode log) {

    public ShapeDefinition {
        columns = columns.map(List::copyOf);
    }
}
