package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The committed state of the change log, and {@code log.commit}, the file that makes one of them durable.
 * <p>
 * In memory, the writer publishes a new instance (through a volatile field) at every commit; readers read one instance
 * and consult the files only below its counts, so they never see uncommitted or partially written data. On disk,
 * {@code sync()} writes the instance it made durable, atomically (temp file, fsync, rename, fsync of the directory);
 * {@code open} truncates the data files back to it.
 *
 * <pre>
 * log.commit (68 bytes, big-endian; the format of {@link ChecksummedFile}):
 *   0  4  magic "QSCP"
 *   4  4  format version (1)
 *   8  u64  lsn          last committed transaction's commit LSN (0: none)
 *  16  u64  entries      records of log.idx that are committed
 *  24  u64  logBytes     bytes of log.json that are committed (= end of the last committed entry)
 *  32  u64  chunks       records of chunks.idx that are committed
 *  40  u64  chunkBytes   running JSON size of the open chunk (entries after the last closed chunk)
 *  48  u64  lastTx       offset of the last committed entry (0_0 when there is none)
 *  56  u64  lastOp
 *  64  4  CRC-32 of bytes 0..63
 * </pre>
 */
final class CommitPoint {

    static final String NAME = "log.commit";
    static final CommitPoint EMPTY = new CommitPoint(0, 0, 0, 0, 0, 0, 0);
    private static final int MAGIC = 0x51534350; // "QSCP"
    private static final int VERSION = 1;

    final long lsn;
    final long entries;
    final long logBytes;
    final long chunks;
    final long chunkBytes;
    final long lastTx;
    final long lastOp;

    CommitPoint(long lsn, long entries, long logBytes, long chunks, long chunkBytes, long lastTx, long lastOp) {
        this.lsn = lsn;
        this.entries = entries;
        this.logBytes = logBytes;
        this.chunks = chunks;
        this.chunkBytes = chunkBytes;
        this.lastTx = lastTx;
        this.lastOp = lastOp;
    }

    void write(Path dir) throws IOException {
        ChecksummedFile.write(dir, NAME, MAGIC, VERSION, lsn, entries, logBytes, chunks, chunkBytes, lastTx, lastOp);
    }

    static CommitPoint read(Path dir) throws IOException {
        long[] v = ChecksummedFile.read(dir, NAME, MAGIC, VERSION, 7);
        if (v == null) {
            Path file = dir.resolve(NAME);
            throw new NoSuchFileException(file.toString(), null, "not a shape log (no " + NAME + ")");
        }
        return new CommitPoint(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
