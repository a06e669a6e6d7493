package io.quarkiverse.sync.runtime.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkiverse.sync.runtime.pg.Catalog;
import io.quarkiverse.sync.runtime.pg.Change;
import io.quarkiverse.sync.runtime.pg.Lsn;
import io.quarkiverse.sync.runtime.pg.PgMessage;
import io.quarkiverse.sync.runtime.pg.Publication;
import io.quarkiverse.sync.runtime.pg.ReplicationClient;
import io.quarkiverse.sync.runtime.pg.ReplicationListener;
import io.quarkiverse.sync.runtime.pg.ReplicationSlot;
import io.quarkiverse.sync.runtime.pg.TableName;
import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.Transaction;
import io.quarkiverse.sync.runtime.protocol.LogOffset;
import io.quarkiverse.sync.runtime.storage.ShapeLog;

/**
 * The embedded sync engine: keeps a log for each shape, fed from logical replication.
 * <p>
 * Data flow: the replication thread hands each committed transaction to {@link #onTransaction}, which routes its
 * changes to the shapes of their table, encodes them as log entries and commits them to each shape's log. A
 * scheduler syncs the logs that changed and only then acknowledges the transaction's end LSN to the slot, so a crash
 * replays what was not yet on disk, and each log skips what it already holds.
 * <p>
 * A shape is created on first request: its table joins the publication (with {@code REPLICA IDENTITY FULL}, so
 * updates and deletes carry old rows), it is registered for routing, and its snapshot runs on a worker; replicated
 * transactions the snapshot already contains are dropped by xid visibility.
 */
