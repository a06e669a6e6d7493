package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * {@code snapshot.done}: present once the snapshot is complete and durable. Written (atomically) only after
 * {@code snapshot.json} and {@code snapshot.chunks} were fsynced; without it, {@code open} discards the snapshot
 * region.
 *
 * <pre>
 * snapshot.done (28 bytes, big-endian):
 *   0  4  magic "QSSD"
 *   4  4  format version (1)
 *   8  u64  chunks         closed chunks (the last one ends with snapshot-end)
 *  16  u64  snapshotBytes  length of snapshot.json
 *  24  4  CRC-32 of bytes 0..23
 * </pre>
 */
final class SnapshotMarker {

    static final String NAME = "snapshot.done";
    private static final int MAGIC = 0x51535344; // "QSSD"
    private static final int VERSION = 1;
    private static final int SIZE = 28;

    final long chunks;
    final long snapshotBytes;

    SnapshotMarker(long chunks, long snapshotBytes) {
        this.chunks = chunks;
        this.snapshotBytes = snapshotBytes;
    }

    void write(Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.putInt(MAGIC).putInt(VERSION).putLong(chunks).putLong(snapshotBytes);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, SIZE - 4);
        b.putInt((int) crc.getValue());
        FileHandle.replaceAtomically(dir, NAME, b.array());
    }

    /** The marker, or null when the snapshot was never completed (or the marker is damaged). */
    static SnapshotMarker read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != SIZE) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, SIZE - 4);
        if (b.getInt(0) != MAGIC || b.getInt(4) != VERSION || b.getInt(SIZE - 4) != (int) crc.getValue()) {
            return null;
        }
        return new SnapshotMarker(b.getLong(8), b.getLong(16));
    }
}
