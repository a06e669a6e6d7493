package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkiverse.sync.runtime.protocol.JsonElements;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The exact JSON of transformed shapes ({@link TransformResource}): snapshot, live changes, subsets, ETags. */
@QuarkusTest
class TransformResourceTest {

    private static final String OWNER = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6";
    private static final String KEY_1 = "\"\\\"public\\\".\\\"todos\\\"/\\\"3001\\\"\"";
    private static final String KEY_2 = "\"\\\"public\\\".\\\"todos\\\"/\\\"3002\\\"\"";
    private static final String INSERT = "\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"todos\"]}";
    private static final List<String> SHAPES = List.of("/todos/shape", "/transforms/shouting",
            "/transforms/quiet-when-done", "/transforms/twice", "/transforms/todos", "/transforms/on-demand",
            "/transforms/focus?owner=" + OWNER);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncShapeService sync;

    @BeforeEach
    void twoTodos() throws Exception {
        reset("TRUNCATE todos", SHAPES, """
                INSERT INTO todos (id, title, completed, owner_id, created_at) VALUES
                  (3001, 'write docs', false, 'F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6', '2024-02-29 13:45:01.123456+02'),
                  (3002, 'ship it', true, NULL, '2024-03-01 00:00:00+00')
                """);
    }

    @Test
    void aRewriteInTheSnapshotAndInLiveChanges() throws Exception {
        Response snapshot = given().get("/transforms/shouting?offset=-1").then().statusCode(200).extract().response();
        assertThat(changes(snapshot)).containsExactlyInAnyOrder(
                "{\"key\":" + KEY_1 + ",\"value\":{\"id\":\"3001\",\"title\":\"WRITE DOCS\",\"completed\":\"f\","
                        + "\"owner_id\":\"" + OWNER + "\",\"created_at\":\"2024-02-29 11:45:01.123456+00\"}," + INSERT + "}",
                "{\"key\":" + KEY_2 + ",\"value\":{\"id\":\"3002\",\"title\":\"SHIP IT\",\"completed\":\"t\","
                        + "\"owner_id\":null,\"created_at\":\"2024-03-01 00:00:00+00\"}," + INSERT + "}");
        assertThat(elements(snapshot).get(2)).startsWith("{\"headers\":{\"control\":\"snapshot-end\"");
        Response plain = given().get("/todos/shape?offset=-1");
        assertThat(snapshot.header("electric-schema")).as("values stay PostgreSQL text")
                .isEqualTo(plain.header("electric-schema"));

        sql("UPDATE todos SET title = 'write more docs' WHERE id = 3001");
        String handle = snapshot.header("electric-handle");
        List<String> live = liveChanges("/transforms/shouting", handle);
        assertThat(live).hasSize(1);
        assertThat(live.get(0)).matches("\\{\"key\":" + java.util.regex.Pattern.quote(KEY_1)
                + ",\"value\":\\{\"id\":\"3001\",\"title\":\"WRITE MORE DOCS\"},\"headers\":\\{\"operation\":\"update\","
                + "\"relation\":\\[\"public\",\"todos\"],\"txids\":\\[\\d+],\"lsn\":\"\\d+\",\"op_position\":\\d+,"
                + "\"last\":true}}");
    }

    @Test
    void aTransformedResponseHasItsOwnEtag() {
        Response plain = given().get("/todos/shape?offset=-1");
        Response shouting = given().get("/transforms/shouting?offset=-1");
        String handle = plain.header("electric-handle");
        assertThat(shouting.header("electric-handle")).as("the same shape: one log, one handle").isEqualTo(handle);
        assertThat(shouting.header("etag")).startsWith("\"" + handle + ":-1:0_0:t").isNotEqualTo(plain.header("etag"));
        assertThat(given().get("/transforms/twice?offset=-1").header("etag")).isNotEqualTo(shouting.header("etag"));

        given().header("If-None-Match", shouting.header("etag")).get("/transforms/shouting?offset=-1").then()
                .statusCode(304).header("etag", shouting.header("etag"));
        // An untransformed etag never revalidates a transformed page, nor the other way round.
        given().header("If-None-Match", plain.header("etag")).get("/transforms/shouting?offset=-1").then()
                .statusCode(200);
        given().header("If-None-Match", shouting.header("etag")).get("/todos/shape?offset=-1").then()
                .statusCode(200);
    }

