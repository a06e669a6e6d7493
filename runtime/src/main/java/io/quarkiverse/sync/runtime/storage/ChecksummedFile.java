package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The format {@link CommitPoint} and {@link SnapshotMarker} share: a few numbers, replaced atomically, checked on read.
 *
 * <pre>
 * 0       4  magic
 * 4       4  format version
 * 8       8n the n values (u64 each)
 * 8 + 8n  4  CRC-32 of the bytes before it
 * </pre>
 */
final class ChecksummedFile {

    private ChecksummedFile() {
    }

    static void write(Path dir, String name, int magic, int version, long... values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(size(values.length));
        b.putInt(magic).putInt(version);
        for (long v : values) {
            b.putLong(v);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        FileHandle.replaceAtomically(dir, name, b.array());
    }

    /** The {@code count} values, or null when the file does not exist; {@link IOException} when it is damaged. */
    static long[] read(Path dir, String name, int magic, int version, int count) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        int size = size(count);
        if (bytes.length != size) {
            throw new IOException(file + ": " + bytes.length + " bytes, expected " + size);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, size - 4);
        if (b.getInt(0) != magic || b.getInt(4) != version || b.getInt(size - 4) != (int) crc.getValue()) {
            throw new IOException(file + ": bad magic, version or checksum");
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = b.getLong(8 + 8 * i);
        }
        return values;
    }

    private static int size(int count) {
        return 8 + 8 * count + 4;
    }
}
