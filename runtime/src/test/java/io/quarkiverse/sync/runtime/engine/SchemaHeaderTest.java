package io.quarkiverse.sync.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.runtime.pg.TableSchema.Column;

class SchemaHeaderTest {

    private static Column column(String name, String type, int typmod) {
        return new Column(name, 1, type, false, 0, typmod, false, -1, 'b', 0);
    }

    private static String header(Column... columns) {
        return SchemaHeader.of(List.of(columns));
    }

    @Test
    void theExampleOfSection6() {
        assertThat(header(
                new Column("id", 1, "int4", false, 0, -1, true, 0, 'b', 0),
                column("title", "varchar", 8 + 4),
                new Column("tags", 3, "text", true, 1, -1, false, -1, 'b', 0),
                column("price", "numeric", ((5 << 16) | 3) + 4),
                column("d", "interval", ((1 << 11 | 1 << 12) << 16) | 0xFFFF)))
                .isEqualTo("{\"id\":{\"type\":\"int4\",\"pk_index\":0,\"not_null\":true},"
                        + "\"title\":{\"type\":\"varchar\",\"max_length\":8},"
                        + "\"tags\":{\"type\":\"text\",\"dims\":1},"
                        + "\"price\":{\"type\":\"numeric\",\"precision\":5,\"scale\":3},"
                        + "\"d\":{\"type\":\"interval\",\"fields\":\"MINUTE TO SECOND\"}}");
    }

    @Test
    void typeModifierRules() {
        assertThat(header(column("c", "bpchar", 9 + 4))).contains("\"length\":9");
        assertThat(header(column("b", "varbit", -1))).contains("\"length\":-1");
        assertThat(header(column("b", "bit", 5))).contains("\"length\":5");
        assertThat(header(column("t", "timestamp", 3))).contains("\"precision\":3");
        assertThat(header(column("t", "timestamptz", 0))).contains("\"type_mod\":0").doesNotContain("precision");
        assertThat(header(column("n", "numeric", 5 << 16 | 4))).contains("\"precision\":5,\"scale\":0");
        assertThat(header(column("n", "numeric", -1))).isEqualTo("{\"n\":{\"type\":\"numeric\"}}");
        assertThat(header(column("i", "interval", (1 << 3) << 16 | 0xFFFF))).contains("\"fields\":\"DAY\"")
                .doesNotContain("precision");
        assertThat(header(column("i", "interval", 0x7FFF << 16 | 2))).isEqualTo("{\"i\":{\"type\":\"interval\",\"precision\":2}}");
        assertThat(header(column("x", "text", -1))).isEqualTo("{\"x\":{\"type\":\"text\"}}");
    }

    @Test
    void columnNamesAreJsonEscaped() {
        assertThat(header(column("has\"quote", "text", -1))).startsWith("{\"has\\\"quote\":");
    }
}
