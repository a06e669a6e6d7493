package io.quarkiverse.sync.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.quarkiverse.sync.runtime.LocalDataSources;
import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.localpg.LocalPostgres;
import io.quarkiverse.sync.runtime.engine.EngineConfig;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;
import io.quarkiverse.sync.runtime.engine.SyncEngine;

/**
 * The database goes away after a shape was loaded, while its subset query runs: the {@code database_unreachable} 503
 * of protocol §8.3, exactly (no content-type, retry-after 10, no-store on both caches). The failure is the real
 * PostgreSQL driver's: the second connection goes to a port where nothing listens.
 */
class DatabaseUnreachableIT {

    private static LocalPostgres pg;
    private static PGSimpleDataSource live;

    @BeforeAll
    static void startPostgres() throws SQLException {
        pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-unreachable")).build().start();
        live = LocalDataSources.of(pg);
        try (Connection c = live.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id int PRIMARY KEY, title text)");
            s.execute("INSERT INTO items VALUES (1, 'a'), (2, 'b')");
        }
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    @Test
    void aSubsetQueryWithoutTheDatabaseIs503DatabaseUnreachable() throws Exception {
        Path storage = Files.createTempDirectory(Path.of("target"), "unreachable-storage");
        try (SyncEngine engine = new SyncEngine(new EngineConfig(pg.jdbcUrl(), pg.username(), pg.password(), storage,
                1 << 20, "unreachable", true, "pub_unreachable", Duration.ofMillis(50)), live)) {
            engine.start();
            GoesAway dataSource = new GoesAway();
            ShapeResponder responder = new ShapeResponder(dataSource, engine, 60, 300, 20_000);
            ShapeDefinition items = new ShapeDefinition("public", "items", Optional.empty(), Replica.DEFAULT,
                    LogMode.FULL);
            Map<String, String> query = new LinkedHashMap<>();
            query.put("offset", "-1");
            query.put("subset__where", "id > 1");

            ShapeResponse served = respond(responder, items, query);
            assertThat(served.status()).as(new String(served.body(), StandardCharsets.UTF_8)).isEqualTo(200);

            dataSource.goAwayAfter(1); // the shape loads, then the database is gone
            ShapeResponse response = respond(responder, items, query);
            assertThat(response.status()).isEqualTo(503);
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"code\":\"database_unreachable\",\"error\":\"Database is unreachable\"}");
            assertThat(response.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("retry-after", "10",
                    "cache-control", "no-store", "surrogate-control", "no-store"));
            assertThat(ElectricResponses.forPost(response)).as("its headers hold on a POST too").isEqualTo(response);
        }
    }

    @Test
    void anExistingShapeIsServedFromItsLogWhileTheDatabaseIsAway() throws Exception {
        Path storage = Files.createTempDirectory(Path.of("target"), "unreachable-storage");
        try (SyncEngine engine = new SyncEngine(new EngineConfig(pg.jdbcUrl(), pg.username(), pg.password(), storage,
                1 << 20, "unreachable_existing", true, "pub_unreachable_existing", Duration.ofMillis(50)), live)) {
            engine.start();
            GoesAway dataSource = new GoesAway();
            ShapeResponder responder = new ShapeResponder(dataSource, engine, 60, 300, 20_000);
            ShapeDefinition items = new ShapeDefinition("public", "items", Optional.empty(), Replica.DEFAULT,
                    LogMode.FULL);
            ShapeResponse first = respond(responder, items, Map.of("offset", "-1"));
            assertThat(first.status()).isEqualTo(200);
            String handle = first.headers().get("electric-handle");
            String snapshot = new String(first.body(), StandardCharsets.UTF_8);

            dataSource.goAwayAfter(0);
            ShapeResponse again = respond(responder, items, Map.of("offset", "-1"));
            assertThat(again.status()).as("the same shape, from its log").isEqualTo(200);
            assertThat(again.headers()).containsEntry("electric-handle", handle);
            assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo(snapshot);
            ShapeResponse catchUp = respond(responder, items, Map.of("offset", first.headers().get("electric-offset"),
                    "handle", handle));
            assertThat(catchUp.status()).isEqualTo(200);
            assertThat(new String(catchUp.body(), StandardCharsets.UTF_8)).contains("up-to-date");

            // A shape that does not exist yet needs the database: the 503 clients retry.
            ShapeDefinition some = new ShapeDefinition("public", "items", Optional.empty(), Replica.DEFAULT,
                    LogMode.FULL, Optional.of("id > 1"), Map.of());
            ShapeResponse none = respond(responder, some, Map.of("offset", "-1"));
            assertThat(none.status()).isEqualTo(503);
            assertThat(new String(none.body(), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"message\":\"Cannot connect to the database to verify the shape. Please try again later.\"}");
        }
    }

    private static ShapeResponse respond(ShapeResponder responder, ShapeDefinition definition,
            Map<String, String> query) {
        return ((ShapeResponder.Done) responder.respond(definition, query.keySet(), query::get, name -> null, true))
                .response();
    }

    /** The test's PostgreSQL for the first connections, then a port where nothing listens. */
    private static final class GoesAway extends ConnectionsOnlyDataSource {
        private int afterConnections = Integer.MAX_VALUE;
        private int given;

        synchronized void goAwayAfter(int connections) {
            given = 0;
            afterConnections = connections;
        }
        private final PGSimpleDataSource gone = new PGSimpleDataSource();

        GoesAway() {
            gone.setUrl("jdbc:postgresql://127.0.0.1:1/none");
            gone.setConnectTimeout(2);
        }

        @Override
        public synchronized Connection getConnection() throws SQLException {
            return given++ < afterConnections ? live.getConnection() : gone.getConnection();
        }
    }
}
