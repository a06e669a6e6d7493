package io.quarkiverse.sync.runtime.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.protocol.LogOffset;
import io.quarkiverse.sync.runtime.storage.ShapeLog;

/**
 * Heap per idle shape (performance.md S7, target ≤ 2 KB): N shapes {@code id = k} built as the engine builds them
 * (catalog table, {@link Shape#of}, {@link ActiveShape} with its filter, a created {@link ShapeLog} whose
 * (empty) snapshot is finished and which holds one synced change, then {@link ShapeLog#release()}d, the handle and definition maps and the {@link EqualityIndex}), heap used after GC before
 * and after. No Postgres: the table schema is made here (a fresh copy per shape, as {@code Catalog.table} gives one per
 * request). Not run by the build. Arguments: {@code [shapes=20000] [storage-dir=/dev/shm/...]}.
 */
public final class ShapeMemoryBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path storage = args.length > 1 ? Path.of(args[1])
                : Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of("target"),
                        "shape-memory");
        HandleGenerator handles = new HandleGenerator();
        Map<String, ActiveShape> byHandle = new ConcurrentHashMap<>();
        Map<ShapeDefinition, ActiveShape> byDefinition = new ConcurrentHashMap<>();
        EqualityIndex<ActiveShape> index = new EqualityIndex<>();
        List<ActiveShape> keep = new ArrayList<>();

        // Warm-up: classes loaded, code paths run, so the baseline holds them.
        add(handles, byHandle, byDefinition, index, storage, -1);
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        for (int k = 0; k < n; k++) {
            keep.add(add(handles, byHandle, byDefinition, index, storage, k));
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        long after = usedAfterGc();
        System.out.printf("%d shapes `id = $1` in %d s; heap used after GC %,d -> %,d bytes: %,d bytes per shape%n",
                n, seconds, before, after, (after - before) / n);
        System.out.printf("(storage %s, %s, -Xmx %d MB)%n", storage, System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        if (Boolean.getBoolean("hold")) { // -Dhold=true: time for jcmd <pid> GC.class_histogram
            Thread.sleep(60_000);
        }
        if (keep.size() != n || index.size() != n + 1 || byHandle.size() != n + 1) {
            throw new AssertionError();
        }
    }

    private static ActiveShape add(HandleGenerator handles, Map<String, ActiveShape> byHandle,
            Map<ShapeDefinition, ActiveShape> byDefinition, EqualityIndex<ActiveShape> index, Path storage, int k)
            throws Exception {
        // A fresh description per shape, as Catalog.table gives one per request; the engine shares equal ones.
        TableSchema table = table();
        ShapeDefinition definition = new ShapeDefinition("public", "items", Optional.empty(), Replica.DEFAULT,
                LogMode.FULL, Optional.of("id = $1"), Map.of("1", Integer.toString(k)));
        Shape checked = TABLES.shape("", definition, table);
        Shape shape = new Shape(handles.next(definition), definition, checked.table(), checked.selected(),
                checked.messages(), checked.schemaHeader(), checked.where());
        ShapeLog log = ShapeLog.create(storage.resolve(shape.handle()), 10 * 1024 * 1024);
        // As the engine leaves an idle shape: snapshot finished (here: an empty table), one change committed and
        // synced (so the log holds a commit point of its own), files released.
        log.finishSnapshot(new Snapshotter.Visibility(1, 1, List.of()).snapshotEndMessage());
        log.append(new LogOffset(100, 0), "{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"" + k + "\\\"\"}");
        log.commit(100);
        log.sync();
        log.release();
        ActiveShape active = new ActiveShape(shape, log, TABLES.filter(shape));
        active.visibilityKnown(new Snapshotter.Visibility(1, 1, List.of()));
        active.snapshotFinished();
        index.add(active, shape.where(), table);
        byHandle.put(active.handle(), active);
        byDefinition.put(definition, active);
        return active;
    }

    /** The engine's per-table sharing (SharedTables), as SyncEngine uses it. */
    private static final SharedTables TABLES = new SharedTables();

    private static TableSchema table() {
        return new TableSchema(16384, "public", "items", List.of(
                new TableSchema.Column(new String("id"), 1, new String("int8"), false, 0, -1, true, 0, 'b', 20),
                new TableSchema.Column(new String("title"), 2, new String("text"), false, 0, -1, true, -1, 'b', 25),
                new TableSchema.Column(new String("done"), 3, new String("bool"), false, 0, -1, true, -1, 'b', 16),
                new TableSchema.Column(new String("at"), 4, new String("timestamptz"), false, 0, -1, true, -1, 'b',
                        1184)));
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
