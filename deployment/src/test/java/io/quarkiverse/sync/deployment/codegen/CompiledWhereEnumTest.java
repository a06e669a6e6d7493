package io.quarkiverse.sync.deployment.codegen;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.SyncShape;
import io.quarkiverse.sync.deployment.StaticShapeBuildItem;
import io.quarkiverse.sync.runtime.where.CompiledWheres;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A Java enum attribute (the model says {@code varchar}, as for {@code @Enumerated(STRING)}) whose column a migration
 * made a PostgreSQL enum type: the build also generated the class for an enum column, whatever the type's name, and
 * the shape uses it and serves the right rows.
 */
class CompiledWhereEnumTest {

    static final String WHERE = "status::text = $1 AND title ILIKE 'x%'";

    @Path("/tasks")
    public static class TaskResource {
        @GET
        public SyncShape open(@QueryParam("status") String status) {
            return SyncShape.table("enum_tasks").where(WHERE, status);
        }
    }

    @ApplicationScoped
    public static class Schema {
        @Inject
        AgroalDataSource dataSource;

        void create(@Observes StartupEvent start) throws Exception {
            ItemShapes.sql(dataSource, "CREATE TYPE task_status AS ENUM ('open', 'done')",
                    "CREATE TABLE enum_tasks (id int8 PRIMARY KEY, status task_status NOT NULL, title text NOT NULL)",
                    "INSERT INTO enum_tasks VALUES (1, 'open', 'Xylophone'), (2, 'done', 'xray'), (3, 'open', 'report')");
        }
    }

    /** The item build validation reports for {@link TaskResource#open}: status is a Java enum attribute. */
    static Consumer<BuildChainBuilder> shape() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", "int8");
        columns.put("status", "varchar");
        columns.put("title", "varchar");
        return StaticShapeCustomizer.shape(new StaticShapeBuildItem("TaskResource#open()", "public", "enum_tasks",
                null, WHERE, 1, columns, Set.of("status")));
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TaskResource.class, Schema.class, ItemShapes.class,
                    StaticShapeCustomizer.class))
            .addBuildChainCustomizer(shape());

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theShapeUsesTheEnumVariant() throws Exception {
        CompiledWheres.Stats before = CompiledWheres.stats();
        Response snapshot = given().get("/tasks?status=open&offset=-1");
        assertThat(snapshot.statusCode()).as(snapshot.asString()).isEqualTo(200);
        assertThat(snapshot.jsonPath().<String> getList("value.title")).containsExactly("Xylophone");
        CompiledWheres.Stats after = CompiledWheres.stats();
        assertThat(after.compiled()).as("compiled clauses").isGreaterThan(before.compiled());
        assertThat(after.otherColumnTypes()).isEqualTo(before.otherColumnTypes());

        // Live: of three inserts, the evaluator keeps the open x-title only.
        String handle = snapshot.header("electric-handle");
        Response upToDate = given().get("/tasks?status=open&offset=" + snapshot.header("electric-offset") + "&handle="
                + handle);
        java.util.concurrent.CompletableFuture<Response> live = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> given().get("/tasks?status=open&live=true&offset=" + upToDate.header("electric-offset")
                        + "&handle=" + handle));
        Thread.sleep(300);
        ItemShapes.sql(dataSource, "INSERT INTO enum_tasks VALUES (4, 'open', 'XL'), (5, 'done', 'xenon'),"
                + " (6, 'open', 'no x')");
        Response changes = live.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(changes.statusCode()).isEqualTo(200);
        List<String> titles = changes.jsonPath().getList("findAll { it.value != null }.value.title");
        assertThat(titles).containsExactly("XL");
    }
}
