package io.quarkiverse.sync.deployment.codegen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.quarkiverse.sync.deployment.StaticShapeBuildItem;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;

/**
 * Stands in for build-time validation in the tests: produces the {@link StaticShapeBuildItem} it would report for
 * {@link ItemShapes.ItemResource#mine}. Anonymous classes, not lambdas: this class is also loaded by the application's
 * class loader, where only the outer one may be verified.
 */
final class StaticShapeCustomizer {

    private StaticShapeCustomizer() {
    }

    /** The item's columns, {@code owner} with {@code ownerType}. */
    static Consumer<BuildChainBuilder> items(String ownerType) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", "int8");
        columns.put("owner", ownerType);
        columns.put("title", "text");
        return shape(new StaticShapeBuildItem("ItemResource#mine()", "public", "items", null, ItemShapes.WHERE, 1,
                columns));
    }

    /** Produces {@code shape} as build-time validation would. */
    static Consumer<BuildChainBuilder> shape(StaticShapeBuildItem shape) {
        return new Consumer<BuildChainBuilder>() {
            @Override
            public void accept(BuildChainBuilder chain) {
                chain.addBuildStep(new BuildStep() {
                    @Override
                    public void execute(BuildContext context) {
                        context.produce(shape);
                    }
                }).produces(StaticShapeBuildItem.class).build();
            }
        };
    }
}
