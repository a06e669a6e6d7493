package io.quarkiverse.sync.deployment.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.runtime.where.CompiledWheres;
import io.quarkus.test.QuarkusUnitTest;

/** A static where-clause whose column types match the table's: the shape uses the class generated at build time. */
class CompiledWhereAppTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ItemShapes.class, ItemShapes.ItemResource.class,
                    ItemShapes.Schema.class, StaticShapeCustomizer.class))
            .addBuildChainCustomizer(StaticShapeCustomizer.items("text"));

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theShapeUsesTheGeneratedEvaluator() throws Exception {
        CompiledWheres.Stats before = CompiledWheres.stats();
        ItemShapes.servesTheRightRows(dataSource);
        CompiledWheres.Stats after = CompiledWheres.stats();
        assertThat(after.compiled()).as("compiled clauses").isGreaterThan(before.compiled());
        assertThat(after.otherColumnTypes()).isEqualTo(before.otherColumnTypes());
    }
}
