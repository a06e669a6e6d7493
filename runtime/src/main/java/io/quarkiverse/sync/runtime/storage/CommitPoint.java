package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The committed state of the change log, and {@code log.commit}, the file that makes one of them durable.
 * <p>
 * In memory, the writer publishes a new instance (through a volatile field) at every commit; readers read one instance
 * and consult the files only below its counts, so they never see uncommitted or partially written data. On disk,
 * {@code sync()} writes the instance it made durable, atomically (temp file, fsync, rename, fsync of the directory);
 * {@code open} truncates the data files back to it.
 *
 * <pre>
 * log.commit (68 bytes, big-endian):
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
    private static final int SIZE = 68;

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
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.putInt(MAGIC).putInt(VERSION).putLong(lsn).putLong(entries).putLong(logBytes).putLong(chunks)
                .putLong(chunkBytes).putLong(lastTx).putLong(lastOp);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, SIZE - 4);
        b.putInt((int) crc.getValue());
        FileHandle.replaceAtomically(dir, NAME, b.array());
    }

    static CommitPoint read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a shape log (no " + NAME + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != SIZE) {
            throw new IOException(file + ": " + bytes.length + " bytes, expected " + SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, SIZE - 4);
        if (b.getInt(0) != MAGIC || b.getInt(4) != VERSION || b.getInt(SIZE - 4) != (int) crc.getValue()) {
            throw new IOException(file + ": bad magic, version or checksum");
        }
        b.position(8);
        return new CommitPoint(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                b.getLong());
    }
}
