package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The Electric-compatible endpoint ({@code /v1/shape}): client-defined shapes on tables created while the application
 * runs, the exact 400 bodies of protocol §2.3, DELETE (§8.1), CORS preflight (§1.2) and health (§8.2).
 */
@QuarkusTest
class ElectricApiTest {

    private static final String TABLE = "electric_it.\"Issues For Me\"";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncShapeService sync;

    private static boolean created;

    @BeforeAll
    static void noTablesYet() {
        created = false;
    }

    private void tables() throws Exception {
        if (created) {
            return;
        }
        sql("DROP SCHEMA IF EXISTS electric_it CASCADE");
        sql("CREATE SCHEMA electric_it");
        sql("CREATE TABLE electric_it.\"Issues For Me\" (id int PRIMARY KEY, \"Title\" text, \"has,comma\" text, other text)");
        sql("INSERT INTO electric_it.\"Issues For Me\" VALUES (1, 'one', 'c1', 'o1'), (2, 'two', 'c2', 'o2'), "
                + "(3, 'three', 'c3', 'o3')");
        sql("CREATE TABLE electric_it.plain (id int PRIMARY KEY, n int)");
        sql("INSERT INTO electric_it.plain VALUES (1, 10)");
        created = true;
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static RequestSpecification shape(String... keysAndValues) {
        RequestSpecification spec = given();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            spec = spec.queryParam(keysAndValues[i], keysAndValues[i + 1]);
        }
        return spec;
    }

    private static void assertInvalid(Response response, String errors) {
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(400);
        assertThat(response.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.header("cache-control")).isEqualTo("no-store");
        assertThat(response.header("surrogate-control")).isEqualTo("no-store");
        assertThat(response.header("access-control-expose-headers")).contains("electric-handle");
        assertThat(response.body().asString()).isEqualTo("{\"message\":\"Invalid request\",\"errors\":" + errors + "}");
    }

    @Test
    void positionParametersAreValidatedInOrder() {
        assertInvalid(shape("table", "plain").get("/v1/shape"), "{\"offset\":[\"can't be blank\"]}");
        assertInvalid(shape("table", "plain", "offset", "invalid").get("/v1/shape"),
                "{\"offset\":[\"has invalid format\"]}");
        assertInvalid(shape("table", "plain", "offset", "1_2").get("/v1/shape"),
                "{\"handle\":[\"can't be blank when offset != -1\"]}");
        assertInvalid(shape("table", "plain", "offset", "-1", "live", "true").get("/v1/shape"),
                "{\"live\":[\"can't be true when offset == -1\"]}");
        assertInvalid(shape("table", "plain", "offset", "now", "live", "").get("/v1/shape"),
                "{\"live\":[\"can't be true when offset is 'now'\"]}");
        assertInvalid(shape("table", "plain", "offset", "1_2", "handle", "h", "live_sse", "true").get("/v1/shape"),
                "{\"live_sse\":[\"can't be true unless live is also true\"]}");
    }

    @Test
    void castErrorsAreReportedTogether() {
        assertInvalid(shape("table", "plain", "replica", "partial", "log", "some").get("/v1/shape"),
                "{\"offset\":[\"can't be blank\"],\"replica\":[\"is invalid\"],\"log\":[\"is invalid\"]}");
        assertInvalid(shape("table", "plain", "offset", "-1", "params", "{\"1\":\"x\"}").get("/v1/shape"),
                "{\"params\":[\"is invalid\"]}");
        assertInvalid(shape("table", "plain", "offset", "-1", "columns", "id,").get("/v1/shape"),
                "{\"columns\":[\"Invalid zero-length delimited identifier\"]}");
    }

