package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * {@code chunks.idx}: the sparse chunk index of the change log, one fixed-size record per closed chunk, in order.
 *
 * <pre>
 * record j (24 bytes, big-endian), at byte 24 * j:
 *   0  u64  tx offset of the chunk's last entry (inclusive)
 *   8  u64  op offset of the chunk's last entry
 *  16  u64  index of the chunk's last entry in log.idx
 * </pre>
 *
 * A chunk closes right after the entry that brings the running sum of entry JSON sizes (separators not counted) to
 * the threshold or above; the next chunk starts empty. Chunk j covers entries
 * {@code (lastEntry(j-1), lastEntry(j)]}. Chunks are not aligned to transactions: a record may be written in the
 * middle of one, and only the records counted by the {@link CommitPoint} are visible to readers.
 */
final class ChunkIndex {

    static final String NAME = "chunks.idx";
    static final int RECORD = 24;
    private static final int BUFFER_BYTES = RECORD * 16;

    private final FileHandle file;

    ChunkIndex(Path dir) {
        this.file = new FileHandle(dir, NAME, BUFFER_BYTES);
    }

    FileHandle handle() {
        return file;
    }

    void append(long tx, long op, long lastEntry) throws IOException {
        file.appendLongs(tx, op, lastEntry);
    }

    long lastEntry(long j) throws IOException {
        return file.readLong(j * RECORD + 16);
    }

    LogOffset lastOffset(long j) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        file.readFully(b, j * RECORD);
        return new LogOffset(b.getLong(0), b.getLong(8));
    }

    /** The first chunk in {@code [0, count)} whose last offset is strictly after {@code after}; else {@code count}. */
    long firstEndingAfter(LogOffset after, long count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        if (count == 0) {
            return 0;
        }
        file.readFully(b, (count - 1) * RECORD); // the usual case for live readers: past every closed chunk
        if (Offsets.compare(b.getLong(0), b.getLong(8), after) <= 0) {
            return count;
        }
        long low = 0;
        long high = count - 1;
        while (low < high) {
            long mid = (low + high) >>> 1;
            b.clear();
            file.readFully(b, mid * RECORD);
            if (Offsets.compare(b.getLong(0), b.getLong(8), after) > 0) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
