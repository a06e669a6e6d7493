package io.quarkiverse.sync.deployment.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import io.quarkiverse.sync.deployment.StaticShapeBuildItem;
import io.quarkiverse.sync.runtime.where.WhereException;
import io.quarkus.gizmo.ClassOutput;

/** Turns the static shapes found at build time into one generated evaluator per distinct where clause. */
public final class CompiledWhereClasses {

    private static final Logger LOG = Logger.getLogger(CompiledWhereClasses.class);

    private CompiledWhereClasses() {
    }

    /**
     * Generates the classes into {@code output}, once per registry key (where text and referenced column types).
     * Shapes without a where clause or without known column types are skipped, and so are clauses that do not
     * type-check: build-time validation reports those, and at run time the interpreter raises the same error.
     */
    public static List<WhereEvaluatorGenerator.Generated> generate(List<StaticShapeBuildItem> shapes,
            ClassOutput output) {
        List<WhereEvaluatorGenerator.Generated> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (StaticShapeBuildItem shape : shapes) {
            if (shape.where() == null || shape.where().isBlank() || shape.columnTypes().isEmpty()) {
                continue;
            }
            for (Map<String, String> columnTypes : variants(shape.columnTypes(), shape.enumColumns())) {
                WhereEvaluatorGenerator.Generated g;
                try {
                    // Planning is cheap; the key it yields decides whether a class already serves this clause.
                    io.quarkiverse.sync.runtime.where.WherePlan plan = WhereEvaluatorGenerator.plan(shape.where(),
                            columnTypes);
                    if (!keys.add(plan.key())) {
                        continue;
                    }
                    g = WhereEvaluatorGenerator.generate(plan, output);
                } catch (WhereException e) {
                    LOG.debugf("%s: where \"%s\" not compiled: %s", shape.location(), shape.where(),
                            e.getMessage());
                    continue;
                }
                if (g == null) {
                    LOG.debugf("%s: where \"%s\" is too large to compile, it is interpreted", shape.location(),
                            shape.where());
                    continue;
                }
                out.add(g);
            }
        }
        return out;
    }

    /**
     * The column types to generate for: the entity model's; the same with {@code text} for each {@code varchar}
     * (Hibernate maps a {@code String} to {@code varchar}, but tables created by migrations often say {@code text},
     * as the todo app's do); and that with a PostgreSQL enum type for each column of a Java enum attribute (a
     * migration's {@code CREATE TYPE ... AS ENUM}, or {@code @JdbcTypeCode(SqlTypes.NAMED_ENUM)}). The class is looked
     * up by the types the database reports, so each gets one; variants that read none of the changed columns yield
     * the same key and one class.
     */
    static List<Map<String, String>> variants(Map<String, String> columnTypes, Set<String> enumColumns) {
        Map<String, String> asText = new LinkedHashMap<>();
        columnTypes.forEach((column, type) -> asText.put(column, type.equals("varchar") ? "text" : type));
        Map<String, String> asEnum = new LinkedHashMap<>(asText);
        enumColumns.forEach(column -> asEnum.put(column, WhereEvaluatorGenerator.ENUM_TYPE));
        List<Map<String, String>> variants = new ArrayList<>(List.of(columnTypes));
        for (Map<String, String> variant : List.of(asText, asEnum)) {
            if (!variants.contains(variant)) {
                variants.add(variant);
            }
        }
        return variants;
    }
}
