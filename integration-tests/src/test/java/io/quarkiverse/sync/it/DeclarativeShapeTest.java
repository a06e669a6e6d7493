package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The declarative shape of application.properties ({@code quarkus.sync.shapes."open-todos"}): the open todos, three
 * columns, served on {@code /sync/open-todos} over the same protocol as resource shapes.
 */
@QuarkusTest
class DeclarativeShapeTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncShapeService sync;

    @BeforeEach
    void todos() throws Exception {
        TodoFixture.reset(dataSource, sync, """
                INSERT INTO todos (id, title, completed) VALUES (2001, 'open', false), (2002, 'done', true)
                """);
    }

    @Test
    void servesTheConfiguredShapeAndIgnoresShapeParamsOfTheClient() {
        Response response = given().get("/sync/open-todos?offset=-1&table=users&where=true&columns=title")
                .then().statusCode(200).extract().response();

        assertThat(response.header("electric-handle")).isNotBlank();
        assertThat(response.header("electric-schema")).isEqualTo("{\"id\":{\"type\":\"int8\",\"pk_index\":0,"
                + "\"not_null\":true},\"title\":{\"type\":\"text\",\"not_null\":true},"
                + "\"completed\":{\"type\":\"bool\",\"not_null\":true}}");
        assertThat(response.header("access-control-allow-origin")).isEqualTo("*");
        List<Map<String, Object>> rows = response.jsonPath().<Map<String, Object>> getList("$").stream()
                .filter(m -> m.containsKey("value")).collect(Collectors.toList());
        assertThat(rows).extracting(m -> m.get("value"))
                .containsExactly(Map.of("id", "2001", "title", "open", "completed", "f"));
    }

    @Test
    void followsChangesLive() {
        Response first = given().get("/sync/open-todos?offset=-1").then().statusCode(200).extract().response();
        String handle = first.header("electric-handle");
        String offset = first.header("electric-offset");
        Response upToDate = given().get("/sync/open-todos?offset=" + offset + "&handle=" + handle)
                .then().statusCode(200).extract().response();
        offset = upToDate.header("electric-offset");

        given().contentType("application/json").body("{\"title\":\"new\",\"completed\":false}").post("/todos")
                .then().statusCode(201);
        Response live = given().get("/sync/open-todos?offset=" + offset + "&handle=" + handle + "&live=true")
                .then().statusCode(200).extract().response();

        List<Map<String, Object>> inserts = live.jsonPath().<Map<String, Object>> getList("$").stream()
                .filter(m -> m.containsKey("value")).collect(Collectors.toList());
        assertThat(inserts).hasSize(1);
        assertThat(((Map<?, ?>) inserts.get(0).get("value")).get("title")).isEqualTo("new");
    }

    @Test
    void answersThePreflightAndRefusesOtherMethods() {
        given().header("origin", "https://app.example").options("/sync/open-todos").then().statusCode(204)
                .header("access-control-allow-methods", "GET, HEAD, OPTIONS");
        given().delete("/sync/open-todos").then().statusCode(405);
    }
}
