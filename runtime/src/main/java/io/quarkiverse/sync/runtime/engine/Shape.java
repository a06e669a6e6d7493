package io.quarkiverse.sync.runtime.engine;

import java.util.List;
import java.util.Optional;

import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.TableSchema.Column;
import io.quarkiverse.sync.runtime.where.WhereClause;

/**
 * A live shape: its handle, its definition and the table as it was when the shape was created.
 *
 * @param selected the columns the shape sends, in table order
 * @param schemaHeader the {@code electric-schema} header value, computed once
 * @param where the compiled where-clause, empty for a shape without one
 */
public record Shape(String handle, ShapeDefinition definition, TableSchema table, List<Column> selected,
        RowMessages messages, String schemaHeader, Optional<WhereClause> where) {

    /** Builds the shape for a definition that was checked against {@code table}. */
    static Shape of(String handle, ShapeDefinition definition, TableSchema table) throws ShapeDefinitionException {
        List<Column> selected = ShapeColumns.select(table, definition);
        return new Shape(handle, definition, table, selected, new RowMessages(table, selected),
                SchemaHeader.of(selected), WhereFilters.compile(definition, table));
    }
}
