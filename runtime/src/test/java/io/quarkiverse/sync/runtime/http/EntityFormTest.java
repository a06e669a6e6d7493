package io.quarkiverse.sync.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Transient;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Column texts written in an entity's JSON form, as the mapper writes the entity. */
class EntityFormTest {

    enum Priority {
        @JsonProperty("low")
        LOW,
        @JsonProperty("high")
        HIGH
    }

    enum Stage {
        NEW, STARTED, DONE
    }

    /** Minutes in the column, a Duration in Java. */
    static class MinutesConverter implements AttributeConverter<Duration, Integer> {
        @Override
        public Integer convertToDatabaseColumn(Duration attribute) {
            return attribute == null ? null : (int) attribute.toMinutes();
        }

        @Override
        public Duration convertToEntityAttribute(Integer minutes) {
            return minutes == null ? null : Duration.ofMinutes(minutes);
        }
    }

    static class Task {
        public Long id;
        public String title;
        public boolean done;
        @Column(name = "owner_id")
        public UUID ownerId;
        @Column(name = "created_at")
        public OffsetDateTime createdAt;
        @Enumerated(EnumType.STRING)
        public Priority priority;
        public Stage stage; // ordinal, JPA's default
        @Convert(converter = MinutesConverter.class)
        @JsonProperty("estimate_minutes")
        public Duration estimate;
        @JsonIgnore
        public String secret;
        @Transient
        public String scratch;

        public String getShout() {
            return title.toUpperCase(); // derived: no column, never written (a partial row would break it)
        }
    }

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private String write(EntityForm form, Map<String, String> row) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = form.jsonFactory().createGenerator(out)) {
            form.write(generator, row, form.serializerProvider());
        }
        return out.toString();
    }

    @Test
    void aFullRowIsWrittenAsTheEntity() throws Exception {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", "7");
        row.put("title", "Buy milk");
        row.put("done", "t");
        row.put("owner_id", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        row.put("created_at", "2024-02-29 11:45:01.123456+00");
        row.put("priority", "HIGH");
        row.put("stage", "1");
        row.put("estimate", "90");
        row.put("secret", "s3cret");
        row.put("scratch", "x");
        row.put("unknown", "y");
        assertThat(write(EntityForm.of(Task.class, mapper), row)).isEqualTo("{\"id\":7,\"title\":\"Buy milk\","
                + "\"done\":true,\"ownerId\":\"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\","
                + "\"createdAt\":\"2024-02-29T11:45:01.123456Z\",\"priority\":\"high\",\"stage\":\"STARTED\","
                + "\"estimate_minutes\":\"PT1H30M\"}");
    }

    @Test
    void aPartialRowStaysPartialAndNullsStayNull() throws Exception {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", "7");
        row.put("owner_id", null);
        assertThat(write(EntityForm.of(Task.class, mapper), row)).isEqualTo("{\"id\":7,\"ownerId\":null}");
    }

    @Test
    void theSchemaHeaderDescribesTheProperties() {
        String columns = "{\"id\":{\"type\":\"int8\",\"pk_index\":0,\"not_null\":true},\"title\":{\"type\":\"text\","
                + "\"not_null\":true},\"owner_id\":{\"type\":\"uuid\"},\"estimate\":{\"type\":\"int4\"}}";
        assertThat(EntityForm.of(Task.class, mapper).schemaHeader(columns)).isEqualTo(
                "{\"id\":{\"type\":\"Long\",\"pk_index\":0,\"not_null\":true},\"title\":{\"type\":\"String\","
                        + "\"not_null\":true},\"ownerId\":{\"type\":\"UUID\"},\"estimate_minutes\":{\"type\":\"Duration\"}}");
    }

    @Test
    void textTheTypeCannotHoldNamesTheColumn() {
        assertThatThrownBy(() -> write(EntityForm.of(Task.class, mapper), Map.of("id", "x")))
                .hasMessageContaining("Column id of Task: cannot read 'x' as Long");
    }

    @Test
    void postgresTextForms() {
        assertThat(PgTextValues.reader(OffsetDateTime.class, OffsetDateTime.class, mapper)
                .read("2024-02-29 13:45:01+02:30")).isEqualTo(OffsetDateTime.parse("2024-02-29T13:45:01+02:30"));
        assertThat(PgTextValues.reader(java.time.LocalDateTime.class, java.time.LocalDateTime.class, mapper)
                .read("2024-02-29 13:45:01.5")).isEqualTo(java.time.LocalDateTime.parse("2024-02-29T13:45:01.5"));
        assertThat(PgTextValues.reader(java.time.OffsetTime.class, java.time.OffsetTime.class, mapper)
                .read("13:45:01+02")).isEqualTo(java.time.OffsetTime.parse("13:45:01+02:00"));
        assertThat((byte[]) PgTextValues.reader(byte[].class, byte[].class, mapper).read("\\xdeadbeef"))
                .containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(PgTextValues.reader(boolean.class, boolean.class, mapper).read("false")).isEqualTo(false);
        assertThat(PgTextValues.reader(Map.class, Map.class, mapper).read("{\"a\": 1}")).isEqualTo(Map.of("a", 1));
        assertThat(PgTextValues.reader(double.class, double.class, mapper).read("-Infinity"))
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
