package io.quarkiverse.sync.runtime.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CopyTextDecoderTest {

    private static String[] decode(String line, int columns) {
        return CopyTextDecoder.decode(line.getBytes(StandardCharsets.UTF_8), columns);
    }

    @Test
    void splitsOnTabsAndReadsNullMarkers() {
        assertThat(decode("1\thello\t\\N\tt\n", 4)).containsExactly("1", "hello", null, "t");
    }

    @Test
    void emptyStringIsNotNull() {
        assertThat(decode("\t\n", 2)).containsExactly("", "");
    }

    @Test
    void decodesBackslashEscapes() {
        assertThat(decode("a\\nb\\tc\\\\d\\re\\bf\\fg\\vh\n", 1)).containsExactly("a\nb\tc\\d\re\bf\fg\u000Bh");
        assertThat(decode("\\101\\x42\n", 1)).containsExactly("AB");
        assertThat(decode("\\\\N\n", 1)).as("an escaped backslash before N is text, not NULL").containsExactly("\\N");
    }

    @Test
    void keepsUtf8() {
        assertThat(decode("ünïcode ✓\t🎉\n", 2)).containsExactly("ünïcode ✓", "🎉");
    }

    @Test
    void anEscapedTabIsNotASeparator() {
        assertThat(decode("a\\\tb\n", 1)).containsExactly("a\tb");
    }

    @Test
    void refusesRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> decode("1\t2\n", 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decode("1\t2\t3\n", 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
