package io.quarkiverse.sync.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.sync.runtime.engine.EngineConfig;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;
import io.quarkiverse.sync.runtime.engine.SyncEngine;

/** A client-defined shape whose table cannot be checked because the database is down: 503, never 400. */
class DatabaseOutageTest {

    @TempDir
    Path storage;

    @Test
    void anOutageIs503() {
        DataSource down = new DownDataSource();
        SyncEngine engine = new SyncEngine(new EngineConfig("jdbc:postgresql://127.0.0.1:1/x", "u", null, storage,
                1 << 20, "s", true, "p", Duration.ofMillis(100)), down);
        ShapeResponder responder = new ShapeResponder(down, engine, 60, 300, 20_000);
        Map<String, String> query = Map.of("offset", "-1");
        ShapeResponder.Outcome outcome = responder.respond(
                new ShapeDefinition("public", "t", java.util.Optional.empty(), io.quarkiverse.sync.Replica.DEFAULT,
                        io.quarkiverse.sync.LogMode.FULL),
                query.keySet(), query::get, name -> null, true);
        ShapeResponse response = ((ShapeResponder.Done) outcome).response();
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("retry-after", "1");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"message\":\"Cannot connect to the database to verify the shape. Please try again later.\"}");
    }

    private static final class DownDataSource extends ConnectionsOnlyDataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLTransientConnectionException("Connection refused", "08001");
        }
    }
}
