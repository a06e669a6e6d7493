package io.quarkiverse.sync.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LogOffsetTest {

    @ParameterizedTest
    @ValueSource(strings = { "-1", "0_0", "0_7", "0_inf", "24961936_0", "24961936_4", "18446744073709551615_2" })
    void printsWhatItParses(String text) {
        assertThat(LogOffset.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void acceptsTheReferenceServersLenientForms() {
        assertThat(LogOffset.parse("0_02")).isEqualTo(LogOffset.snapshotChunk(2));
        assertThat(LogOffset.parse("-1_0")).isEqualTo(LogOffset.BEFORE_ALL);
        assertThat(LogOffset.parse("+5_+2")).isEqualTo(new LogOffset(5, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = { "invalid", "10", "1_2_3", "0_-1", "1_2 ", "_1", "1_", "-2_0", "0_infinity", "1_inf_",
            "99999999999999999999999_0", "0x10_0" })
    void rejectsWhatIsNotAnOffset(String text) {
        assertThatThrownBy(() -> LogOffset.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersBeforeAllSnapshotChunksSnapshotEndThenTransactions() {
        assertThat(LogOffset.BEFORE_ALL).isLessThan(LogOffset.parse("0_0"));
        assertThat(LogOffset.parse("0_0")).isLessThan(LogOffset.parse("0_1"));
        assertThat(LogOffset.parse("0_9")).isLessThan(LogOffset.LAST_SNAPSHOT);
        assertThat(LogOffset.LAST_SNAPSHOT).isLessThan(LogOffset.parse("1_0"));
        assertThat(LogOffset.parse("24961936_4")).isLessThan(LogOffset.parse("24961937_0"));
        // LSNs are unsigned 64-bit: the top half of the range still sorts after the bottom.
        assertThat(LogOffset.parse("9223372036854775807_0")).isLessThan(LogOffset.parse("9223372036854775808_0"));
    }
}
