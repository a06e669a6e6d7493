package io.quarkiverse.sync.runtime.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class PgBufferReaderTest {

    @Test
    void readsNulTerminatedUtf8Strings() {
        PgBufferReader reader = new PgBufferReader(new PgOutputBytes().string("").string("ä 世 🎉").string("x").buffer());

        assertThat(reader.readCString()).isEmpty();
        assertThat(reader.readCString()).isEqualTo("ä 世 🎉");
        assertThat(reader.readCString()).isEqualTo("x");
        assertThat(reader.hasRemaining()).isFalse();
    }

    @Test
    void rejectsAStringWithoutNul() {
        PgBufferReader reader = new PgBufferReader(ByteBuffer.wrap(new byte[] { 'a', 'b' }));

        assertThatThrownBy(reader::readCString).isInstanceOf(PgOutputFormatException.class).hasMessageContaining("NUL");
    }

    @Test
    void readsFromDirectAndOffsetBuffers() {
        byte[] bytes = new PgOutputBytes().byte1(9).int32(-5).int64(Long.MIN_VALUE).string("héllo").int32(3).bytes();
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        direct.get(); // a reader starts at the buffer's position

        PgBufferReader reader = new PgBufferReader(direct);

        assertThat(reader.readInt32()).isEqualTo(-5);
        assertThat(reader.readInt64()).isEqualTo(Long.MIN_VALUE);
        assertThat(reader.readCString()).isEqualTo("héllo");
        assertThat(reader.readInt32()).isEqualTo(3);
    }

    @Test
    void rejectsLengthsBeyondTheBuffer() {
        PgBufferReader reader = new PgBufferReader(ByteBuffer.wrap(new byte[] { 'a', 'b' }));

        assertThatThrownBy(() -> reader.readUtf8(3)).isInstanceOf(PgOutputFormatException.class);
        assertThatThrownBy(() -> reader.readUtf8(-1)).isInstanceOf(PgOutputFormatException.class);
        assertThat(reader.readUtf8(2)).isEqualTo("ab");
        assertThatThrownBy(reader::readInt16).isInstanceOf(PgOutputFormatException.class);
    }
}
