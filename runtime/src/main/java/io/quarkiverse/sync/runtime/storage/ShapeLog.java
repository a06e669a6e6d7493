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
 * {@code chunks.idx} then {@code log.idx}. Write buffers exist only while writing; {@link #release()} drops them and
 * closes the file handles, which later calls reopen lazily.
 */
public final class ShapeLog implements AutoCloseable {

    private final SnapshotRegion snapshot;
    private final ChangeLog changes;
    private volatile boolean closed;

    private ShapeLog(SnapshotRegion snapshot, ChangeLog changes) {
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
        return new ShapeLog(snapshot, changes);
    }

    /** The log in {@code dir} as the last {@link #sync()} (and {@link #finishSnapshot}) left it durable. */
    public static ShapeLog open(Path dir, long chunkBytesThreshold) throws IOException {
        checkThreshold(chunkBytesThreshold);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no shape log");
        }
        ChangeLog changes = ChangeLog.open(dir, chunkBytesThreshold);
        SnapshotRegion snapshot = SnapshotRegion.open(dir, chunkBytesThreshold);
        return new ShapeLog(snapshot, changes);
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

    // ---------------------------------------------------------------- snapshot region

    /**
     * Appends a snapshot row; the chunk closes (and becomes readable) once its rows' (json length + 1) sum reaches the
     * threshold.
     */
    public void appendSnapshotRow(String json) throws IOException {
        checkOpen();
        snapshot.appendRow(json);
    }

    /**
     * Appends the snapshot-end message to the last chunk and closes it (a chunk of its own when none is open, e.g. for
     * an empty table), then makes the snapshot durable.
     */
    public void finishSnapshot(String snapshotEndJson) throws IOException {
        checkOpen();
        snapshot.finish(snapshotEndJson);
    }

    public boolean snapshotComplete() {
        return snapshot.complete();
    }

    /** Closed (readable) snapshot chunks. */
    public int snapshotChunkCount() {
        return snapshot.chunkCount();
    }

    /**
     * Snapshot chunk {@code k} with {@code end = 0_k}; empty when chunk k is not closed (yet).
     *
     * @throws UncheckedIOException when the files cannot be read
     */
    public Optional<Page> readSnapshotChunk(int k) {
        checkOpen();
        try {
            return snapshot.readChunk(k);
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
        changes.append(offset, json);
    }

    /**
     * Ends the transaction {@code lsn}: its entries become visible at once, their bytes handed to the OS (no fsync). A
     * commit with no entries only advances {@link #lastCommittedLsn()}.
     */
    public void commit(long lsn) throws IOException {
        checkOpen();
        changes.commit(lsn);
    }

    /** The last committed transaction's LSN (after {@link #open}: the last synced one); 0 when none. */
    public long lastCommittedLsn() {
        return changes.lastCommittedLsn();
    }

    /**
     * Offset of the last committed entry; without entries {@code 0_(last snapshot chunk)} once the snapshot is
     * complete, else {@link LogOffset#BEFORE_ALL}.
     */
    public LogOffset lastOffset() {
        LogOffset last = changes.lastEntryOffset();
        if (last != null) {
            return last;
        }
        if (snapshot.complete()) {
            return LogOffset.snapshotChunk(snapshot.chunkCount() - 1);
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
            return changes.readAfter(after);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** fsyncs the change-log files, then durably records the commit point; returns the LSN now durable. */
    public long sync() throws IOException {
        checkOpen();
        return changes.sync();
    }

    public long syncedLsn() {
        return changes.syncedLsn();
    }

    /** Closes the file handles and drops empty write buffers; later calls reopen what they need. */
    public void release() {
        try {
            changes.release();
            snapshot.release();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Releases everything for good, <em>without</em> syncing; later calls throw {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        try {
            changes.close();
            snapshot.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
