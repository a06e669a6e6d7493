package io.quarkiverse.sync.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.SyncShape;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With {@code quarkus.hibernate-orm.physical-naming-strategy} set to Hibernate's snake case strategy the model names
 * columns as Hibernate then does ({@code boxedCount} → {@code boxed_count}), checked against the tables it creates.
 */
class SnakeCaseNamingTest {

    @Path("/everything")
    public static class EverythingResource {
        @GET
        public SyncShape everything() {
            return SyncShape.of(Everything.class).where("boxed_count > 1 AND zip_code LIKE '1%'");
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = StaticShapes.capture(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Todo.class, Everything.class, Everything.Status.class,
                    Everything.Address.class, EverythingResource.class, StaticShapes.class))
            .overrideConfigKey("quarkus.hibernate-orm.physical-naming-strategy",
                    "org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create"));

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theEntityModelIsTheSchemaHibernateCreates() throws Exception {
        assertThat(StaticShapes.columnTypes("EverythingResource#everything()"))
                .containsEntry("boxed_count", "int4").containsEntry("zip_code", "varchar")
                .containsEntry("offset_date_time", "timestamptz")
                .isEqualTo(StaticShapes.catalog(dataSource, "everything"));
    }
}
