package io.quarkiverse.sync.runtime.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.where.PgType;
import io.quarkiverse.sync.runtime.where.WhereClause;
import io.quarkiverse.sync.runtime.where.WhereException;
import io.quarkiverse.sync.runtime.where.WhereSchema;

/** Compiles a shape's where-clause against its table, and adapts the evaluator to the engine's rows. */
final class WhereFilters {

    private WhereFilters() {
    }

    /** The compiled clause, or empty for a shape without one. */
    static Optional<WhereClause> compile(ShapeDefinition definition, TableSchema table)
            throws ShapeDefinitionException {
        if (definition.where().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(WhereClause.compile(definition.where().get(), schemaOf(table), definition.params()));
        } catch (WhereException e) {
            throw new ShapeDefinitionException(e.kind() == WhereException.Kind.PARAMS ? "params" : "where",
                    e.getMessage());
        }
    }

    /**
     * Column types as the where language knows them: a domain by its base type (its values are the base type's, and
     * Postgres compares them as such), enums by their own name, arrays of their element type.
     */
    static WhereSchema schemaOf(TableSchema table) {
        WhereSchema.Builder schema = WhereSchema.builder();
        for (TableSchema.Column column : table.columns()) {
            TableSchema.BaseType type = column.baseType();
            PgType base = type.typeKind() == 'e' ? PgType.enumType(type.typeName()) : PgType.of(type.typeName());
            schema.column(column.name(), type.array() ? PgType.arrayOf(base) : base);
        }
        return schema.build();
    }

    /** The row filter of a shape: rows are text values in table column order. */
    static RowFilter filter(Optional<WhereClause> where, TableSchema table) {
        Map<String, Integer> positions = new HashMap<>();
        List<TableSchema.Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i).name(), i);
        }
        return filter(where, positions);
    }

    /** @param positions column name → position in the row, shared by the shapes of a table */
    static RowFilter filter(Optional<WhereClause> where, Map<String, Integer> positions) {
        if (where.isEmpty()) {
            return RowFilter.ALL;
        }
        // A generated evaluator reads the row at these positions; the interpreter looks columns up by name.
        Predicate<String[]> evaluator = where.get().evaluator().overColumns(positions);
        return evaluator::test;
    }
}
