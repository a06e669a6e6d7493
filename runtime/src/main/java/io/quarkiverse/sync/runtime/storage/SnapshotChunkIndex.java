package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * {@code snapshot.chunks}: one fixed-size record per closed snapshot chunk, in chunk order.
 *
 * <pre>
 * record k (16 bytes, big-endian), at byte 16 * k:
 *   0  u64  end of chunk k in snapshot.json: the position just after the separator of its last row
 *   8  u64  rows in chunks 0..k (cumulative; the snapshot-end message counts as a row)
 * </pre>
 *
 * Chunk k is {@code snapshot.json[end(k-1), end(k))} with {@code end(-1) = 0}. A record is written (and handed to the
 * OS) before the chunk count that makes it visible is published.
 */
final class SnapshotChunkIndex {

    static final String NAME = "snapshot.chunks";
    static final int RECORD = 16;

    private final FileHandle file;

    SnapshotChunkIndex(Path dir) {
        this.file = new FileHandle(dir, NAME, RECORD * 4);
    }

    FileHandle handle() {
        return file;
    }

    void append(long end, long rowsSoFar) throws IOException {
        file.appendLongs(end, rowsSoFar);
    }

    /** {end, cumulative rows} of chunk {@code k}; {0, 0} for {@code k = -1}. */
    long[] record(int k) throws IOException {
        if (k < 0) {
            return new long[] { 0, 0 };
        }
        ByteBuffer b = ByteBuffer.allocate(RECORD);
        file.readFully(b, (long) k * RECORD);
        return new long[] { b.getLong(0), b.getLong(8) };
    }
}
