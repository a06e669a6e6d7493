package io.quarkiverse.sync.runtime.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.postgresql.ds.PGSimpleDataSource;

import io.quarkiverse.sync.runtime.LocalDataSources;
import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;

/**
 * The snapshot of a whole table into a shape log, in a JVM of its own so that {@link BoundedSnapshotMemoryIT} can give
 * it a heap far smaller than the snapshot. Prints {@code DONE <chunks>} and exits 0, or dies of OutOfMemoryError.
 * Arguments: jdbc-url user password storage-dir table chunk-bytes.
 */
public final class SnapshotChild {

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = LocalDataSources.of(args[0], args[1], args[2]);
        try (SyncEngine engine = new SyncEngine(new EngineConfig(args[0], args[1], args[2], Path.of(args[3]),
                Long.parseLong(args[5]), "slot_snapshot_child", true, "pub_snapshot_child", Duration.ofMillis(50)),
                dataSource)) {
            engine.start();
            ActiveShape shape;
            try (Connection c = dataSource.getConnection()) {
                shape = engine.shape(new ShapeDefinition("public", args[4], Optional.empty(), Replica.DEFAULT,
                        LogMode.FULL), c);
            }
            shape.snapshotDone().get(120, TimeUnit.SECONDS);
            System.out.println("DONE " + shape.log().snapshotChunkCount());
        }
        System.exit(0);
    }
}