    @Test
    void malformedTableNames() {
        assertInvalid(shape("offset", "-1").get("/v1/shape"), "{\"table\":[\"can't be blank\"]}");
        assertInvalid(shape("offset", "-1", "table", " ").get("/v1/shape"), "{\"table\":[\"can't be blank\"]}");
        assertInvalid(shape("offset", "-1", "table", ".x").get("/v1/shape"),
                "{\"table\":[\"Invalid zero-length delimited identifier\"]}");
        assertInvalid(shape("offset", "-1", "table", "foob@r").get("/v1/shape"),
                "{\"table\":[\"Invalid unquoted identifier contains special characters: foob@r\"]}");
        assertInvalid(shape("offset", "-1", "table", "Foo\"Bar").get("/v1/shape"),
                "{\"table\":[\"Invalid identifier with unescaped quote: Foo\\\"Bar\"]}");
        assertInvalid(shape("offset", "-1", "table", "a".repeat(64)).get("/v1/shape"),
                "{\"table\":[\"Identifier is too long (max length is 63)\"]}");
        assertInvalid(shape("offset", "-1", "table", "a.b.c").get("/v1/shape"),
                "{\"table\":[\"Invalid relation identifier, too many delimiters: a.b.c\"]}");
        assertInvalid(shape("offset", "-1", "table", "nonexistent").get("/v1/shape"),
                "{\"table\":[\"Table \\\"public\\\".\\\"nonexistent\\\" does not exist. If the table name contains "
                        + "capitals or special characters you must quote it.\"]}");
    }

