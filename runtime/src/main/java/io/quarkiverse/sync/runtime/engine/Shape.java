package io.quarkiverse.sync.runtime.engine;

import java.util.List;

import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.TableSchema.Column;

/**
 * A live shape: its handle, its definition and the table as it was when the shape was created.
 *
 * @param selected the columns the shape sends, in table order
 * @param schemaHeader the {@code electric-schema} header value, computed once
 */
public record Shape(String handle, ShapeDefinition definition, TableSchema table, List<Column> selected,
        RowMessages messages, String schemaHeader) {
}
