package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * The record format {@link EntryIndex} and {@link ChunkIndex} share: fixed 24-byte records in offset order, searched on
 * disk.
 *
 * <pre>
 * record i (24 bytes, big-endian), at byte 24 * i:
 *   0  u64  tx offset
 *   8  u64  op offset
 *  16  u64  value (its meaning belongs to the file)
 * </pre>
 */
final class OffsetRecords {

    static final int RECORD = 24;

    private final FileHandle file;

    OffsetRecords(Path dir, String name, int bufferRecords) {
        this.file = new FileHandle(dir, name, RECORD * bufferRecords);
    }

    FileHandle handle() {
        return file;
    }

    void append(long tx, long op, long value) throws IOException {
        file.appendLongs(tx, op, value);
    }

    long value(long i) throws IOException {
        return file.readLong(i * RECORD + 16);
    }

    LogOffset offset(long i) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        file.readFully(b, i * RECORD);
        return new LogOffset(b.getLong(0), b.getLong(8));
    }

    /**
     * The first record in {@code [lo, hi)} whose offset is strictly after {@code after}; {@code hi} when none is.
     * Looks at up to {@code gallop} records going back from the end first (1, 2, 4, … from it), then binary-searches
     * what is left: readers near the end, the common case, then need a few reads instead of log2(n).
     */
    long firstAfter(LogOffset after, long lo, long hi, int gallop) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        long low = lo;
        long high = hi; // the answer is in [low, high]
        long step = 1;
        for (int probes = 0; probes < gallop && high - step >= low; probes++, step <<= 1) {
            long probe = high - step;
            if (isAfter(b, probe, after)) {
                high = probe;
            } else {
                low = probe + 1;
                break;
            }
        }
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (isAfter(b, mid, after)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private boolean isAfter(ByteBuffer b, long i, LogOffset after) throws IOException {
        b.clear();
        file.readFully(b, i * RECORD);
        return Offsets.compare(b.getLong(0), b.getLong(8), after) > 0;
    }
}
