package io.quarkiverse.sync.deployment.codegen;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.SyncShape;
import io.quarkus.runtime.StartupEvent;
import io.restassured.response.Response;

/** A small app for the compiled-where tests: table {@code items} and a resource whose shape has a static where. */
final class ItemShapes {

    static final String WHERE = "owner = $1 AND title ILIKE 'x%'";

    private ItemShapes() {
    }

    @Path("/items")
    public static class ItemResource {
        @GET
        @Path("/mine")
        public SyncShape mine(@QueryParam("owner") String owner) {
            return SyncShape.table("items").where(WHERE, owner);
        }
    }

    @ApplicationScoped
    public static class Schema {
        @Inject
        AgroalDataSource dataSource;

        void create(@Observes StartupEvent start) throws Exception {
            sql(dataSource, "CREATE TABLE items (id int8 PRIMARY KEY, owner text NOT NULL, title text NOT NULL)",
                    "INSERT INTO items VALUES (1, 'alice', 'Xylophone'), (2, 'alice', 'report'), (3, 'bob', 'xray'),"
                            + " (4, 'alice', 'xmas list')");
        }
    }

    static void sql(AgroalDataSource dataSource, String... statements) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /**
     * Checks the shape serves alice's x-titles: the snapshot (selected by Postgres), then a live insert of three rows
     * in one transaction, of which the where-clause evaluator must keep exactly one.
     */
    static void servesTheRightRows(AgroalDataSource dataSource) throws Exception {
        Response snapshot = given().get("/items/mine?owner=alice&offset=-1");
        assertThat(snapshot.statusCode()).isEqualTo(200);
        assertThat(titles(snapshot)).containsExactlyInAnyOrder("Xylophone", "xmas list");
        String handle = snapshot.header("electric-handle");
        Response upToDate = given().get("/items/mine?owner=alice&offset=" + snapshot.header("electric-offset")
                + "&handle=" + handle);
        String offset = upToDate.header("electric-offset");

        CompletableFuture<Response> live = CompletableFuture.supplyAsync(() -> given()
                .get("/items/mine?owner=alice&live=true&offset=" + offset + "&handle=" + handle));
        Thread.sleep(300);
        sql(dataSource, "INSERT INTO items VALUES (5, 'alice', 'XL shirt'), (6, 'alice', 'no x first'),"
                + " (7, 'bob', 'xenon')");
        Response changes = live.get(20, TimeUnit.SECONDS);
        assertThat(changes.statusCode()).isEqualTo(200);
        assertThat(titles(changes)).containsExactly("XL shirt");
    }

    private static List<String> titles(Response response) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> message : response.jsonPath().<Map<String, Object>> getList("$")) {
            Object value = message.get("value");
            if (value instanceof Map<?, ?> v) {
                out.add((String) v.get("title"));
            }
        }
        return out;
    }
}
