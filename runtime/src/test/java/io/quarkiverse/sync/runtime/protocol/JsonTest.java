package io.quarkiverse.sync.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesQuotesBackslashesAndEveryControlCharacter() {
        assertThat(Json.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(Json.quote("line\nnext\r\t")).isEqualTo("\"line\\nnext\\r\\t\"");
        assertThat(Json.quote("\u0001\u001f")).isEqualTo("\"\\u0001\\u001f\"");
        assertThat(Json.quote("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    }

    @Test
    void keepsUnicodeAsIs() {
        assertThat(Json.quote("ünïcode ✓ 🎉")).isEqualTo("\"ünïcode ✓ 🎉\"");
    }

    @Test
    void nullBecomesJsonNull() {
        assertThat(Json.stringOrNull(new StringBuilder(), null).toString()).isEqualTo("null");
    }
}
