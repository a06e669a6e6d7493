package io.quarkiverse.sync.runtime.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.postgresql.ds.PGSimpleDataSource;

import io.quarkiverse.sync.runtime.LocalDataSources;
import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.localpg.LocalPostgres;

/**
 * Replication throughput end to end (performance.md S2): single-row insert transactions, written pgbench-style
 * (several connections, one autocommit INSERT each), through the {@link SyncEngine} into a shape's log, synced to
 * disk. <em>Backlog</em>: the transactions are written while the engine is down, then it starts and drains the
 * permanent slot (timed from {@code start()} to the last transaction synced). <em>Live</em>: the engine runs while the
 * same number is written (timed from the first insert to the last synced). Not run by the build. Arguments:
 * {@code [transactions=50000] [connections=4]}.
 */
public final class EngineThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        try (LocalPostgres pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-engine-bench")).build().start()) {
            PGSimpleDataSource dataSource = LocalDataSources.of(pg);
            Path storage = Files.createTempDirectory(Path.of("target"), "engine-bench");
            EngineConfig config = new EngineConfig(pg.jdbcUrl(), pg.username(), pg.password(), storage,
                    10 * 1024 * 1024, "bench_slot", false, "bench_pub", Duration.ofMillis(50));
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench (id bigint PRIMARY KEY, title text NOT NULL, done bool NOT NULL, "
                        + "at timestamptz NOT NULL DEFAULT now())");
                System.out.printf("PostgreSQL %s, %d transactions, %d inserting connections, %d CPUs, %s%n",
                        c.getMetaData().getDatabaseProductVersion(), transactions, connections,
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            }
            String handle;
            SyncEngine first = new SyncEngine(config, dataSource);
            first.start();
            try (Connection c = dataSource.getConnection()) {
                ActiveShape shape = first.shape(new ShapeDefinition("public", "bench", Optional.empty(),
                        Replica.DEFAULT, LogMode.FULL), c);
                shape.snapshotDone().get(60, TimeUnit.SECONDS);
                handle = shape.handle();
            }
            first.close();

            long insertNanos = io.quarkiverse.sync.runtime.pg.ParallelInserts.run(dataSource::getConnection, "bench", 0, transactions,
                    connections);
            report("insert while the engine is down", transactions, insertNanos);
            AtomicLong applied = new AtomicLong();
            SyncEngine engine = new SyncEngine(config, dataSource);
            engine.onAppend(s -> applied.incrementAndGet());
            long start = System.nanoTime();
            engine.start();
            ActiveShape shape = engine.byHandle(handle).orElseThrow();
            awaitSynced(shape, applied, transactions);
            report("backlog drain (start() to last txn synced)", transactions, System.nanoTime() - start);

            applied.set(0);
            long liveStart = System.nanoTime();
            long liveInsert = io.quarkiverse.sync.runtime.pg.ParallelInserts.run(dataSource::getConnection, "bench",
                    transactions, transactions, connections);
            awaitSynced(shape, applied, transactions);
            long liveNanos = System.nanoTime() - liveStart;
            report("live: insert rate", transactions, liveInsert);
            report("live (first insert to last txn synced)", transactions, liveNanos);
            System.out.printf("check: the log holds %,d changes (expected %,d)%n", count(shape), 2L * transactions);
            engine.close();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_drop_replication_slot('bench_slot')");
            }
            io.quarkiverse.sync.runtime.storage.ShapeLog.delete(storage);
        }
    }

    /** Waits until the shape's log holds {@code count} more transactions and all of it is synced. */
    private static void awaitSynced(ActiveShape shape, AtomicLong applied, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (applied.get() < count || shape.log().syncedLsn() != shape.log().lastCommittedLsn()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out at " + applied.get() + " transactions");
            }
            Thread.sleep(1);
        }
    }

    private static long count(ActiveShape shape) {
        long n = 0;
        io.quarkiverse.sync.runtime.protocol.LogOffset offset = io.quarkiverse.sync.runtime.protocol.LogOffset
                .snapshotChunk(shape.log().snapshotChunkCount() - 1);
        while (true) {
            io.quarkiverse.sync.runtime.storage.Page page = shape.log().readAfter(offset);
            if (page.count() == 0) {
                return n;
            }
            n += page.count();
            offset = page.end();
        }
    }


    private static void report(String what, long transactions, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf("%-45s %,9d txn in %6.2f s = %,10.0f txn/s%n", what, transactions, seconds,
                transactions / seconds);
    }
}
