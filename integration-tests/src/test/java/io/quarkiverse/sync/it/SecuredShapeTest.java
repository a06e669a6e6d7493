package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.SyncShape;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Shapes behind {@code @RolesAllowed}, {@code @Authenticated} and an aborting request filter: a refused request gets
 * its 401/403/503 without the resource method running, so no shape is created and no snapshot query runs; the
 * identity feeds the where params; a param holding SQL text is only ever a value.
 */
@QuarkusTest
class SecuredShapeTest {

    private static final UUID ANN = SecuredTodoResource.ownerOf("ann");
    private static final UUID BOB = SecuredTodoResource.ownerOf("bob");
    private static final String DROP = "'; DROP TABLE todos; --";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncShapeService sync;

    @Inject
    Maintenance maintenance;

    @BeforeEach
    void todos() throws Exception {
        TodoFixture.reset(dataSource, sync, "INSERT INTO todos (id, title, completed, owner_id) VALUES "
                + "(7001, 'groceries', false, '" + ANN + "'), (7002, '" + DROP.replace("'", "''") + "', false, '"
                + ANN + "'), (7003, 'bob''s', true, '" + BOB + "')");
    }

    @AfterEach
    void open() {
        maintenance.close(false);
    }

    @Test
    void aRolesAllowedShapeRefusesWithoutTouchingTheEngine() throws Exception {
        SyncShape overview = SyncShape.of(Todo.class).columns("id", "title", "owner_id");
        int calls = SecuredTodoResource.CALLS.get();
        Set<String> shapeDirs = shapeDirs();

        Response anonymous = given().get("/secured/todos/overview?offset=-1");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.header("www-authenticate")).startsWithIgnoringCase("basic");
        assertThat(as("ann", "wrong").get("/secured/todos/overview?offset=-1").statusCode()).isEqualTo(401);
        assertThat(as("ann", "ann-secret").get("/secured/todos/overview?offset=-1").statusCode())
                .as("ann is a user, not an admin").isEqualTo(403);
        assertThat(as("ann", "ann-secret").get("/secured/todos/overview?offset=-1&live=true").statusCode())
                .isEqualTo(403);

        assertThat(SecuredTodoResource.CALLS.get()).as("the resource method never ran").isEqualTo(calls);
        assertThat(sync.engine().existing(sync.definition(overview))).as("no shape created").isEmpty();
        assertThat(shapeDirs()).as("no shape log written").isSubsetOf(shapeDirs);

        Response admin = as("root", "root-secret").get("/secured/todos/overview?offset=-1");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(values(admin)).extracting(v -> v.get("title")).containsExactlyInAnyOrder("groceries", DROP, "bob's");
        assertThat(values(admin)).allSatisfy(v -> assertThat(v).containsOnlyKeys("id", "title", "owner_id"));
        assertThat(SecuredTodoResource.CALLS.get()).isEqualTo(calls + 1);
        assertThat(sync.engine().existing(sync.definition(overview))).as("created once allowed").isPresent();
    }

    @Test
    void anAuthenticatedShapeTakesTheOwnerFromTheIdentity() throws Exception {
        int calls = SecuredTodoResource.CALLS.get();
        assertThat(given().get("/secured/todos/mine?offset=-1").statusCode()).isEqualTo(401);
        assertThat(SecuredTodoResource.CALLS.get()).isEqualTo(calls);

        Response ann = as("ann", "ann-secret").get("/secured/todos/mine?offset=-1&owner=" + BOB);
        assertThat(ann.statusCode()).isEqualTo(200);
        assertThat(values(ann)).extracting(v -> v.get("title")).containsExactlyInAnyOrder("groceries", DROP);
        Response bob = as("bob", "bob-secret").get("/secured/todos/mine?offset=-1&where=true");
        assertThat(values(bob)).extracting(v -> v.get("title")).containsExactly("bob's");
        assertThat(bob.header("electric-handle")).isNotEqualTo(ann.header("electric-handle"));
    }

    @Test
    void anAbortingRequestFilterNeverReachesTheShape() throws Exception {
        SyncShape carols = SyncShape.of(Todo.class).where("owner_id = $1", SecuredTodoResource.ownerOf("carol"));
        int calls = SecuredTodoResource.CALLS.get();
        Set<String> shapeDirs = shapeDirs();
        maintenance.close(true);

        Response closed = as("carol", "carol-secret").get("/secured/todos/mine?offset=-1");
        assertThat(closed.statusCode()).isEqualTo(503);
        assertThat(closed.header("retry-after")).isEqualTo("60");
        assertThat(SecuredTodoResource.CALLS.get()).isEqualTo(calls);
        assertThat(sync.engine().existing(sync.definition(carols))).isEmpty();
        assertThat(shapeDirs()).isSubsetOf(shapeDirs);

        maintenance.close(false);
        assertThat(as("carol", "carol-secret").get("/secured/todos/mine?offset=-1").statusCode()).isEqualTo(200);
        assertThat(sync.engine().existing(sync.definition(carols))).isPresent();
    }

    @Test
    void sqlTextInAWhereParamIsOnlyEverAValue() throws Exception {
        Response exact = as("ann", "ann-secret").queryParam("title", DROP).get("/secured/todos/titled?offset=-1");
        assertThat(exact.statusCode()).isEqualTo(200);
        assertThat(values(exact)).extracting(v -> v.get("id")).containsExactly("7002");

        for (String attack : List.of("1 OR 1=1", "groceries' OR '1'='1", "x') OR true OR ('", "$1", "groceries; --")) {
            Response none = as("ann", "ann-secret").queryParam("title", attack).get("/secured/todos/titled?offset=-1");
            assertThat(none.statusCode()).as(attack).isEqualTo(200);
            assertThat(values(none)).as(attack).isEmpty();
        }
        Response groceries = as("ann", "ann-secret").queryParam("title", "groceries")
                .get("/secured/todos/titled?offset=-1");
        assertThat(values(groceries)).extracting(v -> v.get("id")).containsExactly("7001");

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet count = s.executeQuery("SELECT count(*) FROM todos")) {
            count.next();
            assertThat(count.getInt(1)).as("the table is still there, rows untouched").isEqualTo(3);
        }
    }

    private static RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password);
    }

    private static List<Map<String, Object>> values(Response response) {
        List<Map<String, Object>> messages = response.jsonPath().getList("$");
        return messages.stream().filter(m -> m.containsKey("value"))
                .map(m -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> value = (Map<String, Object>) m.get("value");
                    return value;
                })
                .collect(Collectors.toList());
    }

    private static Set<String> shapeDirs() throws IOException {
        Path storage = Path.of(ConfigProvider.getConfig().getValue("quarkus.sync.storage-dir", String.class));
        try (Stream<Path> entries = Files.list(storage)) {
            return entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
