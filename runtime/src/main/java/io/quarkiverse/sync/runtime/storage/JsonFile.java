package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The JSON data of one region: {@code snapshot.json} (snapshot rows) or {@code log.json} (change-log entries).
 *
 * <pre>
 * file   := element*
 * element := json-bytes ','        -- the entry exactly as the engine serialised it (UTF-8), then one comma
 * </pre>
 *
 * No header, no lengths, no padding: the positions of the elements are kept by the region's index file
 * ({@link SnapshotChunkIndex}, {@link EntryIndex}). Because every element ends with a comma, the elements
 * {@code a..b} are the byte range {@code [start(a), end(b) - 1)} and that range is already a page body
 * (elements joined by {@code ,}), read with one positional read and never re-serialised.
 */
final class JsonFile {

    static final byte SEPARATOR = ',';
    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileHandle file;

    JsonFile(Path dir, String name) {
        this.file = new FileHandle(dir, name, BUFFER_BYTES);
    }

    FileHandle handle() {
        return file;
    }

    /** Appends one element; returns the position just after its separator. */
    long append(byte[] json) throws IOException {
        file.append(json);
        file.append(SEPARATOR);
        return file.size();
    }

    /** The page body of the elements occupying {@code [start, end)}: their bytes without the last separator. */
    byte[] readElements(long start, long end) throws IOException {
        if (end <= start) {
            return new byte[0];
        }
        long length = end - start - 1;
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("page of " + length + " bytes does not fit in an array");
        }
        return file.read(start, (int) length);
    }
}
