package io.quarkiverse.sync.runtime.engine;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.postgresql.ds.PGSimpleDataSource;

import io.quarkiverse.sync.runtime.LocalDataSources;
import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.localpg.LocalPostgres;

/**
 * Cold restart with many shapes (performance.md S7: restart with 10k shapes ≤ 2 s): a real engine on a local
 * PostgreSQL creates N shapes {@code id = $1} on one table (snapshots finished), closes; a new engine on the same
 * storage and slot is then timed from construction to {@code start()} returning with every shape restored, and the
 * heap it holds is measured after GC. Prints figures, asserts only that the shapes came back. Not run by the build.
 * Arguments: {@code [shapes=10000]}. From the repository root (the first line only installs the modules the
 * benchmark runs against; their tests are run by {@code ./mvnw verify}, not skipped by the build):
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests -DskipExtensionValidation=true -pl local-postgres,runtime
 * ./mvnw -B -q dependency:build-classpath -pl runtime -Dmdep.outputFile=/tmp/rt-cp.txt -Dmdep.includeScope=test
 * ./mvnw -B -q test-compile -pl runtime
 * java -Xmx1g -cp "runtime/target/test-classes:runtime/target/classes:$(cat /tmp/rt-cp.txt)" \
 *     io.quarkiverse.sync.runtime.engine.RestartBenchmark 10000
 * </pre>
 */
public final class RestartBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (LocalPostgres pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-restart-bench")).build()
                .start()) {
            PGSimpleDataSource dataSource = LocalDataSources.of(pg);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE items (id int8 PRIMARY KEY, title text)");
                s.execute("INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 1000) i");
            }
            Path storage = Files.createTempDirectory(Path.of("target"), "restart-bench");
            EngineConfig config = new EngineConfig(pg.jdbcUrl(), pg.username(), pg.password(), storage, 1 << 20,
                    "restart_bench", false, "pub_restart_bench", Duration.ofMillis(50));

            long t0 = System.nanoTime();
            try (SyncEngine first = new SyncEngine(config, dataSource)) {
                first.start();
                List<CompletableFuture<Void>> snapshots = new ArrayList<>();
                try (Connection c = dataSource.getConnection()) {
                    for (int k = 0; k < n; k++) {
                        snapshots.add(first.shape(definition(k), c).snapshotDone());
                    }
                }
                CompletableFuture.allOf(snapshots.toArray(CompletableFuture[]::new)).join();
            }
            double created = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%d shapes created (snapshots finished) in %.1f s: %.0f shapes/s%n", n, created,
                    n / created);

            long before = usedAfterGc();
            long t1 = System.nanoTime();
            try (SyncEngine second = new SyncEngine(config, dataSource)) {
                second.start();
                double restart = (System.nanoTime() - t1) / 1e6;
                long after = usedAfterGc();
                for (int k : new int[] { 0, n / 2, n - 1 }) {
                    if (second.existing(definition(k)).isEmpty()) {
                        throw new AssertionError("shape " + k + " was not restored");
                    }
                }
                System.out.printf("restart with %d shapes: %.0f ms to start() returning; heap after GC %,d -> %,d "
                        + "bytes (%,d per shape)%n", n, restart, before, after, (after - before) / n);
            }
        }
    }

    private static ShapeDefinition definition(int k) {
        return new ShapeDefinition("public", "items", Optional.empty(), Replica.DEFAULT, LogMode.FULL,
                Optional.of("id = $1"), Map.of("1", Integer.toString(k)));
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