    @Test
    void unquotedNamesAreLowerCased() throws Exception {
        tables();
        assertInvalid(shape("offset", "-1", "table", "electric_it.Issues For Me").get("/v1/shape"),
                "{\"table\":[\"Invalid unquoted identifier contains special characters: Issues For Me\"]}");
        Response response = shape("offset", "-1", "table", "ELECTRIC_IT.PLAIN").get("/v1/shape");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).contains("\"key\":\"\\\"electric_it\\\".\\\"plain\\\"/\\\"1\\\"\"");
    }

    @Test
    void definitionErrorsAre400sKeyedByParameter() throws Exception {
        tables();
        assertInvalid(shape("offset", "-1", "table", TABLE, "columns", "\"Title\"").get("/v1/shape"),
                "{\"columns\":[\"The list of columns must include all primary key columns, missing: id\"]}");
        assertInvalid(shape("offset", "-1", "table", TABLE, "columns", "id,a,b").get("/v1/shape"),
                "{\"columns\":[\"The following columns are not found on the table: a, b\"]}");
        assertInvalid(shape("offset", "-1", "table", TABLE, "where", "1 x 1").get("/v1/shape"),
                "{\"where\":[\"At location 17: syntax error at or near \\\"x\\\"\"]}");
        assertInvalid(shape("offset", "-1", "table", TABLE, "where", "foo = 1").get("/v1/shape"),
                "{\"where\":[\"At location 0: unknown reference foo\"]}");
        assertInvalid(shape("offset", "-1", "table", TABLE, "where", "id").get("/v1/shape"),
                "{\"where\":[\"WHERE clause must return a boolean\"]}");
        assertInvalid(shape("offset", "-1", "table", TABLE, "where", "id > $1", "params[a]", "1").get("/v1/shape"),
                "{\"params\":[\"Parameters can only use numbers as keys\"]}");
        assertInvalid(shape("offset", "-1", "table", TABLE, "where", "id > $1", "params[2]", "1").get("/v1/shape"),
                "{\"params\":[\"Parameters must be numbered sequentially, starting from 1\"]}");
    }

    @Test
    void quotedTableWithSpacesAndCapitalsCreatedAfterStart() throws Exception {
        tables();
        Response response = shape("offset", "-1", "table", TABLE).get("/v1/shape");
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        assertThat(response.header("electric-handle")).isNotBlank();
        assertThat(response.header("electric-schema")).contains("\"Title\"");
        assertThat(response.header("access-control-allow-origin")).isEqualTo("*");
        List<Map<String, Object>> rows = response.jsonPath().getList("findAll { it.value != null }.value");
        assertThat(rows).extracting(row -> row.get("Title")).containsExactlyInAnyOrder("one", "two", "three");
    }

    @Test
    void whereWithParamsAndColumnsWithAQuotedComma() throws Exception {
        tables();
        Response response = shape("offset", "-1", "table", TABLE, "where", "id > $1 AND \"Title\" <> $2",
                "params[1]", "1", "params[2]", "three", "columns", "\"id\",\"has,comma\"").get("/v1/shape");
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        List<Map<String, Object>> rows = response.jsonPath().getList("findAll { it.value != null }.value");
        assertThat(rows).containsExactly(Map.of("id", "2", "has,comma", "c2"));

        // Catch-up and a change, through the same definition.
        String handle = response.header("electric-handle");
        Response upToDate = shape("offset", "0_0", "handle", handle, "table", TABLE, "where",
                "id > $1 AND \"Title\" <> $2", "params[1]", "1", "params[2]", "three", "columns", "\"id\",\"has,comma\"")
                .get("/v1/shape");
        assertThat(upToDate.statusCode()).isEqualTo(200);
        assertThat(upToDate.header("electric-up-to-date")).isEqualTo("");
    }

    @Test
    void deleteByHandleAnswers409ToAParkedLiveRequestAndANewHandleAfter() throws Exception {
        tables();
        String[] definition = { "table", "electric_it.plain", "where", "n >= $1", "params[1]", "0" };
        String handle = shape(definition).queryParam("offset", "-1").get("/v1/shape").header("electric-handle");
        Response catchUp = shape(definition).queryParam("offset", "0_0").queryParam("handle", handle).get("/v1/shape");
        assertThat(catchUp.statusCode()).isEqualTo(200);
        String offset = catchUp.header("electric-offset");

        CompletableFuture<Response> live = CompletableFuture.supplyAsync(() -> shape(definition)
                .queryParam("offset", offset).queryParam("handle", handle).queryParam("live", "true")
                .get("/v1/shape"));
        awaitParked();
        long start = System.nanoTime();
        Response deleted = given().queryParam("handle", handle).delete("/v1/shape");
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(deleted.body().asString()).isEmpty();
        assertThat(deleted.header("electric-has-data")).isEqualTo("true");
        assertThat(deleted.header("cache-control")).isEqualTo("no-cache");

        Response refetch = live.get(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1500);
        assertThat(refetch.statusCode()).isEqualTo(409);
        assertThat(refetch.body().asString()).isEqualTo("[{\"headers\":{\"control\":\"must-refetch\"}}]");

        String again = shape(definition).queryParam("offset", "-1").get("/v1/shape").header("electric-handle");
        assertThat(again).isNotBlank().isNotEqualTo(handle);
        assertThat(given().queryParam("handle", handle).delete("/v1/shape").statusCode()).isEqualTo(404);
    }

    @Test
    void deleteByTable() throws Exception {
        tables();
        sql("CREATE TABLE IF NOT EXISTS electric_it.\"To Delete\" (id int PRIMARY KEY)");
        String handle = shape("offset", "-1", "table", "electric_it.\"To Delete\"").get("/v1/shape")
                .header("electric-handle");
        assertThat(given().queryParam("table", "electric_it.\"To Delete\"").queryParam("handle", "other")
                .delete("/v1/shape").body().asString()).isEqualTo("{\"message\":\"The specified shape definition and "
                        + "handle do not match. Please ensure the shape definition is correct or omit the shape handle "
                        + "from the request to obtain a new one.\"}");
        Response deleted = given().queryParam("table", "electric_it.\"To Delete\"").delete("/v1/shape");
        assertThat(deleted.statusCode()).isEqualTo(202);
        Response gone = given().queryParam("table", "electric_it.\"To Delete\"").delete("/v1/shape");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body().asString()).isEqualTo("{\"message\":\"No existing shape found\"}");
        Response stale = shape("offset", "0_0", "handle", handle, "table", "electric_it.\"To Delete\"")
                .get("/v1/shape");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.header("electric-handle")).isNotEqualTo(handle);

        Response blank = given().delete("/v1/shape");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body().asString()).isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"handle\":"
                + "[\"can't be blank when shape definition is missing\"]}}");
    }

    @Test
    void preflight() {
        Response response = given().header("Origin", "http://app.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "If-None-Match, X-Other")
                .options("/v1/shape");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.header("access-control-max-age")).isEqualTo("86400");
        assertThat(response.header("access-control-allow-origin")).isEqualTo("http://app.example");
        assertThat(response.header("access-control-allow-methods")).isEqualTo("GET, POST, HEAD, DELETE, OPTIONS");
        assertThat(response.header("access-control-allow-headers")).isEqualTo("If-None-Match");
        assertThat(response.header("access-control-expose-headers")).isEqualTo("electric-cursor,electric-handle,"
                + "electric-has-data,electric-offset,electric-schema,electric-up-to-date,electric-internal-known-error,"
                + "retry-after");
        assertThat(response.header("cache-control")).isNull();
        assertThat(response.body().asString()).isEmpty();
    }

    @Test
    void health() {
        Response response = given().get("/v1/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).isEqualTo("{\"status\":\"active\"}");
        assertThat(response.header("cache-control")).isEqualTo("no-cache, no-store, must-revalidate");
        assertThat(response.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.header("access-control-allow-methods")).isEqualTo("GET, HEAD");
    }

    @Test
    void head() throws Exception {
        tables();
        Response response = shape("offset", "-1", "table", "electric_it.plain").head("/v1/shape");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("electric-handle")).isNotBlank();
        assertThat(response.body().asString()).isEmpty();
    }

    @Test
    void aClientThatGoesAwayLeavesNoWaiter() throws Exception {
        tables();
        String handle = shape("offset", "-1", "table", "electric_it.plain").get("/v1/shape").header("electric-handle");
        String offset = shape("offset", "0_0", "handle", handle, "table", "electric_it.plain").get("/v1/shape")
                .header("electric-offset");
        int port = io.restassured.RestAssured.port;
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET /v1/shape?table=electric_it.plain&live=true&offset=" + offset
                    + "&handle=" + handle + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            awaitParked();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sync.waiters().size() > 0) {
            assertThat(System.nanoTime()).as("the waiter is dropped when its client goes away").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void subsetOverPostWithTheSubsetInTheBody() throws Exception {
        tables();
        Response response = given().contentType("application/json")
                .body("{\"where\":\"\\\"Title\\\" <> $1\",\"params\":{\"1\":\"two\"},\"order_by\":\"id DESC\",\"limit\":5}")
                .queryParam("offset", "-1").queryParam("table", TABLE).post("/v1/shape");
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        assertThat(response.header("cache-control")).isEqualTo("no-cache");
        assertThat(response.header("electric-snapshot")).isEqualTo("true");
        assertThat(response.header("electric-offset")).isEqualTo("0_0");
        assertThat(response.header("electric-schema")).contains("\"Title\"");
        assertThat(response.header("access-control-allow-methods")).isEqualTo("GET, POST, HEAD, DELETE, OPTIONS");
        assertThat(response.jsonPath().getList("data.value.id", String.class)).containsExactly("3", "1");

        // {"subset": {...}} with a top-level "where": that one defines the shape (a different handle).
        Response nested = given().contentType("application/json")
                .body("{\"subset\":{\"order_by\":\"id\"},\"where\":\"id >= 2\"}")
                .queryParam("offset", "-1").queryParam("table", TABLE).post("/v1/shape");
        assertThat(nested.statusCode()).as(nested.body().asString()).isEqualTo(200);
        assertThat(nested.jsonPath().getList("data.value.id", String.class)).containsExactly("2", "3");
        assertThat(nested.header("electric-handle")).isNotEqualTo(response.header("electric-handle"));

        // Validation errors of a POST: no-cache, no surrogate-control (§10 rule 1).
        Response invalid = given().contentType("application/json").body("{\"where\":\"nope = 1\"}")
                .queryParam("offset", "-1").queryParam("table", TABLE).post("/v1/shape");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body().asString()).isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"subset\":"
                + "{\"where\":[\"At location 0: unknown reference nope\"]}}}");
        assertThat(invalid.header("cache-control")).isEqualTo("no-cache");
        assertThat(invalid.header("surrogate-control")).isNull();
        Response badJson = given().contentType("application/json").body("not json")
                .queryParam("offset", "-1").queryParam("table", TABLE).post("/v1/shape");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.jsonPath().getString("error")).isEqualTo("Invalid JSON in request body");
        assertThat(badJson.header("cache-control")).isEqualTo("max-age=0, private, must-revalidate");
        assertThat(given().body("[]").queryParam("offset", "-1").queryParam("table", TABLE).post("/v1/shape").body().asString())
                .isEqualTo("{\"error\":\"Request body must be a JSON object\"}");
        Response tooLarge = given().body("{\"where\":\"" + "y".repeat(8_000_001) + "\"}")
                .queryParam("offset", "-1").queryParam("table", TABLE).post("/v1/shape");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body().asString()).isEqualTo("{\"error\":\"Request body too large\"}");

        // An empty body: a normal log read, answered no-cache.
        Response read = given().queryParam("offset", "-1").queryParam("table", TABLE).post("/v1/shape");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.header("cache-control")).isEqualTo("no-cache");
        assertThat(read.jsonPath().getList("$")).hasSize(4);
    }

    @Test
    void everyResponseCarriesTheServerAndARequestId() throws Exception {
        tables();
        Response shape = shape("offset", "-1", "table", "electric_it.plain").get("/v1/shape");
        Response error = shape("offset", "x").get("/v1/shape");
        Response health = given().get("/v1/health");
        Response preflight = given().options("/v1/shape");
        for (Response response : List.of(shape, error, health, preflight)) {
            assertThat(response.header("electric-server")).isEqualTo("ElectricSQL/1.7.12");
            assertThat(response.header("x-request-id")).matches("[A-Za-z0-9_-]{20}");
        }
        assertThat(shape.header("x-request-id")).isNotEqualTo(error.header("x-request-id"));
        String id = "proxy-request-0123456789";
        assertThat(given().header("x-request-id", id).get("/v1/health").header("x-request-id")).isEqualTo(id);
        assertThat(given().header("x-request-id", "short").get("/v1/health").header("x-request-id"))
                .isNotEqualTo("short").hasSize(20);
    }

    @Test
    void rootAndPlainTextNotFound() {
        Response root = given().get("/");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body().asString()).isEmpty();
        assertThat(root.header("electric-server")).isEqualTo("ElectricSQL/1.7.12");
        assertThat(root.header("access-control-allow-methods")).isEqualTo("GET, HEAD");
        assertThat(given().head("/").statusCode()).isEqualTo(200);
        for (Response missing : List.of(given().get("/v1/nothing"), given().post("/v1/health"),
                given().put("/v1/shape?table=x"), given().delete("/"))) {
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body().asString()).isEqualTo("Not found");
            assertThat(missing.header("content-type")).isNull();
            assertThat(missing.header("access-control-allow-origin")).isEqualTo("*");
        }
        // The application's own routes are not shadowed.
        assertThat(given().get("/todos").statusCode()).isEqualTo(200);
    }

    @Test
    void anSseRequestAheadOfTheLogStreamsFromTheShapesEndAndEndsAfterHalfALongPoll() throws Exception {
        tables();
        String handle = shape("offset", "-1", "table", "electric_it.plain").get("/v1/shape").header("electric-handle");
        String last = shape("offset", "0_0", "handle", handle, "table", "electric_it.plain").get("/v1/shape")
                .header("electric-offset");
        long start = System.nanoTime();
        Response sse = shape("offset", "99999999999_0", "handle", handle, "table", "electric_it.plain", "live", "true",
                "live_sse", "true").get("/v1/shape");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(sse.statusCode()).isEqualTo(200);
        assertThat(sse.header("content-type")).isEqualTo("text/event-stream");
        assertThat(sse.header("electric-offset")).as("the shape's end, not the request's").isEqualTo(last);
        assertThat(sse.header("electric-up-to-date")).isNull();
        assertThat(sse.body().asString()).isEmpty();
        // The test profile's long-poll timeout is 2 s: the stream ends after 1 s, not after the SSE lifetime of 60 s.
        assertThat(millis).isBetween(900L, 5_000L);
    }

    private void awaitParked() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sync.waiters().size() < 1) {
            assertThat(System.nanoTime()).as("a live request parked").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
