package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * The change log of a shape: entries {@code L_n} appended by one engine thread, committed a transaction at a time,
 * read by many threads.
 * <p>
 * Files: {@code log.json} ({@link JsonFile}), {@code log.idx} ({@link EntryIndex}), {@code chunks.idx}
 * ({@link ChunkIndex}), {@code log.commit} ({@link CommitPoint}).
 * <p>
 * Visibility: appends go to buffers and, when those fill, to the files past the committed end. {@link #commit} hands
 * every buffered byte to the OS and then publishes a new {@link CommitPoint} through a volatile field; readers take
 * one CommitPoint and read (positionally) only below it. A chunk that closes in the middle of a transaction is thus
 * visible exactly when that transaction commits.
 * <p>
 * Durability: {@link #sync} fsyncs the three data files, then replaces {@code log.commit} atomically with the
 * CommitPoint it captured before the fsyncs. {@code open} truncates the data files back to {@code log.commit}: a torn
 * tail and everything appended or committed after the last sync are dropped.
 * <p>
 * Locks: {@code writeLock} serialises writer calls (append, commit) and {@link #release}; {@code syncLock} serialises
 * syncs and is held across the fsyncs, without {@code writeLock}, so neither readers nor the writer wait for an fsync.
 * Order: syncLock before writeLock.
 * <p>
 * Idle: {@link #detach} ends an instance that holds nothing but its commit point (no pending entry, everything
 * synced), so that an idle shape keeps only that point; {@link #resume} makes a new instance from it when the log is
 * used again. A detached instance stays readable (its commit point is frozen, its files unchanged below it), but its
 * writer calls return false: the caller takes the new instance.
 */
final class ChangeLog {

    static final String DATA = "log.json";

    private final Path dir;
    private final long threshold;
    private final JsonFile data;
    private final EntryIndex index;
    private final ChunkIndex chunks;
    private final Object writeLock = new Object();
    private final Object syncLock = new Object();

    private volatile CommitPoint committed;
    private volatile CommitPoint durable;

    // Writer state, guarded by writeLock.
    private long entries;
    private long chunkCount;
    private long chunkBytes;
    private long lastTx;
    private long lastOp;
    private int pending; // entries appended since the last commit
    private boolean failed;
    private volatile boolean detached;

    private ChangeLog(Path dir, long threshold, CommitPoint point) {
        this.dir = dir;
        this.threshold = threshold;
        this.data = new JsonFile(dir, DATA);
        this.index = new EntryIndex(dir);
        this.chunks = new ChunkIndex(dir);
        this.committed = point;
        this.durable = point;
        this.entries = point.entries;
        this.chunkCount = point.chunks;
        this.chunkBytes = point.chunkBytes;
        this.lastTx = point.lastTx;
        this.lastOp = point.lastOp;
        data.handle().resumeAt(point.logBytes);
        index.handle().resumeAt(point.entries * EntryIndex.RECORD);
        chunks.handle().resumeAt(point.chunks * ChunkIndex.RECORD);
    }

    /**
     * A new instance for the log that {@link #detach} left at {@code point}: no I/O, the files hold exactly what the
     * point counts.
     */
    static ChangeLog resume(Path dir, long threshold, CommitPoint point) {
        return new ChangeLog(dir, threshold, point);
    }

    static ChangeLog create(Path dir, long threshold) throws IOException {
        FileHandle.createEmpty(dir, DATA);
        FileHandle.createEmpty(dir, EntryIndex.NAME);
        FileHandle.createEmpty(dir, ChunkIndex.NAME);
        CommitPoint.EMPTY.write(dir);
        return new ChangeLog(dir, threshold, CommitPoint.EMPTY);
    }

    static ChangeLog open(Path dir, long threshold) throws IOException {
        Files.deleteIfExists(dir.resolve(CommitPoint.NAME + ".tmp"));
        CommitPoint point = CommitPoint.read(dir);
        ChangeLog log = new ChangeLog(dir, threshold, point);
        synchronized (log.writeLock) {
            log.data.handle().truncateTo(point.logBytes);
            log.index.handle().truncateTo(point.entries * EntryIndex.RECORD);
            log.chunks.handle().truncateTo(point.chunks * ChunkIndex.RECORD);
            if (point.entries > 0 && log.index.end(point.entries - 1) != point.logBytes
                    || point.chunks > 0 && log.chunks.lastEntry(point.chunks - 1) >= point.entries) {
                throw new IOException(dir + ": " + EntryIndex.NAME + " or " + ChunkIndex.NAME + " does not match "
                        + CommitPoint.NAME);
            }
            log.data.handle().releaseChannel();
            log.index.handle().releaseChannel();
            log.chunks.handle().releaseChannel();
        }
        return log;
    }

    // ---------------------------------------------------------------- writer

    /** Appends an entry; false (nothing done) when this instance was detached. */
    boolean append(LogOffset offset, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        long tx = offset.txOffset();
        long op = offset.opOffset();
        synchronized (writeLock) {
            if (detached) {
                return false;
            }
            checkWritable();
            if (offset.isBeforeAll() || tx == 0) {
                throw new IllegalArgumentException("not a change-log offset: " + offset);
            }
            if (Long.compareUnsigned(tx, committed.lsn) <= 0) {
                throw new IllegalArgumentException("transaction " + Long.toUnsignedString(tx)
                        + " is not after the last committed one (" + Long.toUnsignedString(committed.lsn) + ")");
            }
            if (pending > 0 && tx != lastTx) {
                throw new IllegalArgumentException("entry " + offset + " while transaction "
                        + Long.toUnsignedString(lastTx) + " is not committed");
            }
            if (entries > 0 && Offsets.compare(tx, op, lastTx, lastOp) <= 0) {
                throw new IllegalArgumentException(
                        "offset " + offset + " is not after " + new LogOffset(lastTx, lastOp));
            }
            failed = true; // until the entry is fully buffered
            long end = data.append(bytes);
            index.append(tx, op, end);
            long entry = entries++;
            chunkBytes += bytes.length;
            if (chunkBytes >= threshold) {
                chunks.append(tx, op, entry);
                chunkCount++;
                chunkBytes = 0;
            }
            lastTx = tx;
            lastOp = op;
            pending++;
            failed = false;
            return true;
        }
    }

    /** Commits the transaction {@code lsn}; false (nothing done) when this instance was detached. */
    boolean commit(long lsn) throws IOException {
        synchronized (writeLock) {
            if (detached) {
                return false;
            }
            checkWritable();
            if (Long.compareUnsigned(lsn, committed.lsn) <= 0) {
                throw new IllegalArgumentException("commit of " + Long.toUnsignedString(lsn)
                        + " is not after the last committed transaction ("
                        + Long.toUnsignedString(committed.lsn) + ")");
            }
            if (pending > 0 && lsn != lastTx) {
                throw new IllegalArgumentException("commit of " + Long.toUnsignedString(lsn)
                        + " but the pending entries belong to transaction " + Long.toUnsignedString(lastTx));
            }
            failed = true;
            data.handle().flush();
            index.handle().flush();
            chunks.handle().flush();
            failed = false;
            committed = new CommitPoint(lsn, entries, data.handle().size(), chunkCount, chunkBytes,
                    entries == 0 ? 0 : lastTx, entries == 0 ? 0 : lastOp);
            pending = 0;
            return true;
        }
    }

    private void checkWritable() {
        if (failed) {
            throw new IllegalStateException(
                    dir + ": an earlier write failed; reopen the log to recover its synced state");
        }
    }

    /** A detached instance has nothing to sync: it was detached with everything synced and took no write since. */
    long sync() throws IOException {
        synchronized (syncLock) {
            CommitPoint point = committed; // everything it counts is already with the OS
            if (point == durable) {
                return point.lsn;
            }
            data.handle().force();
            index.handle().force();
            chunks.handle().force();
            point.write(dir);
            durable = point;
            return point.lsn;
        }
    }

    // ---------------------------------------------------------------- readers

    long lastCommittedLsn() {
        return committed.lsn;
    }

    long syncedLsn() {
        return durable.lsn;
    }

    /** Offset of the last committed entry, or null when there is none. */
    LogOffset lastEntryOffset() {
        return lastEntryOffset(committed);
    }

    /** Offset of the last entry {@code point} counts, or null when it counts none. */
    static LogOffset lastEntryOffset(CommitPoint point) {
        return point.entries == 0 ? null : new LogOffset(point.lastTx, point.lastOp);
    }

    Page readAfter(LogOffset after) throws IOException {
        CommitPoint point = committed;
        if (point.entries == 0 || Offsets.compare(point.lastTx, point.lastOp, after) <= 0) {
            return new Page(new byte[0], 0, after);
        }
        long chunk = chunks.firstEndingAfter(after, point.chunks);
        long first = chunk == 0 ? 0 : chunks.lastEntry(chunk - 1) + 1;
        long last;
        LogOffset end;
        if (chunk < point.chunks) {
            last = chunks.lastEntry(chunk);
            end = chunks.lastOffset(chunk);
        } else {
            last = point.entries - 1;
            end = new LogOffset(point.lastTx, point.lastOp);
        }
        long from = index.firstAfter(after, first, last);
        byte[] json = data.readElements(index.end(from - 1), index.end(last));
        return new Page(json, (int) (last - from + 1), end);
    }

    // ---------------------------------------------------------------- handles

    /**
     * Ends this instance if all it holds is its commit point: no pending entry, no failed write, everything committed
     * synced. Returns that point (the files are closed and the buffers dropped), or null when the instance must stay
     * (its files are closed all the same; only buffers that hold nothing are dropped).
     */
    CommitPoint detach() throws IOException {
        synchronized (syncLock) {
            synchronized (writeLock) {
                if (pending > 0 || failed || committed != durable) {
                    release();
                    return null;
                }
                detached = true; // before the files close: see ShapeLog.afterRead
                release();
                return committed;
            }
        }
    }

    boolean isDetached() {
        return detached;
    }

    /** Closes the files (any thread, no lock): a reader done with a detached instance closes what it reopened. */
    void releaseChannels() throws IOException {
        data.handle().releaseChannel();
        index.handle().releaseChannel();
        chunks.handle().releaseChannel();
    }

    void release() throws IOException {
        synchronized (syncLock) {
            synchronized (writeLock) {
                data.handle().releaseChannel();
                index.handle().releaseChannel();
                chunks.handle().releaseChannel();
                data.handle().releaseBuffer(); // only empty buffers: pending entries stay buffered
                index.handle().releaseBuffer();
                chunks.handle().releaseBuffer();
            }
        }
    }

    void close() throws IOException {
        synchronized (syncLock) {
            synchronized (writeLock) {
                data.handle().close();
                index.handle().close();
                chunks.handle().close();
            }
        }
    }
}
