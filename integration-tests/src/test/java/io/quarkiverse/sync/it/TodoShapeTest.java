package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The initial sync of {@code GET /todos/shape} as the Electric protocol (§3.3, §4, §6, §10) describes it. */
@QuarkusTest
class TodoShapeTest {

    private static final String SCHEMA = "{\"id\":{\"type\":\"int8\",\"pk_index\":0,\"not_null\":true},"
            + "\"title\":{\"type\":\"text\",\"not_null\":true},"
            + "\"completed\":{\"type\":\"bool\",\"not_null\":true},"
            + "\"owner_id\":{\"type\":\"uuid\"},"
            + "\"created_at\":{\"type\":\"timestamptz\",\"not_null\":true}}";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncShapeService sync;

    @BeforeEach
    void twoKnownTodos() throws Exception {
        TodoFixture.reset(dataSource, sync, """
                INSERT INTO todos (id, title, completed, owner_id, created_at) VALUES
                  (1001, 'Buy "milk"
                and ünïcode ✓', true, 'F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6', '2024-02-29 13:45:01.123456+02'),
                  (1002, '', false, NULL, '2024-03-01 00:00:00+00')
                """);
    }

    @Test
    void initialResponseHasTheRowsThenSnapshotEndAndTheProtocolHeaders() {
        Response response = given().get("/todos/shape?offset=-1").then().statusCode(200).extract().response();

        assertThat(response.header("content-type")).isEqualTo("application/json; charset=utf-8");
        String handle = response.header("electric-handle");
        assertThat(handle).matches("\\d+-\\d+");
        assertThat(response.header("electric-offset")).isEqualTo("0_0");
        assertThat(response.header("electric-schema")).isEqualTo(SCHEMA);
        assertThat(response.header("electric-has-data")).isEqualTo("true");
        assertThat(response.header("cache-control"))
                .isEqualTo("public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746");
        assertThat(response.header("etag")).isEqualTo("\"" + handle + ":-1:0_0\"");
        assertThat(response.header("electric-up-to-date")).as("never on offset=-1").isNull();
        assertThat(response.header("electric-cursor")).as("never on non-live").isNull();
        assertThat(response.header("access-control-allow-origin")).isEqualTo("*");
        assertThat(response.header("access-control-expose-headers")).isEqualTo("electric-cursor,electric-handle,"
                + "electric-has-data,electric-offset,electric-schema,electric-up-to-date,electric-internal-known-error,retry-after");

        List<Map<String, Object>> messages = response.jsonPath().getList("$");
        assertThat(messages).hasSize(3);
        Map<String, Object> first = byKey(messages, "\"public\".\"todos\"/\"1001\"");
        assertThat(first.get("value")).isEqualTo(Map.of(
                "id", "1001",
                "title", "Buy \"milk\"\nand ünïcode ✓",
                "completed", "t",
                "owner_id", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
                "created_at", "2024-02-29 11:45:01.123456+00"));
        assertThat(first.get("headers")).isEqualTo(Map.of("operation", "insert", "relation", List.of("public", "todos")));
        Map<String, Object> second = byKey(messages, "\"public\".\"todos\"/\"1002\"");
        Map<String, Object> secondValue = (Map<String, Object>) second.get("value");
        assertThat(secondValue).containsEntry("title", "").containsEntry("completed", "f")
                .containsEntry("created_at", "2024-03-01 00:00:00+00");
        assertThat(secondValue).containsKey("owner_id");
        assertThat(secondValue.get("owner_id")).as("SQL NULL is JSON null").isNull();

        Map<String, Object> end = messages.get(2);
        Map<String, Object> headers = (Map<String, Object>) end.get("headers");
        assertThat(headers.get("control")).isEqualTo("snapshot-end");
        assertThat((String) headers.get("xmin")).matches("\\d+");
        assertThat((String) headers.get("xmax")).matches("\\d+");
        assertThat(headers.get("xip_list")).isInstanceOf(List.class);
        assertThat(end).doesNotContainKey("key");
    }

    @Test
    void theNextRequestAtChunkZeroIsUpToDate() {
        String handle = given().get("/todos/shape?offset=-1").header("electric-handle");
        Response response = given().get("/todos/shape?offset=0_0&handle=" + handle).then().statusCode(200)
                .extract().response();
        assertThat(response.header("electric-handle")).isEqualTo(handle);
        assertThat(response.header("electric-offset")).isEqualTo("0_0");
        assertThat(response.header("electric-up-to-date")).isEqualTo("");
        assertThat(response.header("electric-schema")).isEqualTo(SCHEMA);
        assertThat(response.header("cache-control")).isEqualTo("public, max-age=60, stale-while-revalidate=300");
        assertThat(response.header("etag")).isEqualTo("\"" + handle + ":0_0:0_0\"");
        assertThat(response.body().asString()).matches("\\[\\{\"headers\":\\{\"control\":\"up-to-date\","
                + "\"global_last_seen_lsn\":\"\\d+\"}}]");
    }

    @Test
    void theSameShapeKeepsItsHandleAndAStaleHandleGets409WithTheCurrentOne() {
        String handle = given().get("/todos/shape?offset=-1").header("electric-handle");
        assertThat(given().get("/todos/shape?offset=-1").header("electric-handle")).isEqualTo(handle);

        Response conflict = given().get("/todos/shape?offset=0_0&handle=123-456").then().statusCode(409)
                .extract().response();
        assertThat(conflict.header("electric-handle")).isEqualTo(handle);
        assertThat(conflict.header("cache-control")).isEqualTo("public, max-age=60, must-revalidate");
        assertThat(conflict.body().asString()).isEqualTo("[{\"headers\":{\"control\":\"must-refetch\"}}]");
    }

