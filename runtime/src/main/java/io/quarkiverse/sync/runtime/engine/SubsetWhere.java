package io.quarkiverse.sync.runtime.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.sync.runtime.where.WhereClause;
import io.quarkiverse.sync.runtime.where.WhereException;

/** The condition of a subset snapshot: the shape's own where and the subset's, both compiled, never pasted. */
public final class SubsetWhere {

    private SubsetWhere() {
    }

    /**
     * @return {@code (shape where) AND (subset where)} in normalised SQL, either alone, or null for all rows
     * @throws ShapeDefinitionException keyed {@code where}, {@code params} or {@code order_by}
     */
    public static String sql(Shape shape, Optional<String> subsetWhere, Map<String, String> params,
            List<String> orderColumns) throws ShapeDefinitionException {
        for (String column : orderColumns) {
            if (shape.table().column(column).isEmpty()) {
                throw new ShapeDefinitionException("order_by", "unknown column " + column);
            }
        }
        String subset = null;
        if (subsetWhere.isPresent()) {
            try {
                subset = WhereClause.compile(subsetWhere.get(), WhereFilters.schemaOf(shape.table()), params)
                        .normalizedSql();
            } catch (WhereException e) {
                throw new ShapeDefinitionException(e.kind() == WhereException.Kind.PARAMS ? "params" : "where",
                        e.getMessage());
            }
        }
        String own = shape.where().map(WhereClause::normalizedSql).orElse(null);
        if (own != null && subset != null) {
            // Both parenthesised: the reference server forgets the first pair, so a top-level OR binds wrongly.
            return "(" + own + ") AND (" + subset + ")";
        }
        return own != null ? own : subset;
    }
}
