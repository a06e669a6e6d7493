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

/** Subset snapshots (protocol §4.9) and where-clause shapes with parameters. */
@QuarkusTest
class TodoSubsetTest {

    private static final String OWNER = "7f8c3b9e-2c1d-4e5f-8a6b-9c0d1e2f3a4b";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncShapeService sync;

    @BeforeEach
    void todos() throws Exception {
        TodoFixture.reset(dataSource, sync, "INSERT INTO todos (id, title, completed, owner_id) VALUES "
                + "(4001, 'a', true, '" + OWNER + "'), (4002, 'b', false, '" + OWNER + "'), "
                + "(4003, 'c', true, NULL), (4004, 'd', false, NULL)");
    }

    @Test
    void aSubsetOfAChangesOnlyShapeWithOrderAndLimit() {
        Response initial = given().get("/todos/on-demand?offset=-1");
        assertThat(initial.jsonPath().getList("$")).as("changes_only: only snapshot-end").hasSize(1);

        Response response = given()
                .queryParam("offset", "-1")
                .queryParam("subset__where", "completed = $1")
                .queryParam("subset__params", "{\"1\":\"true\"}")
                .queryParam("subset__order_by", "id DESC")
                .queryParam("subset__limit", "1")
                .get("/todos/on-demand");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("cache-control")).isEqualTo("no-cache");
        assertThat(response.header("electric-snapshot")).isEqualTo("true");
        assertThat(response.header("electric-handle")).isEqualTo(initial.header("electric-handle"));
        assertThat(response.header("electric-offset")).isEqualTo("0_0");
        assertThat(response.header("electric-schema")).isNotNull();
        assertThat(response.header("electric-cursor")).isNull();
        assertThat(response.header("etag")).isNull();

