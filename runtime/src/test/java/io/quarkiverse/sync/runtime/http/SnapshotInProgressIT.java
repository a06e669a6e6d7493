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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * A client reading a new shape's snapshot chunk by chunk while the snapshot still runs is never told it is up to date
 * before the last chunk: the chunks written so far are not the shape. (The real client, on a 1M-row table, was told
 * up-to-date after 2 chunks of 24, with 86,545 rows.)
 */
class SnapshotInProgressIT {

    private static final int ROWS = 50_000;
    private static final Pattern INSERT = Pattern.compile("\"operation\":\"insert\"");

    private static LocalPostgres pg;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void startPostgres() throws SQLException {
        pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-snapshot-in-progress")).build().start();
        dataSource = LocalDataSources.of(pg);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id int PRIMARY KEY, title text)");
            s.execute("INSERT INTO items SELECT i, 'item number ' || i FROM generate_series(1, " + ROWS + ") i");
        }
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    @Test
    void upToDateOnlyAfterTheLastChunkOfTheSnapshot() throws Exception {
        Path storage = Files.createTempDirectory(Path.of("target"), "in-progress-storage");
        // 8 KB chunks: hundreds of them, so the snapshot is still being written while the first ones are read.
        try (SyncEngine engine = new SyncEngine(new EngineConfig(pg.jdbcUrl(), pg.username(), pg.password(), storage,
                8192, "in_progress", true, "pub_in_progress", Duration.ofMillis(50)), dataSource)) {
            engine.start();
            ShapeResponder responder = new ShapeResponder(dataSource, engine, 60, 300, 20_000);
            ShapeDefinition items = new ShapeDefinition("public", "items", Optional.empty(), Replica.DEFAULT,
                    LogMode.FULL);

            ShapeResponse first = respond(responder, items, "-1", null);
            String handle = first.headers().get("electric-handle");
            ShapeResponse second = respond(responder, items, first.headers().get("electric-offset"), handle);
            boolean snapshotDone = engine.byHandle(handle).orElseThrow().snapshotDone().isDone();
            assertThat(snapshotDone).as("precondition: the snapshot still runs").isFalse();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.headers()).as("chunk 1 of a snapshot in progress").doesNotContainKey("electric-up-to-date");
            assertThat(body(second)).doesNotContain("up-to-date");

            // Reading on: up-to-date comes once, on the response that ends the snapshot, with every row before it.
            int rows = count(first) + count(second);
            String offset = second.headers().get("electric-offset");
            int responses = 2;
            while (true) {
                ShapeResponse next = respond(responder, items, offset, handle);
                assertThat(next.status()).isEqualTo(200);
                rows += count(next);
                responses++;
                offset = next.headers().get("electric-offset");
                if (next.headers().containsKey("electric-up-to-date")) {
                    assertThat(body(next)).contains("snapshot-end").contains("up-to-date");
                    break;
                }
                assertThat(body(next)).doesNotContain("up-to-date");
            }
            assertThat(rows).as("rows before the up-to-date, in %d responses", responses).isEqualTo(ROWS);
        }
    }

    private static ShapeResponse respond(ShapeResponder responder, ShapeDefinition definition, String offset,
            String handle) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("offset", offset);
        if (handle != null) {
            query.put("handle", handle);
        }
        return ((ShapeResponder.Done) responder.respond(definition, query.keySet(), query::get, name -> null, false))
                .response();
    }

    private static String body(ShapeResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static int count(ShapeResponse response) {
        Matcher m = INSERT.matcher(body(response));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