public final class SyncEngine implements ReplicationListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class);
    private static final long DDL_LOCK_TIMEOUT_MS = 10_000;
    /** A log not appended to for this long closes its files (readers and the next append reopen them). */
    private static final long IDLE_RELEASE_MS = 30_000;
    /**
     * With more logs than this holding files open (up to five each), those not appended to within
     * {@link #BUSY_RELEASE_MS} close theirs too: a burst of shapes created or read at once (10,000 in half a minute in
     * the S1 benchmark) must not run the process out of file descriptors.
     */
    private static final int MAX_ACTIVE_LOGS = 1_000;
    private static final long BUSY_RELEASE_MS = 1_000;
    /** How often the release runs. */
    private static final long RELEASE_EVERY_MS = 1_000;

    private final EngineConfig config;
    private final DataSource dataSource;
    private final Publication publication;
    private final ReplicationSlot slot;
    private final HandleGenerator handles = new HandleGenerator();
    private final SharedTables tables = new SharedTables();
    private final ExecutorService snapshots = Executors.newFixedThreadPool(2, daemon("sync-snapshot"));
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(daemon("sync-flush"));
    private final Object creationLock = new Object();
    /** Guards routing state and log appends: the replication thread and the flusher take it. */
    private final Object lock = new Object();
    private final List<Consumer<ActiveShape>> appendListeners = new CopyOnWriteArrayList<>();

    private final Map<ShapeDefinition, ActiveShape> byDefinition = new ConcurrentHashMap<>();
    private final Map<String, ActiveShape> byHandle = new ConcurrentHashMap<>();
    private final Map<Long, EqualityIndex<ActiveShape>> byTable = new HashMap<>(); // guarded by lock
    private final Set<ActiveShape> dirty = new LinkedHashSet<>(); // guarded by lock
    private Lsn processedEnd = Lsn.INVALID; // guarded by lock
    private volatile long lastSeenLsn;
    private volatile ReplicationClient client;
    private volatile Throwable replicationFailure;

    public SyncEngine(EngineConfig config, DataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.publication = new Publication(config.publicationName());
        this.slot = new ReplicationSlot(config.slotName());
    }

    /** Prepares publication and slot, reloads the shapes of a previous run, and starts streaming. */
    public void start() throws SQLException, IOException {
        Files.createDirectories(config.storageDir());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            publication.createIfMissing(connection);
            // Stored logs continue only from the slot they were fed by: a new or temporary slot starts at the current
            // WAL position, so logs of a previous run would miss what happened in between.
            boolean continuing = !config.temporarySlot() && slot.exists(connection);
            if (!config.temporarySlot()) {
                slot.createIfMissing(connection);
            }
            if (continuing) {
                restoreShapes(connection);
            } else {
                discardStoredShapes();
            }
        }
        ReplicationClient replication = ReplicationClient.builder()
                .jdbcUrl(config.jdbcUrl()).username(config.username()).password(config.password())
                .slot(slot).temporarySlot(config.temporarySlot())
                .publications(config.publicationName())
                .listener(this)
                .threadName("sync-replication")
                .build();
        client = replication;
        replication.start().join();
        long interval = config.flushInterval().toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.MILLISECONDS);
        flusher.scheduleWithFixedDelay(() -> releaseIdle(IDLE_RELEASE_MS, MAX_ACTIVE_LOGS, BUSY_RELEASE_MS),
                RELEASE_EVERY_MS, RELEASE_EVERY_MS, TimeUnit.MILLISECONDS);
        LOG.infof("Sync engine started: %d shapes restored, %s", byHandle.size(), config);
    }

    /** Called with a shape after entries were committed to its log, or after it was invalidated. */
    public void onAppend(Consumer<ActiveShape> listener) {
        appendListeners.add(listener);
    }

    /** The commit LSN of the newest transaction processed: the protocol's {@code global_last_seen_lsn}. */
    public long lastSeenLsn() {
        return lastSeenLsn;
    }

    public Optional<ActiveShape> byHandle(String handle) {
        return Optional.ofNullable(byHandle.get(handle));
    }

    /** The live shape of this definition, if one exists; never creates one (DELETE by definition). */
    public Optional<ActiveShape> existing(ShapeDefinition definition) {
        return Optional.ofNullable(byDefinition.get(definition)).filter(active -> !active.isInvalidated());
    }

    /** Why replication stopped for good, if it did. */
    public Optional<Throwable> replicationFailure() {
        return Optional.ofNullable(replicationFailure);
    }

    /** Whether replication runs; false after it failed for good. */
    public boolean isStreaming() {
        ReplicationClient c = client;
        return c != null && c.isRunning() && replicationFailure == null;
    }

    /**
     * The shape for this definition, created (and its snapshot started) when there is none. The catalog is read on
     * every call: a table dropped and re-created, or altered, gives a new shape, and the old handle gets 409s.
     */
    public ActiveShape shape(ShapeDefinition definition, Connection connection)
            throws SQLException, ShapeDefinitionException {
        Optional<TableSchema> found = Catalog.table(connection, definition.schema(), definition.table());
        if (found.isEmpty()) {
            // A dropped table sends nothing through replication: its shapes end here, and waiters get their 409.
            ActiveShape orphan = byDefinition.get(definition);
            if (orphan != null) {
                invalidate(orphan, "its table was dropped");
            }
            throw new ShapeDefinitionException("table", ShapeColumns.tableMissing(definition));
        }
        TableSchema table = found.get();
        // Checked on every call, so that a bad definition is reported before a shape exists.
        Shape checked = tables.shape("", definition, table);
        ActiveShape existing = byDefinition.get(definition);
        if (existing != null && !existing.isInvalidated() && existing.shape().table().equals(table)) {
            return existing;
        }
        synchronized (creationLock) {
            existing = byDefinition.get(definition);
            if (existing != null && !existing.isInvalidated() && existing.shape().table().equals(table)) {
                return existing;
            }
            if (existing != null) {
                invalidate(existing, "its table changed");
            }
            return create(definition, table, checked, connection);
        }
    }

    private ActiveShape create(ShapeDefinition definition, TableSchema table, Shape checked, Connection connection)
            throws SQLException {
        TableName name = new TableName(table.schema(), table.name());
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            // REPLICA IDENTITY needs an exclusive lock, which waits for every open transaction on the table: give up
            // after a while (the request answers 503, the client retries) rather than hang.
            statement.execute("SET lock_timeout = '" + DDL_LOCK_TIMEOUT_MS + "ms'");
            try {
                // Before the snapshot: every change committed after the snapshot is then sure to be streamed.
                Publication.setReplicaIdentityFull(connection, name);
                publication.addTable(connection, name);
            } finally {
                statement.execute("RESET lock_timeout");
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        Shape shape = new Shape(handles.next(definition), definition, checked.table(), checked.selected(),
                checked.messages(), checked.schemaHeader(), checked.where());
        ShapeLog log;
        try {
            log = ShapeLog.create(config.storageDir().resolve(shape.handle()), config.chunkBytesThreshold());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the log of shape " + shape.handle(), e);
        }
        ActiveShape active = new ActiveShape(shape, log, tables.filter(shape));
        register(active);
        snapshots.execute(() -> snapshot(active));
        LOG.debugf("Created shape %s for %s", shape.handle(), definition);
        return active;
    }

    private void register(ActiveShape active) {
        synchronized (lock) {
            byTable.computeIfAbsent(active.shape().table().oid(), oid -> new EqualityIndex<>())
                    .add(active, active.shape().where(), active.shape().table());
        }
        byHandle.put(active.handle(), active);
        byDefinition.put(active.shape().definition(), active);
    }

    private void snapshot(ActiveShape active) {
        ShapeLog log = active.log();
        try (Connection connection = dataSource.getConnection()) {
            Snapshotter.Visibility visibility = Snapshotter.run(connection, active.shape(),
                    known -> visibilityKnown(active, known),
                    row -> {
                        try {
                            log.appendSnapshotRow(row);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        if (log.snapshotChunkCount() > 0) {
                            active.snapshotChunkReady();
                        }
                    });
            log.finishSnapshot(visibility.snapshotEndMessage());
            synchronized (lock) {
                log.sync();
            }
            new ShapeMetadata(active.handle(), active.shape().definition(), active.shape().table().oid(),
                    ShapeMetadata.signature(active.shape().table()), visibility)
                    .write(config.storageDir().resolve(active.handle()));
            active.snapshotFinished();
            notifyAppend(active);
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.errorf(e, "Snapshot of shape %s failed", active.handle());
            active.snapshotFailed(e);
            invalidate(active, "its snapshot failed");
        }
    }

    /** Called from the snapshot transaction before its rows are read: releases the transactions held for it. */
    private void visibilityKnown(ActiveShape active, Snapshotter.Visibility visibility) {
        synchronized (lock) {
            for (Transaction held : active.visibilityKnown(visibility)) {
                if (!visibility.sawCommitOf(held.xidUnsigned())) {
                    apply(active, held, null, ChangeEncoder.Encoded.UNSHARED);
                }
            }
        }
    }

    @Override
    public void onTransaction(Transaction transaction) {
        // Per shape, the changes routed to it: the others cannot give it an entry, so they are not even encoded.
        Map<ActiveShape, BitSet> touched = new LinkedHashMap<>();
        Set<ActiveShape> candidates = new LinkedHashSet<>();
        synchronized (lock) {
            List<Change> changes = transaction.changes();
            for (int index = 0; index < changes.size(); index++) {
                Change change = changes.get(index);
                if (change instanceof Change.Truncate truncate) {
                    truncate.relations().forEach(r -> shapesOf(r.oid()).forEach(s -> invalidate(s, "its table was truncated")));
                    continue;
                }
                PgMessage.Relation relation = relationOf(change);
                EqualityIndex<ActiveShape> routes = byTable.get(Integer.toUnsignedLong(relation.oid()));
                if (routes == null) {
                    continue;
                }
                // Every shape of the table is checked once per relation message (and each new shape once), so that
                // the index's column positions are the relation's before it is asked.
                for (ActiveShape active : routes.toCheck(relation)) {
                    if (!active.matches(relation)) {
                        invalidate(active, "its table's columns changed");
                    }
                }
                candidates.clear();
                routes.candidates(change, candidates);
                for (ActiveShape active : candidates) {
                    if (!active.holdIfWaiting(transaction)
                            && !active.visibility().sawCommitOf(transaction.xidUnsigned())) {
                        touched.computeIfAbsent(active, a -> new BitSet()).set(index);
                    }
                }
            }
            ChangeEncoder.Encoded encoded = new ChangeEncoder.Encoded(touched.size() > 1);
            for (Map.Entry<ActiveShape, BitSet> routed : touched.entrySet()) {
                if (!routed.getKey().isInvalidated()) {
                    apply(routed.getKey(), transaction, routed.getValue(), encoded);
                }
            }
            processedEnd = transaction.endLsn();
            lastSeenLsn = transaction.commitLsn().asLong();
        }
        touched.keySet().forEach(this::notifyAppend);
    }

    /**
     * Appends one transaction's entries to one shape's log; a log that already holds the transaction skips it.
     * {@code routed} holds the indexes of the changes routed to the shape, null for all of them.
     */
    private void apply(ActiveShape active, Transaction transaction, BitSet routed, ChangeEncoder.Encoded encoded) {
        long lsn = transaction.commitLsn().asLong();
        ShapeLog log = active.log();
        if (Long.compareUnsigned(lsn, log.lastCommittedLsn()) <= 0) {
            return; // replayed after a restart: already in the log
        }
        ChangeEncoder.TxHeaders headers = new ChangeEncoder.TxHeaders(transaction.xidUnsigned(), lsn);
        List<ChangeEncoder.PendingEntry> entries = new ArrayList<>();
        long op = 0;
        long oid = active.shape().table().oid();
        List<Change> changes = transaction.changes();
        for (int index = 0; index < changes.size(); index++) {
            Change change = changes.get(index);
            if ((routed == null || routed.get(index)) && !(change instanceof Change.Truncate)
                    && Integer.toUnsignedLong(relationOf(change).oid()) == oid) {
                entries.addAll(active.encode(change, headers, op, encoded));
            }
            op += 2; // room to split a key change into delete (n) and insert (n + 1)
        }
        if (entries.isEmpty()) {
            return;
        }
        try {
            List<String> json = ChangeEncoder.render(entries);
            for (int i = 0; i < json.size(); i++) {
                log.append(new LogOffset(lsn, entries.get(i).op()), json.get(i));
            }
            log.commit(lsn);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the log of shape " + active.handle(), e);
        }
        dirty.add(active);
        active.appended();
    }

    private List<ActiveShape> shapesOf(int relationOid) {
        EqualityIndex<ActiveShape> shapes = byTable.get(Integer.toUnsignedLong(relationOid));
        return shapes == null ? List.of() : shapes.shapes();
    }

    private static PgMessage.Relation relationOf(Change change) {
        if (change instanceof Change.Insert insert) {
            return insert.relation();
        }
        if (change instanceof Change.Update update) {
            return update.relation();
        }
        return ((Change.Delete) change).relation();
    }

    /** Removes a shape: new requests create a new one, holders of its handle are told to refetch. */
    public void invalidate(ActiveShape active, String why) {
        synchronized (lock) {
            EqualityIndex<ActiveShape> shapes = byTable.get(active.shape().table().oid());
            if (shapes != null) {
                shapes.remove(active);
            }
            dirty.remove(active);
        }
        byHandle.remove(active.handle(), active);
        byDefinition.remove(active.shape().definition(), active);
        if (!active.isInvalidated()) {
            LOG.infof("Shape %s invalidated: %s", active.handle(), why);
            active.invalidate();
            notifyAppend(active);
            snapshots.execute(() -> {
                active.log().close();
                try {
                    ShapeLog.delete(config.storageDir().resolve(active.handle()));
                } catch (IOException e) {
                    LOG.warnf("Could not remove the log of shape %s: %s", active.handle(), e.getMessage());
                }
            });
        }
    }

    private void notifyAppend(ActiveShape active) {
        for (Consumer<ActiveShape> listener : appendListeners) {
            listener.accept(active);
        }
    }

    /**
     * Syncs every log that changed, then acknowledges the end of the last transaction processed before: each
     * transaction up to it is committed to all the logs it touched, and those logs are now on disk. Shapes still
     * waiting for their snapshot hold transactions in memory only, but such shapes are discarded on restart.
     */
    public void flush() throws IOException {
        List<ActiveShape> toSync;
        Lsn acknowledgeable;
        synchronized (lock) {
            toSync = new ArrayList<>(dirty);
            dirty.clear();
            acknowledgeable = processedEnd;
        }
        // Outside the lock: the replication thread goes on appending while the disk syncs.
        for (ActiveShape active : toSync) {
            try {
                active.log().sync();
            } catch (IllegalStateException closed) {
                if (!active.isInvalidated()) {
                    throw closed;
                }
            }
        }
        ReplicationClient c = client;
        if (c != null && acknowledgeable.isValid()) {
            c.acknowledge(acknowledgeable);
        }
    }

    /**
     * Closes the files of logs not appended to for {@code idleMillis} (thousands of idle shapes must not hold
     * thousands of open files); then, if more than {@code maxActive} logs still hold files, those of logs not appended
     * to for {@code busyMillis}. Logs whose snapshot runs keep theirs; reads and appends reopen what they need.
     */
    void releaseIdle(long idleMillis, int maxActive, long busyMillis) {
        long now = System.currentTimeMillis();
        int active = 0;
        for (ActiveShape shape : byHandle.values()) {
            if (!release(shape, now, idleMillis)) {
                active++;
            }
        }
        if (active > maxActive) {
            for (ActiveShape shape : byHandle.values()) {
                release(shape, now, busyMillis);
            }
        }
    }

    /** Releases the shape's log if it is idle for {@code idleMillis}; whether its log holds no files now. */
    private static boolean release(ActiveShape shape, long now, long idleMillis) {
        if (shape.log().isIdle()) {
            return true;
        }
        if (now - shape.lastAppendMillis() < idleMillis || !shape.snapshotDone().isDone() || shape.isInvalidated()) {
            return false;
        }
        try {
            shape.log().release();
        } catch (RuntimeException e) {
            LOG.debugf("Could not release the files of shape %s: %s", shape.handle(), e.getMessage());
        }
        return shape.log().isIdle();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "Could not sync shape logs");
        }
    }

    @Override
    public void onFailure(Throwable error) {
        replicationFailure = error;
        LOG.errorf(error, "Logical replication stopped");
    }

    private void discardStoredShapes() throws IOException {
        try (Stream<Path> entries = Files.list(config.storageDir())) {
            for (Path dir : entries.filter(Files::isDirectory).toList()) {
                ShapeLog.delete(dir);
            }
        }
    }

    /**
     * Reloads the shapes whose snapshot completed in a previous run; drops those whose table changed since. Reading each
     * shape's metadata and reopening its log is file I/O per shape, independent of the others, so both run in
     * parallel; the catalog is read once per table (all of a table's shapes check against the same description).
     */
    private void restoreShapes(Connection connection) throws IOException, SQLException {
        List<Path> dirs;
        try (Stream<Path> entries = Files.list(config.storageDir())) {
            dirs = entries.filter(Files::isDirectory).toList();
        }
        List<StoredShape> stored = unchecked(() -> dirs.parallelStream()
                .map(dir -> new StoredShape(dir, uncheckedIo(() -> ShapeMetadata.read(dir)))).toList());
        Map<TableName, Optional<TableSchema>> catalog = new HashMap<>();
        for (StoredShape shape : stored) {
            if (shape.metadata().isPresent()) {
                ShapeDefinition definition = shape.metadata().get().definition();
                TableName name = new TableName(definition.schema(), definition.table());
                if (!catalog.containsKey(name)) {
                    catalog.put(name, Catalog.table(connection, name.schema(), name.table()));
                }
            }
        }
        unchecked(() -> {
            stored.parallelStream().forEach(shape -> uncheckedIo(() -> {
                restore(shape, catalog);
                return null;
            }));
            return null;
        });
    }

    /** A shape directory found at start, with its metadata if the snapshot had completed. */
    private record StoredShape(Path dir, Optional<ShapeMetadata> metadata) {
    }

    private void restore(StoredShape stored, Map<TableName, Optional<TableSchema>> catalog) throws IOException {
        Optional<ShapeMetadata> metadata = stored.metadata();
        Optional<TableSchema> table = metadata.isEmpty() ? Optional.empty()
                : catalog.get(new TableName(metadata.get().definition().schema(), metadata.get().definition().table()));
        if (metadata.isEmpty() || table.isEmpty()
                || !ShapeMetadata.signature(table.get()).equals(metadata.get().tableSignature())) {
            LOG.debugf("Discarding shape directory %s (unfinished snapshot or changed table)", stored.dir());
            ShapeLog.delete(stored.dir());
            return;
        }
        ShapeMetadata meta = metadata.get();
        Shape shape;
        try {
            shape = tables.shape(meta.handle(), meta.definition(), table.get());
        } catch (ShapeDefinitionException e) {
            ShapeLog.delete(stored.dir());
            return;
        }
        ActiveShape active = new ActiveShape(shape, ShapeLog.open(stored.dir(), config.chunkBytesThreshold()),
                tables.filter(shape));
        active.visibilityKnown(meta.visibility());
        active.snapshotFinished();
        register(active);
    }

    /** I/O inside a parallel stream: thrown as unchecked there, rethrown as the IOException by {@link #unchecked}. */
    private interface IoWork<T> {
        T run() throws IOException;
    }

    private static <T> T uncheckedIo(IoWork<T> work) {
        try {
            return work.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T unchecked(java.util.function.Supplier<T> parallel) throws IOException {
        try {
            return parallel.get();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {
        ReplicationClient c = client;
        // Not shutdownNow(): interrupting a thread inside FileChannel I/O closes the channel for every user of it.
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        snapshots.shutdownNow();
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Final sync of shape logs failed: %s", e.getMessage());
        }
        if (c != null) {
            c.close();
        }
        synchronized (lock) {
            byHandle.values().forEach(active -> active.log().close());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