        Map<String, Object> metadata = response.jsonPath().getMap("metadata");
        assertThat((String) metadata.get("xmin")).matches("\\d+");
        assertThat((String) metadata.get("database_lsn")).matches("\\d+");
        int mark = (Integer) metadata.get("snapshot_mark");
        List<Map<String, Object>> data = response.jsonPath().getList("data");
        assertThat(data).hasSize(1);
        assertThat(((Map<?, ?>) data.get(0).get("value")).get("id")).isEqualTo("4003");
        assertThat((Map<String, Object>) data.get(0).get("headers")).containsEntry("operation", "insert")
                .containsEntry("snapshot_mark", mark);
    }

    @Test
    void subsetParameterErrors() {
        assertThat(given().get("/todos/on-demand?offset=-1&subset__limit=0").body().asString())
                .isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"subset\":{\"limit\":[\"must be greater than 0\"]}}}");
        assertThat(given().get("/todos/on-demand?offset=-1&subset__limit=5").body().asString())
                .isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"subset\":{\"order_by\":"
                        + "[\"order_by is required when limit or offset is present\"]}}}");
        Response badWhere = given().queryParam("offset", "-1").queryParam("subset__where", "nope = 1")
                .get("/todos/on-demand");
        assertThat(badWhere.statusCode()).isEqualTo(400);
        assertThat(badWhere.body().asString()).isEqualTo(
                "{\"message\":\"Invalid request\",\"errors\":{\"subset\":{\"where\":[\"At location 0: unknown reference nope\"]}}}");
        assertThat(given().queryParam("offset", "-1").queryParam("subset__params", "[1]").get("/todos/on-demand")
                .body().asString()).contains("\"params\":[\"params must be a JSON object\"]");
    }

    @Test
    void aResourceMayReturnAUniOfSyncShape() {
        Response response = given().get("/todos/completed?offset=-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("application/json; charset=utf-8");
        List<Map<String, Object>> messages = response.jsonPath().getList("$");
        assertThat(messages).hasSize(3); // 4001, 4003 and snapshot-end
        assertThat(messages.subList(0, 2)).allSatisfy(m -> assertThat(((Map<?, ?>) m.get("value")).get("completed")).isEqualTo("t"));
    }

    @Test
    void aWhereShapeWithAParameterHoldsOnlyItsRows() {
        Response response = given().get("/todos/open?offset=-1&owner=" + OWNER);
        List<Map<String, Object>> messages = response.jsonPath().getList("$");
        assertThat(messages).hasSize(2);
        assertThat(((Map<?, ?>) messages.get(0).get("value")).get("id")).isEqualTo("4002");
        Response other = given().get("/todos/open?offset=-1&owner=00000000-0000-0000-0000-000000000000");
        assertThat(other.header("electric-handle")).as("each parameter value is its own shape")
                .isNotEqualTo(response.header("electric-handle"));
        assertThat(other.jsonPath().getList("$")).hasSize(1);
    }

    @Test
    void aSubsetOverPostWithTheParametersInAJsonBody() {
        String handle = given().get("/todos/on-demand?offset=-1").header("electric-handle");
        // What @electric-sql/client sends with subsetMethod: 'POST': shape params in the URL, the subset in the body,
        // limit/offset as JSON numbers; a body "offset" is the subset's row OFFSET, not the log offset.
        Response response = given().contentType("application/json")
                .body("{\"where\":\"completed = $1\",\"params\":{\"1\":true},\"order_by\":\"id DESC\","
                        + "\"limit\":1,\"offset\":1,\"where_expr\":{\"type\":\"ignored\"}}")
                .post("/todos/on-demand?offset=-1&log=changes_only");
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        assertThat(response.header("cache-control")).isEqualTo("no-cache");
        assertThat(response.header("electric-snapshot")).isEqualTo("true");
        assertThat(response.header("electric-handle")).isEqualTo(handle);
        assertThat(response.header("electric-offset")).isEqualTo("0_0");
        assertThat(response.header("electric-schema")).isNotNull();
        assertThat(response.jsonPath().getList("data.value.id", String.class)).containsExactly("4001");

        // The alternative form: {"subset": {...}}, top-level keys overriding query parameters.
        Response nested = given().contentType("application/json")
                .body("{\"subset\":{\"where\":\"NOT completed\",\"order_by\":\"id\"},\"offset\":\"-1\"}")
                .post("/todos/on-demand?offset=invalid");
        assertThat(nested.statusCode()).as(nested.body().asString()).isEqualTo(200);
        assertThat(nested.jsonPath().getList("data.value.id", String.class)).containsExactly("4002", "4004");
    }

    @Test
    void aPostWithoutASubsetIsALogRead() {
        for (String body : new String[] { "", "{}" }) {
            Response response = given().contentType("application/json").body(body).post("/todos/on-demand?offset=-1");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("cache-control")).as("every POST answer is no-cache").isEqualTo("no-cache");
            assertThat(response.header("electric-snapshot")).isNull();
            assertThat(response.jsonPath().getList("$")).hasSize(1); // changes_only: snapshot-end
        }
    }

    @Test
    void badPostBodies() {
        Response invalidJson = given().contentType("application/json").body("{\"where\":").post("/todos/on-demand?offset=-1");
        assertThat(invalidJson.statusCode()).isEqualTo(400);
        assertThat(invalidJson.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(invalidJson.header("cache-control")).isEqualTo("max-age=0, private, must-revalidate");
        assertThat(invalidJson.jsonPath().getString("error")).isEqualTo("Invalid JSON in request body");
        assertThat(invalidJson.jsonPath().getString("details")).isNotBlank();

        for (String body : new String[] { "[1]", "\"where\"", "3" }) {
            Response notObject = given().contentType("application/json").body(body).post("/todos/on-demand?offset=-1");
            assertThat(notObject.statusCode()).isEqualTo(400);
            assertThat(notObject.body().asString()).isEqualTo("{\"error\":\"Request body must be a JSON object\"}");
        }

        Response badLimit = given().contentType("application/json").body("{\"limit\":0,\"order_by\":\"id\"}")
                .post("/todos/on-demand?offset=-1");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body().asString()).isEqualTo(
                "{\"message\":\"Invalid request\",\"errors\":{\"subset\":{\"limit\":[\"must be greater than 0\"]}}}");
        assertThat(badLimit.header("cache-control")).isEqualTo("no-cache");
        assertThat(badLimit.header("surrogate-control")).isNull();

        assertThat(given().contentType("application/json").body("{\"limit\":1.5,\"order_by\":\"id\"}")
                .post("/todos/on-demand?offset=-1").body().asString()).contains("\"limit\":[\"is invalid\"]");
        assertThat(given().contentType("application/json").body("{\"params\":[\"a\"],\"where\":\"id = $1\"}")
                .post("/todos/on-demand?offset=-1").body().asString())
                .contains("\"params\":[\"params must be a JSON object\"]");
        assertThat(given().contentType("application/json").body("{\"subset\":5}")
                .post("/todos/on-demand?offset=-1").body().asString())
                .isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"subset\":[\"is invalid\"]}}");

        Response tooLarge = given().contentType("application/json")
                .body("{\"where\":\"" + "x".repeat(8_000_000) + "\"}").post("/todos/on-demand?offset=-1");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body().asString()).isEqualTo("{\"error\":\"Request body too large\"}");
    }

    @Test
    void aPostOnAStaleHandleIs409NoCache() {
        Response response = given().contentType("application/json").body("{\"where\":\"completed\"}")
                .post("/todos/on-demand?offset=0_0&handle=stale-handle");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.header("cache-control")).isEqualTo("no-cache");
        assertThat(response.header("electric-handle")).isNotBlank();
    }

    @Test
    void aGetOnlyShapeEndpointDoesNotAcceptPost() {
        // Opt-in per endpoint: a resource declares the @POST method (see TodoResource#onDemandSubsets).
        assertThat(given().contentType("application/json").body("{}").post("/todos/shape?offset=-1").statusCode())
                .isEqualTo(405);
    }
}
