package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code snapshot.done}: present once the snapshot is complete and durable. Written (atomically) only after
 * {@code snapshot.json} and {@code snapshot.chunks} were fsynced; without it, {@code open} discards the snapshot
 * region.
 *
 * <pre>
 * snapshot.done (28 bytes, big-endian; the format of {@link ChecksummedFile}):
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

    final long chunks;
    final long snapshotBytes;

    SnapshotMarker(long chunks, long snapshotBytes) {
        this.chunks = chunks;
        this.snapshotBytes = snapshotBytes;
    }

    void write(Path dir) throws IOException {
        ChecksummedFile.write(dir, NAME, MAGIC, VERSION, chunks, snapshotBytes);
    }

    /**
     * The marker, or null when the snapshot was never completed. A damaged marker (impossible with the atomic rename,
     * short of disk corruption) is an {@link IOException}, never a reason to discard a finished snapshot.
     */
    static SnapshotMarker read(Path dir) throws IOException {
        long[] v = ChecksummedFile.read(dir, NAME, MAGIC, VERSION, 2);
        return v == null ? null : new SnapshotMarker(v[0], v[1]);
    }
}
