package io.quarkiverse.sync.deployment.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
            WhereEvaluatorGenerator.Generated g;
            try {
                // Planning is cheap; the key it yields decides whether a class already serves this clause.
                io.quarkiverse.sync.runtime.where.WherePlan plan = WhereEvaluatorGenerator.plan(shape.where(),
                        shape.columnTypes());
                if (!keys.add(plan.key())) {
                    continue;
                }
                g = WhereEvaluatorGenerator.generate(plan, output);
            } catch (WhereException e) {
                LOG.debugf("%s: where \"%s\" not compiled: %s", shape.location(), shape.where(), e.getMessage());
                continue;
            }
            if (g == null) {
                LOG.debugf("%s: where \"%s\" is too large to compile, it is interpreted", shape.location(),
                        shape.where());
                continue;
            }
            out.add(g);
        }
        return out;
    }
}
