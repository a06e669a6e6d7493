package io.quarkiverse.sync.runtime.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.TableSchema.Column;
import io.quarkiverse.sync.runtime.where.WhereClause;

/**
 * Per-table state that every shape of a table can share: the table description, the column positions the where
 * evaluator reads rows by, and, per selection of columns, the message builder and the {@code electric-schema}
 * header. Thousands of shapes on one table (one per user, say) then cost their own definition and log, not copies of
 * the table (protocol-wise nothing changes: these are all immutable).
 */
final class SharedTables {

    private record Derived(List<Column> selected, RowMessages messages, String schemaHeader) {
    }

    /** The state of one table as the catalog last described it; replaced when the description changes. */
    private static final class Table {
        final TableSchema schema;
        final Map<String, Integer> positions = new HashMap<>();
        final Map<List<Column>, Derived> bySelection = new ConcurrentHashMap<>();

        Table(TableSchema schema) {
            this.schema = schema;
            List<Column> columns = schema.columns();
            for (int i = 0; i < columns.size(); i++) {
                positions.put(columns.get(i).name(), i);
            }
        }
    }

    private final Map<Long, Table> byOid = new ConcurrentHashMap<>();

    private Table table(TableSchema fresh) {
        return byOid.compute(fresh.oid(), (oid, known) -> known != null && known.schema.equals(fresh) ? known
                : new Table(fresh));
    }

    /** The shape of a definition checked against {@code fresh}, built from the shared state of its table. */
    Shape shape(String handle, ShapeDefinition definition, TableSchema fresh) throws ShapeDefinitionException {
        Table table = table(fresh);
        List<Column> selected = ShapeColumns.select(table.schema, definition);
        Derived derived = table.bySelection.computeIfAbsent(List.copyOf(selected),
                s -> new Derived(s, new RowMessages(table.schema, s), SchemaHeader.of(s)));
        Optional<WhereClause> where = WhereFilters.compile(definition, table.schema);
        return new Shape(handle, definition, table.schema, derived.selected, derived.messages, derived.schemaHeader,
                where);
    }

    /** The row filter of a shape, reading rows by the table's shared column positions. */
    RowFilter filter(Shape shape) {
        return WhereFilters.filter(shape.where(), table(shape.table()).positions);
    }
}
