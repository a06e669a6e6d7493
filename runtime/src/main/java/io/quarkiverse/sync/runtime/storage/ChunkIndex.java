package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.file.Path;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * {@code chunks.idx}: the sparse chunk index of the change log, one fixed-size record per closed chunk, in order.
 *
 * <pre>
 * record j (24 bytes, big-endian), at byte 24 * j:          ({@link OffsetRecords})
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
    static final int RECORD = OffsetRecords.RECORD;

    private final OffsetRecords records;

    ChunkIndex(Path dir) {
        this.records = new OffsetRecords(dir, NAME, 16);
    }

    FileHandle handle() {
        return records.handle();
    }

    void append(long tx, long op, long lastEntry) throws IOException {
        records.append(tx, op, lastEntry);
    }

    long lastEntry(long j) throws IOException {
        return records.value(j);
    }

    LogOffset lastOffset(long j) throws IOException {
        return records.offset(j);
    }

    /** The first chunk in {@code [0, count)} whose last offset is strictly after {@code after}; else {@code count}. */
    long firstEndingAfter(LogOffset after, long count) throws IOException {
        // One probe at the last chunk first: live readers are usually past every closed chunk.
        return records.firstAfter(after, 0, count, 1);
    }
}
