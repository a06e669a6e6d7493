package io.quarkiverse.sync.runtime.pg;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the primitive types of the Postgres wire format (big-endian integers, NUL-terminated UTF-8 strings) from a
 * buffer, turning a short or malformed message into a {@link PgOutputFormatException}.
 */
final class PgBufferReader {

    private final ByteBuffer buffer;

    PgBufferReader(ByteBuffer buffer) {
        // The wire format is big-endian whatever order the caller's buffer was set to.
        this.buffer = buffer.slice().order(java.nio.ByteOrder.BIG_ENDIAN);
    }

    boolean hasRemaining() {
        return buffer.hasRemaining();
    }

    int remaining() {
        return buffer.remaining();
    }

    byte readByte() {
        try {
            return buffer.get();
        } catch (BufferUnderflowException e) {
            throw truncated("a byte");
        }
    }

    char readChar() {
        return (char) (readByte() & 0xFF);
    }

    short readInt16() {
        try {
            return buffer.getShort();
        } catch (BufferUnderflowException e) {
            throw truncated("an Int16");
        }
    }

    int readInt32() {
        try {
            return buffer.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated("an Int32");
        }
    }

    long readInt64() {
        try {
            return buffer.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated("an Int64");
        }
    }

    /** A Postgres {@code String}: UTF-8 bytes up to a NUL byte, which is consumed. */
    String readCString() {
        int start = buffer.position();
        int end = start;
        int limit = buffer.limit();
        while (end < limit && buffer.get(end) != 0) {
            end++;
        }
        if (end == limit) {
            throw new PgOutputFormatException("String without its terminating NUL byte at offset " + start);
        }
        String text = utf8(start, end - start);
        buffer.position(end + 1);
        return text;
    }

    /** {@code length} bytes of UTF-8 text (the client encoding of our connections is always UTF8). */
    String readUtf8(int length) {
        if (length < 0 || length > buffer.remaining()) {
            throw new PgOutputFormatException("A value of " + length + " bytes at offset " + buffer.position()
                    + " does not fit in the " + buffer.remaining() + " bytes left");
        }
        int start = buffer.position();
        String text = utf8(start, length);
        buffer.position(start + length);
        return text;
    }

    void skip(int length) {
        if (length < 0 || length > buffer.remaining()) {
            throw truncated(length + " bytes");
        }
        buffer.position(buffer.position() + length);
    }

    private String utf8(int start, int length) {
        if (buffer.hasArray()) {
            return new String(buffer.array(), buffer.arrayOffset() + start, length, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[length];
        buffer.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private PgOutputFormatException truncated(String what) {
        return new PgOutputFormatException("Message ends early: expected " + what + " at offset " + buffer.position());
    }
}
