package io.quarkiverse.sync.runtime.pg;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds pgoutput messages byte by byte, as the server writes them (big-endian, NUL-terminated strings). */
final class PgOutputBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static PgOutputBytes message(char type) {
        return new PgOutputBytes().byte1(type);
    }

    PgOutputBytes byte1(int value) {
        out.write(value);
        return this;
    }

    PgOutputBytes int16(int value) {
        return byte1(value >>> 8).byte1(value);
    }

    PgOutputBytes int32(int value) {
        return int16(value >>> 16).int16(value);
    }

    PgOutputBytes int64(long value) {
        return int32((int) (value >>> 32)).int32((int) value);
    }

    PgOutputBytes string(String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        return byte1(0);
    }

    /** A tuple column in text form: {@code 't'}, the byte length, the UTF-8 bytes. */
    PgOutputBytes text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte1('t').int32(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    PgOutputBytes nul() {
        return byte1('n');
    }

    PgOutputBytes unchangedToast() {
        return byte1('u');
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes());
    }
}