    @Test
    void droppedMessagesLeaveTheLastHeaderOnTheTransactionsLastEmittedMessage() throws Exception {
        Response snapshot = given().get("/transforms/quiet-when-done?offset=-1");
        // One transaction: the open todo's update is emitted, then the completed todo's (its last) is dropped.
        sql("BEGIN; UPDATE todos SET title = 'open edit' WHERE id = 3001; "
                + "UPDATE todos SET title = 'done edit' WHERE id = 3002; COMMIT");
        List<String> live = liveChanges("/transforms/quiet-when-done", snapshot.header("electric-handle"));
        assertThat(live).hasSize(1);
        assertThat(live.get(0)).startsWith("{\"key\":" + KEY_1 + ",\"value\":{\"id\":\"3001\",\"title\":\"open edit\","
                + "\"completed\":\"f\",").contains("\"old_value\":{\"title\":\"write docs\"}").endsWith(",\"last\":true}}");
    }

    @Test
    void aDuplicateHasAKeyOfItsOwn() {
        List<String> changes = changes(given().get("/transforms/twice?offset=-1"));
        assertThat(changes).hasSize(4);
        assertThat(changes).filteredOn(c -> c.startsWith("{\"key\":" + KEY_1.substring(0, KEY_1.length() - 1)
                + "/copy\"")).hasSize(1);
        assertThat(changes).filteredOn(c -> c.contains("\"title\":\"ship it\"")).hasSize(2);
    }

    @Test
    void theEntityFormOfTodo() {
        Response response = given().get("/transforms/todos?offset=-1").then().statusCode(200).extract().response();
        assertThat(changes(response)).containsExactlyInAnyOrder(
                "{\"key\":" + KEY_1 + ",\"value\":{\"id\":3001,\"title\":\"write docs\",\"completed\":false,"
                        + "\"ownerId\":\"" + OWNER + "\",\"createdAt\":\"2024-02-29T11:45:01.123456Z\"}," + INSERT + "}",
                "{\"key\":" + KEY_2 + ",\"value\":{\"id\":3002,\"title\":\"ship it\",\"completed\":true,"
                        + "\"ownerId\":null,\"createdAt\":\"2024-03-01T00:00:00Z\"}," + INSERT + "}");
        assertThat(response.header("electric-schema")).isEqualTo("{\"id\":{\"type\":\"Long\",\"pk_index\":0,"
                + "\"not_null\":true},\"title\":{\"type\":\"String\",\"not_null\":true},\"completed\":{\"type\":"
                + "\"boolean\",\"not_null\":true},\"ownerId\":{\"type\":\"UUID\"},\"createdAt\":{\"type\":"
                + "\"OffsetDateTime\",\"not_null\":true}}");
    }

    /** Quarkus' ObjectMapper writes a Duration as seconds (quarkus.jackson.write-durations-as-timestamps). */
    @Test
    void theEntityFormOfTaskAppliesItsEnumConverterAndJacksonAnnotations() throws Exception {
        reset("TRUNCATE tasks", List.of("/transforms/tasks"), "INSERT INTO tasks (id, title, priority, estimate, "
                + "due_on, secret) VALUES (1, 'Plan', 'HIGH', 90, '2024-03-01', 'hush'), (2, 'Rest', 'LOW', NULL, NULL, NULL)");
        Response response = given().get("/transforms/tasks?offset=-1").then().statusCode(200).extract().response();
        String key1 = "\"\\\"public\\\".\\\"tasks\\\"/\\\"1\\\"\"";
        String key2 = "\"\\\"public\\\".\\\"tasks\\\"/\\\"2\\\"\"";
        String insert = "\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"tasks\"]}";
        assertThat(changes(response)).containsExactlyInAnyOrder(
                "{\"key\":" + key1 + ",\"value\":{\"id\":1,\"title\":\"Plan\",\"priority\":\"high\","
                        + "\"estimate\":5400.000000000,\"due\":\"2024-03-01\"}," + insert + "}",
                "{\"key\":" + key2 + ",\"value\":{\"id\":2,\"title\":\"Rest\",\"priority\":\"low\","
                        + "\"estimate\":null,\"due\":null}," + insert + "}");
        assertThat(response.header("electric-schema")).isEqualTo("{\"id\":{\"type\":\"Long\",\"pk_index\":0,"
                + "\"not_null\":true},\"title\":{\"type\":\"String\",\"not_null\":true},\"priority\":{\"type\":"
                + "\"Priority\",\"not_null\":true},\"estimate\":{\"type\":\"Duration\"},\"due\":{\"type\":\"LocalDate\"}}");
        String rest = given().get("/transforms/tasks/1").then().statusCode(200).extract().body().asString();
        assertThat(changes(response)).as("the row is written as the REST API writes the entity")
                .anyMatch(change -> change.contains("\"value\":" + rest + ","));

        sql("UPDATE tasks SET estimate = 30 WHERE id = 1");
        List<String> live = liveChanges("/transforms/tasks", response.header("electric-handle"));
        assertThat(live).hasSize(1);
        assertThat(live.get(0)).as("a partial update stays partial")
                .startsWith("{\"key\":" + key1 + ",\"value\":{\"id\":1,\"estimate\":1800.000000000},");
    }

