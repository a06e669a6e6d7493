package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * The log of one shape on disk: its snapshot region ({@code 0_0 … 0_k}) and its change log ({@code L_n}), one
 * directory per shape.
 *
 * <pre>
 * dir/
 *   snapshot.json    snapshot rows and the snapshot-end message, each followed by ','   ({@link JsonFile})
 *   snapshot.chunks  16-byte record per closed snapshot chunk                           ({@link SnapshotChunkIndex})
 *   snapshot.done    marker: the snapshot is complete and durable                        ({@link SnapshotMarker})
 *   log.json         change-log entries, each followed by ','                            ({@link JsonFile})
 *   log.idx          24-byte record per entry: tx, op, end position                      ({@link EntryIndex})
 *   chunks.idx       24-byte record per closed change-log chunk                          ({@link ChunkIndex})
 *   log.commit       the durable commit point, replaced atomically by sync()             ({@link CommitPoint})
 * </pre>
 *
 * <h2>Threads</h2> One thread writes the snapshot ({@link #appendSnapshotRow}, {@link #finishSnapshot}), one thread
 * writes the change log ({@link #append}, {@link #commit}), possibly at the same time; any number of threads read.
 * Readers take no lock: they read a volatile commit point (or chunk count) and then only the file ranges it covers,
 * with positional reads, so they never see uncommitted or partially written bytes and never wait for a writer.
 * Pages are the stored bytes, never re-serialised.
 *
 * <h2>Durability</h2> {@link #commit} hands the transaction's bytes to the OS, without fsync. {@link #sync} fsyncs the
 * change-log files and then durably records the commit point; {@link #open} returns exactly that point (later entries
 * and torn tails are truncated away), and {@link #lastCommittedLsn()} tells the engine where to replay from. The
 * snapshot is durable when {@link #finishSnapshot} returns; an unfinished snapshot is discarded by {@link #open}
 * ({@link #snapshotComplete()} is then false: the engine should delete the shape, whose change log was filtered
 * against that snapshot). The threshold may differ between runs: closed chunks keep their boundaries.
 * {@link #close()} does <em>not</em> sync: for a clean shutdown call {@link #sync()} first.
 *
 * <h2>Replay</h2> {@link #append} of an offset whose LSN is at or below {@link #lastCommittedLsn()} is
 * <em>refused</em> with {@link IllegalArgumentException}: the engine skips transactions with
 * {@code lsn <= lastCommittedLsn()} when it replays from the slot.
 *
 * <h2>Memory</h2> Nothing per entry or per chunk is kept in memory: offsets are found by binary search in
 * {@code chunks.idx} then {@code log.idx}. Write buffers exist only while writing. {@link #release()} closes the
 * files, and a log whose snapshot is complete and whose commits are all synced goes <em>idle</em>: it keeps only its
 * directory, its commit point and its snapshot chunk count, since thousands of shapes may sit idle at once. The next
 * read or append makes the region objects again from those (no I/O until a file is read).
 * <p>
 * Going idle and back keeps readers lock-free: a reader takes the region instance of the moment and reads it; an
 * instance that went idle meanwhile ({@link ChangeLog#detach}) stays readable with the state it had, and the reader
 * closes the files it reopened on it. Writers on such an instance are turned away and retry on the current one.
 * Only the step from idle back to active takes this log's monitor.
 */
public final class ShapeLog implements AutoCloseable {

    private final Path dir;
    private final long threshold;
    /** Null while idle; then {@link #idleCommitted} is the state of the change log. */
    private volatile ChangeLog changes;
    /** Null while idle (its snapshot is complete); then {@link #idleSnapshotChunks} is its chunk count. */
    private volatile SnapshotRegion snapshot;
    private volatile CommitPoint idleCommitted;
    private volatile int idleSnapshotChunks;
    private volatile boolean closed;

    private ShapeLog(Path dir, long threshold, SnapshotRegion snapshot, ChangeLog changes) {
        this.dir = dir;
        this.threshold = threshold;
        this.snapshot = snapshot;
        this.changes = changes;
    }

    /** A new, empty log in {@code dir} (created if needed; must not already hold a log). */
    public static ShapeLog create(Path dir, long chunkBytesThreshold) throws IOException {
        checkThreshold(chunkBytesThreshold);
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(CommitPoint.NAME))) {
            throw new FileAlreadyExistsException(dir.toString(), null, "already holds a shape log");
        }
        // log.commit is written last: a directory without it is a create that a crash interrupted, and is redone.
        Files.deleteIfExists(dir.resolve(SnapshotMarker.NAME));
        SnapshotRegion snapshot = SnapshotRegion.create(dir, chunkBytesThreshold);
        ChangeLog changes = ChangeLog.create(dir, chunkBytesThreshold); // writes log.commit and syncs the directory
        if (dir.toAbsolutePath().getParent() != null) {
            FileHandle.syncDirectory(dir.toAbsolutePath().getParent());
        }
        return new ShapeLog(dir, chunkBytesThreshold, snapshot, changes);
    }

    /** The log in {@code dir} as the last {@link #sync()} (and {@link #finishSnapshot}) left it durable. */
    public static ShapeLog open(Path dir, long chunkBytesThreshold) throws IOException {
        checkThreshold(chunkBytesThreshold);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no shape log");
        }
        ChangeLog changes = ChangeLog.open(dir, chunkBytesThreshold);
        SnapshotRegion snapshot = SnapshotRegion.open(dir, chunkBytesThreshold);
        ShapeLog log = new ShapeLog(dir, chunkBytesThreshold, snapshot, changes);
        log.release(); // idle until used: a restart reopens every stored shape
        return log;
    }

    /** Deletes the log's directory and everything in it; nothing when it does not exist. Close the log first. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    private static void checkThreshold(long threshold) {
        if (threshold <= 0) {
            throw new IllegalArgumentException("chunk threshold must be positive: " + threshold);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("shape log closed");
        }
    }

    // ---------------------------------------------------------------- idle and active

    /** The change log, made active again when idle. */
    private ChangeLog changes() {
        ChangeLog c = changes;
        return c != null ? c : activeChanges();
    }

    private synchronized ChangeLog activeChanges() {
        checkOpen();
        ChangeLog c = changes; // release() detaches and clears under this monitor: c is never a detached instance
        if (c == null) {
            c = ChangeLog.resume(dir, threshold, idleCommitted);
            changes = c;
        }
        return c;
    }

    /** The snapshot region, made active again when idle. */
    private SnapshotRegion snapshot() {
        SnapshotRegion s = snapshot;
        return s != null ? s : activeSnapshot();
    }

    private synchronized SnapshotRegion activeSnapshot() {
        checkOpen();
        SnapshotRegion s = snapshot;
        if (s == null) {
            s = SnapshotRegion.resume(dir, threshold, idleSnapshotChunks);
            snapshot = s;
        }
        return s;
    }

    /**
     * After a read of {@code used}: when it went idle meanwhile, close the files the read may have reopened on it. The
     * instance is marked detached before its files are closed, so a file reopened after that close is seen here.
     */
    private static void afterRead(ChangeLog used) throws IOException {
        if (used.isDetached()) {
            used.releaseChannels();
        }
    }

    private static void afterRead(SnapshotRegion used) throws IOException {
        if (used.isDetached()) {
            used.releaseChannels();
        }
    }

    // ---------------------------------------------------------------- snapshot region

    /**
     * Appends a snapshot row; the chunk closes (and becomes readable) once its rows' (json length + 1) sum reaches the
     * threshold.
     */
    public void appendSnapshotRow(String json) throws IOException {
        checkOpen();
        snapshot().appendRow(json);
    }

    /**
     * Appends the snapshot-end message to the last chunk and closes it (a chunk of its own when none is open, e.g. for
     * an empty table), then makes the snapshot durable.
     */
    public void finishSnapshot(String snapshotEndJson) throws IOException {
        checkOpen();
        snapshot().finish(snapshotEndJson);
    }

    public boolean snapshotComplete() {
        SnapshotRegion s = snapshot;
        return s == null || s.complete();
    }

    /** Closed (readable) snapshot chunks. */
    public int snapshotChunkCount() {
        SnapshotRegion s = snapshot;
        return s == null ? idleSnapshotChunks : s.chunkCount();
    }

    /**
     * Snapshot chunk {@code k} with {@code end = 0_k}; empty when chunk k is not closed (yet).
     *
     * @throws UncheckedIOException when the files cannot be read
     */
    public Optional<Page> readSnapshotChunk(int k) {
        checkOpen();
        try {
            SnapshotRegion s = snapshot();
            try {
                return s.readChunk(k);
            } finally {
                afterRead(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- change log

    /**
     * Appends an entry of the transaction in progress, invisible until {@link #commit}. Offsets strictly increase, all
     * entries of one transaction share the tx (its commit LSN), and the LSN must be above {@link #lastCommittedLsn()}.
     *
     * @throws IllegalArgumentException for an offset out of order or an LSN already committed (refused, not ignored)
     */
    public void append(LogOffset offset, String json) throws IOException {
        checkOpen();
        ChangeLog c = changes();
        while (!c.append(offset, json)) { // it went idle just now
            c = activeChanges();
        }
    }

    /**
     * Ends the transaction {@code lsn}: its entries become visible at once, their bytes handed to the OS (no fsync). A
     * commit with no entries only advances {@link #lastCommittedLsn()}.
     */
    public void commit(long lsn) throws IOException {
        checkOpen();
        ChangeLog c = changes();
        while (!c.commit(lsn)) {
            c = activeChanges();
        }
    }

    /** The last committed transaction's LSN (after {@link #open}: the last synced one); 0 when none. */
    public long lastCommittedLsn() {
        ChangeLog c = changes;
        return c != null ? c.lastCommittedLsn() : idleCommitted.lsn;
    }

    /**
     * Offset of the last committed entry; without entries {@code 0_(last snapshot chunk)} once the snapshot is
     * complete, else {@link LogOffset#BEFORE_ALL}.
     */
    public LogOffset lastOffset() {
        ChangeLog c = changes;
        LogOffset last = c != null ? c.lastEntryOffset() : ChangeLog.lastEntryOffset(idleCommitted);
        if (last != null) {
            return last;
        }
        SnapshotRegion s = snapshot;
        if (s == null || s.complete()) {
            return LogOffset.snapshotChunk((s == null ? idleSnapshotChunks : s.chunkCount()) - 1);
        }
        return LogOffset.BEFORE_ALL;
    }

    /**
     * The committed entries strictly after {@code after}, up to the end of the chunk holding the first of them when
     * that chunk is closed, else up to the last committed entry. {@code end} is the last returned entry's offset, or
     * {@code after} when nothing follows. Any snapshot offset ({@code -1}, {@code 0_k}, {@code 0_inf}) reads from the
     * start of the change log.
     * <p>
     * To decide whether a response is up to date, read {@link #lastOffset()} <em>after</em> this call: a page whose
     * {@code end} is at or past that value held everything committed when it was read.
     *
     * @throws UncheckedIOException when the files cannot be read
     */
    public Page readAfter(LogOffset after) {
        checkOpen();
        try {
            ChangeLog c = changes();
            try {
                return c.readAfter(after);
            } finally {
                afterRead(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** fsyncs the change-log files, then durably records the commit point; returns the LSN now durable. */
    public long sync() throws IOException {
        checkOpen();
        while (true) {
            ChangeLog c = changes;
            if (c == null) {
                return idleCommitted.lsn; // idle: everything committed is synced
            }
            long lsn = c.sync();
            if (!c.isDetached()) {
                return lsn;
            }
            // It went idle before this sync: commits since then are in the instance that replaced it, if any.
        }
    }

    public long syncedLsn() {
        ChangeLog c = changes;
        return c != null ? c.syncedLsn() : idleCommitted.lsn;
    }

    /**
     * Closes the files and drops empty write buffers; later calls reopen what they need. A log whose snapshot is
     * complete and whose commits are all synced goes idle: only its directory and commit point stay in memory.
     */
    public synchronized void release() {
        if (closed) {
            return;
        }
        try {
            ChangeLog c = changes;
            if (c != null) {
                CommitPoint point = c.detach();
                if (point != null) {
                    idleCommitted = point;
                    changes = null;
                }
            }
            SnapshotRegion s = snapshot;
            if (s != null && s.detach()) {
                idleSnapshotChunks = s.chunkCount();
                snapshot = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the log is idle: nothing but its directory, commit point and snapshot chunk count in memory. */
    public boolean isIdle() {
        return changes == null && snapshot == null;
    }

    /** Releases everything for good, <em>without</em> syncing; later calls throw {@link IllegalStateException}. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            ChangeLog c = changes;
            if (c != null) {
                c.close();
            }
            SnapshotRegion s = snapshot;
            if (s != null) {
                s.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
