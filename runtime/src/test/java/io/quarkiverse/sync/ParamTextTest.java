package io.quarkiverse.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ParamTextTest {

    @Test
    void scalarsInTheFormPostgresReads() {
        assertThat(ParamText.of("it's", 1)).isEqualTo("it's");
        assertThat(ParamText.of(42, 1)).isEqualTo("42");
        assertThat(ParamText.of(9_223_372_036_854_775_807L, 1)).isEqualTo("9223372036854775807");
        assertThat(ParamText.of(new BigDecimal("1E+3"), 1)).isEqualTo("1000");
        assertThat(ParamText.of(1.5, 1)).isEqualTo("1.5");
        assertThat(ParamText.of(Double.NaN, 1)).isEqualTo("NaN");
        assertThat(ParamText.of(true, 1)).isEqualTo("true");
        assertThat(ParamText.of(UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"), 1))
                .isEqualTo("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        assertThat(ParamText.of(LocalDate.of(2024, 2, 29), 1)).isEqualTo("2024-02-29");
        assertThat(ParamText.of(LocalDateTime.of(2024, 2, 29, 13, 45, 1), 1)).isEqualTo("2024-02-29T13:45:01");
        assertThat(ParamText.of(OffsetDateTime.of(2024, 2, 29, 13, 45, 1, 0, ZoneOffset.ofHours(2)), 1))
                .isEqualTo("2024-02-29T13:45:01+02:00");
        assertThat(ParamText.of(Instant.parse("2024-02-29T11:45:01Z"), 1)).isEqualTo("2024-02-29T11:45:01Z");
        assertThat(ParamText.of(Duration.ofMinutes(90), 1)).isEqualTo("PT1H30M");
        assertThat(ParamText.of(Replica.FULL, 1)).isEqualTo("FULL");
    }

    @Test
    void collectionsAndArraysBecomeArrayLiteralsWithEveryElementQuoted() {
        assertThat(ParamText.of(List.of(1, 2, 3), 1)).isEqualTo("{\"1\",\"2\",\"3\"}");
        assertThat(ParamText.of(Arrays.asList("a b", "c,d", null, "e\"f", "g\\h", ""), 1))
                .isEqualTo("{\"a b\",\"c,d\",NULL,\"e\\\"f\",\"g\\\\h\",\"\"}");
        assertThat(ParamText.of(new long[] { 7, 8 }, 1)).isEqualTo("{\"7\",\"8\"}");
        assertThat(ParamText.of(List.of(List.of(1, 2), List.of(3, 4)), 1)).isEqualTo("{{\"1\",\"2\"},{\"3\",\"4\"}}");
    }

    @Test
    void refusesNullAndTypesWithoutATextForm() {
        assertThatThrownBy(() -> ParamText.of(null, 2)).hasMessageContaining("Parameter $2 is null");
        assertThatThrownBy(() -> ParamText.of(new Object(), 1)).hasMessageContaining("java.lang.Object");
    }

    @Test
    void whereKeepsTheTextAndTheParamsInOrder() {
        SyncShape shape = SyncShape.table("todos").where("owner_id = $1 AND n > $2", "u1", 5);
        assertThat(shape.where()).contains("owner_id = $1 AND n > $2");
        assertThat(shape.params()).containsExactly("u1", "5");
        assertThat(shape.columns("id").where()).as("builders keep the clause").isPresent();
    }
}
