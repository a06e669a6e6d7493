package io.quarkiverse.sync.runtime.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.sync.runtime.pg.Catalog;
import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.TableSchema.Column;

/**
 * Maps shape definitions to live shapes. The same definition keeps its handle while its table keeps the same
 * identity and columns; a table dropped and created again, or altered, gets a new handle, so clients holding the old
 * one are told to refetch.
 */
public final class ShapeRegistry {

    private final Map<ShapeDefinition, Shape> shapes = new ConcurrentHashMap<>();
    private final HandleGenerator handles = new HandleGenerator();

    /**
     * The shape for this definition, created when there is none; the catalog is read each time so that a changed
     * table is noticed.
     */
    public Shape resolve(ShapeDefinition definition, Connection connection)
            throws SQLException, ShapeDefinitionException {
        TableSchema table = Catalog.table(connection, definition.schema(), definition.table())
                .orElseThrow(() -> new ShapeDefinitionException("table", "Table " + quoted(definition)
                        + " does not exist. If the table name contains capitals or special characters you must quote it."));
        List<Column> selected = select(table, definition);
        return shapes.compute(definition, (def, existing) -> existing != null && existing.table().equals(table)
                ? existing
                : new Shape(handles.next(def), def, table, selected, new RowMessages(table, selected),
                        SchemaHeader.of(selected)));
    }

    /** The shape currently holding this handle, if any. */
    public Shape byHandle(String handle) {
        for (Shape shape : shapes.values()) {
            if (shape.handle().equals(handle)) {
                return shape;
            }
        }
        return null;
    }

    private static List<Column> select(TableSchema table, ShapeDefinition definition) throws ShapeDefinitionException {
        if (definition.columns().isEmpty()) {
            return table.columns();
        }
        List<String> wanted = definition.columns().get();
        List<String> unknown = wanted.stream().filter(name -> table.column(name).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new ShapeDefinitionException("columns",
                    "The following columns are not found on the table: " + String.join(", ", unknown));
        }
        List<String> missingKey = table.columns().stream().filter(Column::isPrimaryKey).map(Column::name)
                .filter(name -> !wanted.contains(name)).toList();
        if (!missingKey.isEmpty()) {
            throw new ShapeDefinitionException("columns",
                    "The list of columns must include all primary key columns, missing: " + String.join(", ", missingKey));
        }
        List<Column> selected = new ArrayList<>();
        for (Column column : table.columns()) {
            if (wanted.contains(column.name())) {
                selected.add(column);
            }
        }
        return selected;
    }

    private static String quoted(ShapeDefinition definition) {
        return '"' + definition.schema() + "\".\"" + definition.table() + '"';
    }
}
