package io.quarkiverse.sync.deployment.validation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;

import jakarta.inject.Inject;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.SyncShape;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * With {@code quarkus.hibernate-orm.database.default-schema} set, Hibernate creates the tables of entities that name no
 * schema there; {@code SyncShape.of(Note.class)} must sync that table, not one of the same name in {@code public}.
 */
class DefaultSchemaTest {

    @Entity
    @Table(name = "notes")
    public static class Note {
        @Id
        public Long id;

        public String body;
    }

    @Path("/notes")
    public static class NoteResource {
        @GET
        public SyncShape all() {
            return SyncShape.of(Note.class);
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = StaticShapes.capture(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Note.class, NoteResource.class, StaticShapes.class))
            .overrideConfigKey("quarkus.hibernate-orm.database.default-schema", "Sales")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.create-schemas", "true")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create"));

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theEntitysTableIsTheOneInTheDefaultSchema() throws Exception {
        assertThat(StaticShapes.lines()).anyMatch(line -> line.startsWith("NoteResource#all()|sales.notes|"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // A decoy of the same name in public, which the shape must not read.
            s.execute("CREATE TABLE IF NOT EXISTS public.notes (id int8 PRIMARY KEY, body text)");
            s.execute("INSERT INTO public.notes VALUES (1, 'in public') ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO sales.notes (id, body) VALUES (1, 'in sales')");
        }
        Response snapshot = given().get("/notes?offset=-1");
        assertThat(snapshot.statusCode()).as(snapshot.asString()).isEqualTo(200);
        assertThat(snapshot.jsonPath().<String> getList("value.body")).containsExactly("in sales");
    }
}
