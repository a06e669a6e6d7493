package io.quarkiverse.sync.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.quarkiverse.sync.runtime.LocalDataSources;
import io.quarkiverse.sync.localpg.LocalPostgres;
import static io.quarkiverse.sync.runtime.engine.LogReads.changes;
import io.quarkiverse.sync.runtime.protocol.LogOffset;
import io.quarkiverse.sync.runtime.storage.Page;
import io.quarkiverse.sync.runtime.storage.ShapeLog;

/**
 * A {@code kill -9} of the engine's JVM in the middle of a stream of transactions loses and doubles nothing: the
 * restarted engine replays from the permanent slot, and each log skips what it already holds.
 */
class CrashRecoveryIT {

    private static LocalPostgres pg;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void startPostgres() {
        pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-crash")).build().start();
        dataSource = LocalDataSources.of(pg);
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    @Test
    void aKilledEngineRestartsWithEachChangeExactlyOnceInOrder() throws Exception {
        Path storage = Files.createTempDirectory(Path.of("target"), "crash-storage");
        String slot = "slot_crash";
        String table = "crash_items";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, n int)");
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                pg.jdbcUrl(), pg.username(), pg.password(), storage.toString(), slot, table)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String handle;
        AtomicInteger appended = new AtomicInteger();
        Thread writer = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
                assertThat(line).as("the child's output").isNotNull();
            } while (!line.startsWith("READY "));
            handle = line.substring("READY ".length());
            writer = new Thread(() -> {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    for (int i = 1; i <= 10_000; i++) {
                        s.execute("INSERT INTO " + table + " VALUES (" + i + ", " + i + ")");
                    }
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
                if (line.startsWith("APPENDED ") && Integer.parseInt(line.substring(9)) >= 1_000) {
                    appended.set(Integer.parseInt(line.substring(9)));
                    break;
                }
            }
            assertThat(appended.get()).as("transactions the child had appended when killed").isGreaterThanOrEqualTo(1_000);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no final sync
            child.waitFor(30, TimeUnit.SECONDS);
        }
        writer.join();
        assertThat(appended.get()).as("killed mid-stream").isLessThan(10_000);

        SyncEngine restarted = new SyncEngine(new EngineConfig(pg.jdbcUrl(), pg.username(), pg.password(), storage,
                64 * 1024, slot, false, "pub_" + slot, Duration.ofMillis(50)), dataSource);
        try {
            restarted.start();
            ActiveShape shape = restarted.byHandle(handle).orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (changes(shape.log()).size() < 10_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            List<String> changes = changes(shape.log());
            assertThat(changes).hasSize(10_000);
            Pattern id = Pattern.compile("\"value\":\\{\"id\":\"(\\d+)\"");
            for (int i = 0; i < changes.size(); i++) {
                Matcher m = id.matcher(changes.get(i));
                assertThat(m.find()).isTrue();
                assertThat(Integer.parseInt(m.group(1))).as("change " + i).isEqualTo(i + 1);
            }
        } finally {
            restarted.close();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_drop_replication_slot('" + slot + "')");
            }
        }
    }

}
