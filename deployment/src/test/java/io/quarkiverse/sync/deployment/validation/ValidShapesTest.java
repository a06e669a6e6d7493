package io.quarkiverse.sync.deployment.validation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.SyncShape;
import io.quarkiverse.sync.deployment.StaticShapeBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * An application whose shapes are all valid builds and serves them. Every statically known shape, from a resource
 * method or one of its lambdas, becomes a {@link StaticShapeBuildItem}; shapes whose text is computed are reported
 * once as validated at run time; the entity model agrees with the tables Hibernate itself creates.
 */
class ValidShapesTest {

    @Path("/todos")
    public static class TodoResource {

        @GET
        @Path("/all")
        public SyncShape all() {
            return SyncShape.of(Todo.class);
        }

        @GET
        @Path("/mine")
        public SyncShape mine(@QueryParam("owner") UUID owner) {
            return SyncShape.of(Todo.class).where("owner_id = $1 AND NOT completed", owner)
                    .columns("id", "title", "owner_id").log(LogMode.FULL);
        }

        @GET
        @Path("/later")
        public Uni<SyncShape> later() {
            return Uni.createFrom().item(() -> SyncShape.table("todos").where("title ILIKE $1", "a%"));
        }

        @GET
        @Path("/focus")
        public SyncShape focus(@QueryParam("done") boolean done) {
            return SyncShape.dynamic(() -> SyncShape.of(Todo.class).where("completed = $1 AND created_at > $2", done,
                    java.time.Instant.EPOCH));
        }

        @GET
        @Path("/everything")
        public SyncShape everything() {
            return SyncShape.of(Everything.class);
        }

        @GET
        @Path("/search")
        public SyncShape search(@QueryParam("done") boolean done) {
            return SyncShape.of(Todo.class).where(condition(done));
        }

        @GET
        @Path("/audit")
        public SyncShape audit() {
            return SyncShape.table("audit_log");
        }

        private static String condition(boolean done) {
            return done ? "completed" : "NOT completed";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = StaticShapes.capture(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Todo.class, Everything.class, Everything.Status.class,
                    Everything.Address.class, TodoResource.class, StaticShapes.class))
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create"))
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("io.quarkiverse.sync.deployment"))
            .assertLogRecords(records -> assertThat(records.stream().map(LogRecord::getMessage)
                    .filter(m -> m.contains("validated at run time")).collect(Collectors.toList()))
                    .containsExactlyInAnyOrder(
                            "TodoResource#search(): shape validated at run time (the where-clause is computed at run time)",
                            "TodoResource#audit(): shape validated at run time (no entity maps table audit_log)"));

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyStaticShapeIsHandedToTheCompiler() {
        String todoColumns = "{id=int8, title=varchar, completed=bool, owner_id=uuid, created_at=timestamptz}";
        String todo = Todo.class.getName();
        assertThat(StaticShapes.lines()).containsExactlyInAnyOrder(
                "TodoResource#all()|public.todos|" + todo + "|null|0|" + todoColumns,
                "TodoResource#mine()|public.todos|" + todo + "|owner_id = $1 AND NOT completed|1|" + todoColumns,
                "TodoResource#later()|public.todos|null|title ILIKE $1|1|" + todoColumns,
                "TodoResource#focus()|public.todos|" + todo + "|completed = $1 AND created_at > $2|2|" + todoColumns,
                "TodoResource#everything()|public.everything|" + Everything.class.getName() + "|null|0|{id=int8, "
                        + "count=int4, boxedcount=int4, small=int2, tiny=int2, big=int8, flag=bool, boxedflag=bool, "
                        + "ratio=float8, ratio4=float4, amount=numeric, name=varchar, initial=bpchar, uid=uuid, "
                        + "instant=timestamptz, offsetdatetime=timestamptz, zoneddatetime=timestamptz, "
                        + "localdatetime=timestamp, day=date, time=time, bytes=bytea, ordinalstatus=int2, "
                        + "status=varchar, due_on=date, camelcase=date, todo_id=int8, street=varchar, zipcode=varchar}");
    }

    /** What the model says of Everything, column by column, is what PostgreSQL says of the table Hibernate made. */
    @Test
    void theEntityModelIsTheSchemaHibernateCreates() throws Exception {
        assertThat(StaticShapes.columnTypes("TodoResource#everything()"))
                .isEqualTo(StaticShapes.catalog(dataSource, "everything"));
        assertThat(StaticShapes.columnTypes("TodoResource#all()")).isEqualTo(StaticShapes.catalog(dataSource, "todos"));
    }

    @Test
    void validShapesAreServed() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO todos (id, title, completed) VALUES (1, 'a todo', false)");
        }
        String body = given().get("/todos/all?offset=-1").then().statusCode(200).extract().asString();
        assertThat(body).contains("\"title\":\"a todo\"");
        String mine = given().get("/todos/mine?offset=-1&owner=" + UUID.randomUUID()).then().statusCode(200)
                .extract().asString();
        assertThat(mine).doesNotContain("a todo");
    }
}
