package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.file.Path;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * {@code log.idx}: one fixed-size record per change-log entry, in offset order, so that an offset is found by binary
 * search on disk and nothing per entry is kept in memory.
 *
 * <pre>
 * record i (24 bytes, big-endian), at byte 24 * i:          ({@link OffsetRecords})
 *   0  u64  tx offset of entry i  (commit LSN)
 *   8  u64  op offset of entry i
 *  16  u64  end of entry i in log.json: the position just after its ',' separator
 * </pre>
 *
 * Entry i occupies {@code log.json[end(i-1), end(i))}, with {@code end(-1) = 0}. The number of records that count is
 * the committed entry count of the {@link CommitPoint}; records past it are uncommitted or a torn tail.
 */
final class EntryIndex {

    static final String NAME = "log.idx";
    static final int RECORD = OffsetRecords.RECORD;
    private static final int GALLOP_PROBES = 5;

    private final OffsetRecords records;

    EntryIndex(Path dir) {
        this.records = new OffsetRecords(dir, NAME, 512);
    }

    FileHandle handle() {
        return records.handle();
    }

    void append(long tx, long op, long end) throws IOException {
        records.append(tx, op, end);
    }

    /** End position in log.json of entry {@code i} (exclusive, after the separator); 0 for {@code i = -1}. */
    long end(long i) throws IOException {
        return i < 0 ? 0 : records.value(i);
    }

    /** Tx and op offsets of entry {@code i}. */
    LogOffset offset(long i) throws IOException {
        return records.offset(i);
    }

    /** The first entry in {@code [lo, hi]} whose offset is strictly after {@code after}; else {@code hi + 1}. */
    long firstAfter(LogOffset after, long lo, long hi) throws IOException {
        return records.firstAfter(after, lo, hi + 1, GALLOP_PROBES);
    }
}
