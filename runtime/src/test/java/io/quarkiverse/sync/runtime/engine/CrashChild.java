package io.quarkiverse.sync.runtime.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.postgresql.ds.PGSimpleDataSource;

import io.quarkiverse.sync.runtime.LocalDataSources;
import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;

/**
 * The engine in a JVM of its own, for {@link CrashRecoveryIT} to kill: starts on a storage directory and a permanent
 * slot, creates the shape of every row of a table, prints {@code READY <handle>}, then {@code APPENDED <n>} as
 * transactions reach the log, until it is killed. Arguments: jdbc-url user password storage-dir slot table.
 */
public final class CrashChild {

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = LocalDataSources.of(args[0], args[1], args[2]);
        SyncEngine engine = new SyncEngine(new EngineConfig(args[0], args[1], args[2], Path.of(args[3]), 64 * 1024,
                args[4], false, "pub_" + args[4], Duration.ofMillis(50)), dataSource);
        engine.start();
        AtomicLong appended = new AtomicLong();
        engine.onAppend(shape -> appended.incrementAndGet());
        ActiveShape shape;
        try (Connection c = dataSource.getConnection()) {
            shape = engine.shape(new ShapeDefinition("public", args[5], Optional.empty(), Replica.DEFAULT, LogMode.FULL),
                    c);
        }
        shape.snapshotDone().get();
        System.out.println("READY " + shape.handle());
        while (true) {
            System.out.println("APPENDED " + appended.get());
            Thread.sleep(10);
        }
    }
}
