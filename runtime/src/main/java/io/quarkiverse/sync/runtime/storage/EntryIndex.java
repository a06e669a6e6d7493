package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * {@code log.idx}: one fixed-size record per change-log entry, in offset order, so that an offset is found by binary
 * search on disk and nothing per entry is kept in memory.
 *
 * <pre>
 * record i (24 bytes, big-endian), at byte 24 * i:
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
    static final int RECORD = 24;
    private static final int BUFFER_BYTES = RECORD * 512;
    private static final int GALLOP_PROBES = 5;

    private final FileHandle file;

    EntryIndex(Path dir) {
        this.file = new FileHandle(dir, NAME, BUFFER_BYTES);
    }

    FileHandle handle() {
        return file;
    }

    void append(long tx, long op, long end) throws IOException {
        file.appendLongs(tx, op, end);
    }

    /** End position in log.json of entry {@code i} (exclusive, after the separator); 0 for {@code i = -1}. */
    long end(long i) throws IOException {
        return i < 0 ? 0 : file.readLong(i * RECORD + 16);
    }

    /** Tx and op offsets of entry {@code i}. */
    LogOffset offset(long i) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        file.readFully(b, i * RECORD);
        return new LogOffset(b.getLong(0), b.getLong(8));
    }

    /**
     * The first entry in {@code [lo, hi]} whose offset is strictly after {@code after}; {@code hi + 1} when none is.
     * Entries are in offset order.
     */
    long firstAfter(LogOffset after, long lo, long hi) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        long low = lo;
        long high = hi + 1; // answer in [low, high]
        // Live readers ask for the last few entries: gallop back from the end for a few probes first.
        long step = 1;
        for (int probes = 0; probes < GALLOP_PROBES && high - step >= low; probes++, step <<= 1) {
            long probe = high - step;
            b.clear();
            file.readFully(b, probe * RECORD);
            if (Offsets.compare(b.getLong(0), b.getLong(8), after) > 0) {
                high = probe;
            } else {
                low = probe + 1;
                break;
            }
        }
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
