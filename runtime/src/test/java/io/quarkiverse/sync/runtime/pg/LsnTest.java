package io.quarkiverse.sync.runtime.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LsnTest {

    @Test
    void parsesPostgresText() {
        assertThat(Lsn.parse("16/B374D848").asLong()).isEqualTo(0x16_B374D848L);
        assertThat(Lsn.parse("0/0")).isEqualTo(Lsn.INVALID);
        assertThat(Lsn.parse("0/1")).isEqualTo(Lsn.fromLong(1));
        assertThat(Lsn.parse("FFFFFFFF/FFFFFFFF").asLong()).isEqualTo(-1L);
        assertThat(Lsn.parse("16/b374d848")).isEqualTo(Lsn.parse("16/B374D848"));
        assertThat(Lsn.parse("00000016/0000000A")).isEqualTo(Lsn.fromLong(0x16_0000000AL));
    }

    @Test
    void printsLikePostgres() {
        assertThat(Lsn.fromLong(0x16_B374D848L)).hasToString("16/B374D848");
        assertThat(Lsn.INVALID).hasToString("0/0");
        assertThat(Lsn.fromLong(-1L)).hasToString("FFFFFFFF/FFFFFFFF");
        assertThat(Lsn.fromLong(0x1_00000000L)).hasToString("1/0");
    }

    @ParameterizedTest
    @ValueSource(strings = { "16/B374D848", "0/0", "1/0", "0/1", "FFFFFFFF/FFFFFFFF", "ABC/DEF01234", "7FFFFFFF/80000000" })
    void parseAndToStringAreInverses(String text) {
        assertThat(Lsn.parse(text).toString()).isEqualTo(text);
        Lsn lsn = Lsn.parse(text);
        assertThat(Lsn.parse(lsn.toString())).isEqualTo(lsn);
        assertThat(Lsn.fromLong(lsn.asLong())).isEqualTo(lsn);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "/", "16", "16/", "/B374D848", "16/B374D848/1", "G/0", "0/-1", "+1/0", "123456789/0",
            "0/123456789", " 1/0", "1/0 ", "1 /0", "0x1/0" })
    void rejectsText(String text) {
        assertThatThrownBy(() -> Lsn.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LSN");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Lsn.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesUnsigned() {
        List<Lsn> lsns = new ArrayList<>(List.of(Lsn.fromLong(-1L), Lsn.parse("1/0"), Lsn.INVALID, Lsn.parse("0/FFFFFFFF"),
                Lsn.parse("80000000/0")));
        Collections.sort(lsns);
        assertThat(lsns).extracting(Lsn::toString)
                .containsExactly("0/0", "0/FFFFFFFF", "1/0", "80000000/0", "FFFFFFFF/FFFFFFFF");
        assertThat(Lsn.parse("1/0").max(Lsn.parse("0/5"))).isEqualTo(Lsn.parse("1/0"));
        assertThat(Lsn.INVALID.isValid()).isFalse();
        assertThat(Lsn.parse("0/1").isValid()).isTrue();
    }
}
