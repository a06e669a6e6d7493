package io.quarkiverse.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The public ChangeMessage and SyncShape.transform: immutability, validation, composition. */
class ChangeMessageTest {

    private static final ChangeMessage INSERT = ChangeMessage.of(ChangeMessage.Operation.INSERT, "\"public\".\"t\"/\"1\"",
            map("id", "1", "note", null), null, Map.of("lsn", "42", "txids", List.of(7), "last", true));

    private static Map<String, String> map(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void copiesAreIndependentAndKeepNulls() {
        Map<String, String> value = new HashMap<>(Map.of("id", "1"));
        ChangeMessage message = ChangeMessage.of(ChangeMessage.Operation.INSERT, "k", value);
        value.put("id", "2");
        assertThat(message.value()).containsEntry("id", "1");
        assertThatThrownBy(() -> message.value().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);

        ChangeMessage changed = INSERT.withValue("note", "hello").withoutColumn("id").withKey("k2")
                .withOperation(ChangeMessage.Operation.DELETE);
        assertThat(INSERT.value()).containsEntry("id", "1").containsEntry("note", null);
        assertThat(changed.value()).isEqualTo(Map.of("note", "hello"));
        assertThat(changed.key()).isEqualTo("k2");
        assertThat(changed.headers()).isEqualTo(INSERT.headers());
        assertThat(INSERT.isLast()).isTrue();
        assertThat(INSERT.lsn()).contains("42");
        assertThat(INSERT.withoutHeader("last").isLast()).isFalse();
    }

    @Test
    void headersMustBeJsonValuesAndNotTheOperation() {
        assertThatThrownBy(() -> INSERT.withHeader("operation", "update"))
                .hasMessageContaining("withOperation");
        assertThatThrownBy(() -> INSERT.withHeader("when", java.time.Instant.EPOCH))
                .hasMessageContaining("java.time.Instant is not a JSON value");
        assertThat(INSERT.withHeader("tags", List.of("a", Map.of("n", 1))).header("tags"))
                .contains(List.of("a", Map.of("n", 1)));
        assertThatThrownBy(() -> ChangeMessage.of(ChangeMessage.Operation.INSERT, "", Map.of()))
                .hasMessageContaining("key cannot be empty");
    }

    @Test
    void transformsRunInTheOrderTheyWereAdded() {
        SyncShape shape = SyncShape.table("t")
                .transform(m -> List.of(m, m.withKey(m.key() + "/2")))
                .transform(m -> m.key().endsWith("/2") ? List.of(m.withValue("id", "copy")) : List.of());
        assertThat(shape.transforms()).hasSize(2);
        assertThat(shape.isTransformed()).isTrue();
        assertThat(shape.where("id > 0").transforms()).as("kept by later builder calls").hasSize(2);
        assertThat(SyncShape.table("t").isTransformed()).isFalse();
        assertThat(shape.transform(Object.class).entityForm()).contains(Object.class);
    }

    @Test
    void aDynamicShapeIsTransformedThroughItsSupplier() {
        SyncShape dynamic = SyncShape.dynamic(() -> SyncShape.table("t").transform(List::of));
        assertThatThrownBy(() -> dynamic.transform(List::of)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apply it to the shape its supplier returns");
        assertThat(dynamic.resolve().isTransformed()).isTrue();
    }
}
