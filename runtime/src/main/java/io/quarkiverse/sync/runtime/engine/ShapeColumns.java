package io.quarkiverse.sync.runtime.engine;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.TableSchema.Column;

/** Checks a definition's column list against the table and gives the selected columns in table order. */
final class ShapeColumns {

    private ShapeColumns() {
    }

    static List<Column> select(TableSchema table, ShapeDefinition definition) throws ShapeDefinitionException {
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

    static String tableMissing(ShapeDefinition definition) {
        return "Table \"" + definition.schema() + "\".\"" + definition.table()
                + "\" does not exist. If the table name contains capitals or special characters you must quote it.";
    }
}
