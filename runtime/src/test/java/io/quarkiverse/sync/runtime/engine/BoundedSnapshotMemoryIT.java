package io.quarkiverse.sync.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.quarkiverse.sync.runtime.LocalDataSources;
import io.quarkiverse.sync.localpg.LocalPostgres;

/**
 * A snapshot streams: a 100,000-row table whose JSON is about 10× the engine's whole heap is written to the shape log
 * by an engine running with {@code -Xmx48m}. Buffering the rows (or a chunk list of them) would end in
 * OutOfMemoryError. Run in a child JVM, so that the heap limit is exact and nothing else in the test JVM shares it.
 */
class BoundedSnapshotMemoryIT {

    private static LocalPostgres pg;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void startPostgres() {
        pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-snapshot-memory")).build().start();
        dataSource = LocalDataSources.of(pg);
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    @Test
    void aSnapshotTenTimesTheHeapIsWrittenInBoundedMemory() throws Exception {
        String table = "big_items";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, body text)");
            // ~5.2 KB of JSON per row, not compressible by TOAST in a way that matters here: 100k rows ≈ 520 MB
            s.execute("INSERT INTO " + table + " SELECT g, repeat(md5(g::text), 160) FROM generate_series(1, 100000) g");
        }
        Path storage = Files.createTempDirectory(Path.of("target"), "snapshot-memory");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                SnapshotChild.class.getName(), pg.jdbcUrl(), pg.username(), pg.password(), storage.toString(), table,
                Integer.toString(1024 * 1024))
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
            }
        } finally {
            if (!child.waitFor(180, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertThat(child.exitValue()).as("exit of the engine with -Xmx48m; output: %s", output).isZero();
        String done = output.stream().filter(l -> l.startsWith("DONE ")).findFirst().orElseThrow();
        // ~520 MB in 1 MiB chunks
        assertThat(Integer.parseInt(done.substring(5))).isGreaterThan(400);
        long bytes;
        try (java.util.stream.Stream<Path> files = Files.walk(storage)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        io.quarkiverse.sync.runtime.storage.ShapeLog.delete(storage);
        assertThat(bytes).as("bytes stored").isGreaterThan(10L * 48 * 1024 * 1024);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(100_000);
        }
    }
}