    @Test
    void aMatchingIfNoneMatchGets304() {
        String etag = given().get("/todos/shape?offset=-1").header("etag");
        Response response = given().header("If-None-Match", etag).get("/todos/shape?offset=-1").then()
                .statusCode(304).extract().response();
        assertThat(response.header("etag")).isEqualTo(etag);
        assertThat(response.header("electric-schema")).isNull();
        assertThat(response.body().asString()).isEmpty();
        given().header("If-None-Match", "\"other\"").get("/todos/shape?offset=-1").then().statusCode(200);
    }

    @Test
    void aChangeAfterTheSnapshotIsReadFromTheLogWithItsTransactionHeaders() throws Exception {
        String handle = given().get("/todos/shape?offset=-1").header("electric-handle");
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("UPDATE todos SET completed = false WHERE id = 1001");
        }
        Response response = null;
        for (int i = 0; i < 200; i++) {
            response = given().get("/todos/shape?offset=0_0&handle=" + handle);
            if (!response.header("electric-offset").equals("0_0")) {
                break;
            }
            Thread.sleep(25);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        String offset = response.header("electric-offset");
        assertThat(offset).matches("\\d+_0");
        assertThat(response.header("electric-up-to-date")).isEqualTo("");
        List<Map<String, Object>> messages = response.jsonPath().getList("$");
        assertThat(messages).hasSize(2);
        Map<String, Object> update = messages.get(0);
        assertThat(update.get("key")).isEqualTo("\"public\".\"todos\"/\"1001\"");
        assertThat(update.get("value")).isEqualTo(Map.of("id", "1001", "completed", "f"));
        Map<String, Object> headers = (Map<String, Object>) update.get("headers");
        assertThat(headers).containsEntry("operation", "update").containsEntry("last", true)
                .containsEntry("op_position", 0).containsEntry("lsn", offset.replace("_0", ""));
        assertThat((List<?>) headers.get("txids")).hasSize(1);
        Map<String, Object> upToDate = (Map<String, Object>) messages.get(1).get("headers");
        assertThat(upToDate).containsEntry("control", "up-to-date");
        assertThat(Long.parseLong((String) upToDate.get("global_last_seen_lsn")))
                .isGreaterThanOrEqualTo(Long.parseLong(offset.replace("_0", "")));

        // Caught up: the same offset again is up-to-date with nothing new.
        Response again = given().get("/todos/shape?offset=" + offset + "&handle=" + handle);
        assertThat(again.header("electric-offset")).isEqualTo(offset);
        assertThat(again.jsonPath().getList("$")).hasSize(1);
        // An offset beyond the log is out of bounds, once half a long-poll (1 s in tests) has brought nothing.
        long start = System.nanoTime();
        Response beyond = given().get("/todos/shape?offset=99999999999_0&handle=" + handle);
        assertThat(beyond.statusCode()).isEqualTo(400);
        assertThat(beyond.body().asString())
                .isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"offset\":[\"out of bounds for this shape\"]}}");
        assertThat(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(900);
    }

    @Test
    void badPositionParametersGetThe400sOfTheProtocol() {
        expect400("/todos/shape", "{\"message\":\"Invalid request\",\"errors\":{\"offset\":[\"can't be blank\"]}}");
        expect400("/todos/shape?offset=10", "{\"message\":\"Invalid request\",\"errors\":{\"offset\":[\"has invalid format\"]}}");
        expect400("/todos/shape?offset=1_2_3", "{\"message\":\"Invalid request\",\"errors\":{\"offset\":[\"has invalid format\"]}}");
        expect400("/todos/shape?offset=0_0",
                "{\"message\":\"Invalid request\",\"errors\":{\"handle\":[\"can't be blank when offset != -1\"]}}");
        expect400("/todos/shape?offset=-1&live=true",
                "{\"message\":\"Invalid request\",\"errors\":{\"live\":[\"can't be true when offset == -1\"]}}");
        expect400("/todos/shape?offset=0_0&handle=h&live_sse=true",
                "{\"message\":\"Invalid request\",\"errors\":{\"live_sse\":[\"can't be true unless live is also true\"]}}");
    }

    @Test
    void clientShapeParametersAreIgnoredBecauseTheServerOwnsTheShape() {
        Response plain = given().get("/todos/shape?offset=-1");
        Response withParams = given()
                .get("/todos/shape?offset=-1&table=secrets&where=1=1&columns=id&replica=full&log=changes_only");
        assertThat(withParams.statusCode()).isEqualTo(200);
        assertThat(withParams.header("electric-handle")).isEqualTo(plain.header("electric-handle"));
        assertThat(withParams.body().asString()).isEqualTo(plain.body().asString());
    }

    @Test
    void theRequestOriginIsAllowed() {
        Response response = given().header("Origin", "https://app.example").get("/todos/shape?offset=-1");
        assertThat(response.header("access-control-allow-origin")).isEqualTo("https://app.example");
    }

    private static void expect400(String url, String body) {
        Response response = given().get(url).then().statusCode(400).extract().response();
        assertThat(response.body().asString()).isEqualTo(body);
        assertThat(response.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.header("cache-control")).isEqualTo("no-store");
        assertThat(response.header("surrogate-control")).isEqualTo("no-store");
    }

    private static Map<String, Object> byKey(List<Map<String, Object>> messages, String key) {
        return messages.stream().filter(m -> key.equals(m.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no message with key " + key + " in " + messages));
    }
}
