package io.quarkiverse.sync.deployment.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.runtime.where.CompiledWheres;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The class was generated for {@code owner bpchar}, but the table's column is {@code text} at run time: the shape
 * falls back to the interpreter, says so once in the log, and still serves the right rows.
 */
class CompiledWhereTypeChangedTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ItemShapes.class, ItemShapes.ItemResource.class,
                    ItemShapes.Schema.class, StaticShapeCustomizer.class))
            .addBuildChainCustomizer(StaticShapeCustomizer.items("bpchar"))
            .setLogRecordPredicate(r -> r.getLoggerName().endsWith("CompiledWheres"))
            .assertLogRecords(records -> assertThat(records).extracting(r -> String.format(r.getMessage(),
                    r.getParameters())).containsExactly("where \"owner = $1 AND title ILIKE 'x%'\" is interpreted: its"
                            + " class was generated at build time for the column types owner bpchar, title text, the"
                            + " database has owner text, title text"));

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theShapeIsInterpreted() throws Exception {
        CompiledWheres.Stats before = CompiledWheres.stats();
        ItemShapes.servesTheRightRows(dataSource);
        CompiledWheres.Stats after = CompiledWheres.stats();
        assertThat(after.compiled()).as("compiled clauses").isEqualTo(before.compiled());
        assertThat(after.otherColumnTypes()).as("clauses whose column types differ").isGreaterThan(
                before.otherColumnTypes());
    }
}