    @Test
    void subsetSnapshotsAreTransformed() {
        Response response = given().queryParam("offset", "-1").queryParam("subset__where", "id = $1")
                .queryParam("subset__params", "{\"1\":\"3001\"}").get("/transforms/on-demand");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("electric-snapshot")).isEqualTo("true");
        assertThat(response.body().asString()).matches("\\{\"metadata\":\\{\"xmin\":\"\\d+\",\"xmax\":\"\\d+\","
                + "\"xip_list\":\\[.*],\"database_lsn\":\"\\d+\",\"snapshot_mark\":\\d+},\"data\":\\[\\{\"key\":"
                + java.util.regex.Pattern.quote(KEY_1) + ",\"value\":\\{\"id\":\"3001\",\"title\":\"WRITE DOCS\",.*");
    }

    @Test
    void aDynamicShapesSupplierGivesItsTransform() {
        List<String> changes = changes(given().get("/transforms/focus?offset=-1&owner=" + OWNER));
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0)).contains("\"title\":\"WRITE DOCS\"");
    }

    @Test
    void aParkedDynamicRequestIsAnsweredTransformedAndAChangedShapeStill409s() throws Exception {
        String path = "/transforms/focus?owner=" + OWNER;
        Response snapshot = given().get(path + "&offset=-1");
        String handle = snapshot.header("electric-handle");
        String offset = given().get(path + "&offset=0_0&handle=" + handle).header("electric-offset");

        java.util.concurrent.CompletableFuture<Response> parked = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> given().get(path + "&offset=" + offset + "&live=true&handle=" + handle));
        Thread.sleep(300); // let it park
        sql("INSERT INTO todos (id, title, completed, owner_id) VALUES (3003, 'parked', false, '" + OWNER + "')");
        Response woken = parked.get(20, TimeUnit.SECONDS);
        assertThat(woken.statusCode()).isEqualTo(200);
        assertThat(woken.header("etag")).contains(":t");
        assertThat(changes(woken)).singleElement().asString().contains("\"title\":\"PARKED\"");

        String next = woken.header("electric-offset");
        java.util.concurrent.CompletableFuture<Response> interrupted = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> given().get(path + "&offset=" + next + "&live=true&handle=" + handle));
        Thread.sleep(300);
        try {
            given().put("/todos/focus?owner=" + OWNER + "&done=true").then().statusCode(200);
            Response conflict = interrupted.get(20, TimeUnit.SECONDS);
            assertThat(conflict.statusCode()).isEqualTo(409);
            assertThat(conflict.body().asString()).isEqualTo("[{\"headers\":{\"control\":\"must-refetch\"}}]");
            assertThat(conflict.header("electric-handle")).isNotEqualTo(handle);
        } finally {
            given().put("/todos/focus?owner=" + OWNER + "&done=false").then().statusCode(200);
        }
    }

    /** The change messages of a log response, each as its exact JSON text. */
    private static List<String> changes(Response response) {
        return elements(response).stream().filter(m -> m.startsWith("{\"key\"")).toList();
    }

    private static List<String> elements(Response response) {
        String body = response.body().asString();
        assertThat(body).startsWith("[").endsWith("]");
        return JsonElements.split(body.substring(1, body.length() - 1).getBytes(StandardCharsets.UTF_8));
    }

    /** Follows the shape from the start of its change log with live requests until changes arrive. */
    private static List<String> liveChanges(String path, String handle) {
        String offset = "0_0";
        for (int i = 0; i < 20; i++) {
            Response response = given().get(path + (path.contains("?") ? "&" : "?") + "offset=" + offset
                    + "&live=true&handle=" + handle);
            assertThat(response.statusCode()).isEqualTo(200);
            List<String> changes = changes(response);
            if (!changes.isEmpty()) {
                return changes;
            }
            offset = response.header("electric-offset");
        }
        throw new AssertionError("no change reached " + path);
    }

    private void sql(String statements) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }

    /** Truncates a table, waits until the shapes of these endpoints are gone (invalidated), then inserts. */
    private void reset(String truncate, List<String> paths, String insert) throws Exception {
        List<String> handles = new ArrayList<>();
        for (String path : paths) {
            handles.add(given().get(path + (path.contains("?") ? "&" : "?") + "offset=-1").header("electric-handle"));
        }
        sql(truncate);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (handles.stream().anyMatch(h -> sync.engine().byHandle(h).isPresent())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the shapes were not invalidated by " + truncate);
            }
            Thread.sleep(10);
        }
        sql(insert);
    }
}
