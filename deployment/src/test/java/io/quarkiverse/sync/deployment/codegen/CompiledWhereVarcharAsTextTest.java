package io.quarkiverse.sync.deployment.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.runtime.where.CompiledWheres;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The entity model says {@code owner varchar} (Hibernate's type for a {@code String}), the table, created by a
 * migration, says {@code text}: the build also generated the class for text, and the shape uses it.
 */
class CompiledWhereVarcharAsTextTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ItemShapes.class, ItemShapes.ItemResource.class,
                    ItemShapes.Schema.class, StaticShapeCustomizer.class))
            .addBuildChainCustomizer(StaticShapeCustomizer.items("varchar"));

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theShapeUsesTheTextVariant() throws Exception {
        CompiledWheres.Stats before = CompiledWheres.stats();
        ItemShapes.servesTheRightRows(dataSource);
        CompiledWheres.Stats after = CompiledWheres.stats();
        assertThat(after.compiled()).as("compiled clauses").isGreaterThan(before.compiled());
        assertThat(after.otherColumnTypes()).isEqualTo(before.otherColumnTypes());
    }
}
