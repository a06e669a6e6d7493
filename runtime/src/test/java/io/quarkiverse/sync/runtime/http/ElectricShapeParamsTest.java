package io.quarkiverse.sync.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;

class ElectricShapeParamsTest {

    private static Map<String, String> query(String... keysAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            query.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return query;
    }

    private static ElectricShapeParams.Parsed read(String... keysAndValues) {
        Map<String, String> query = query(keysAndValues);
        return ElectricShapeParams.forRead(query::get, query.keySet());
    }

    private static String error(ElectricShapeParams.Parsed parsed) {
        return ((ElectricShapeParams.Invalid) parsed).error().body();
    }

    @Test
    void relationNames() {
        assertThat(ElectricShapeParams.relation("foo")).containsExactly("public", "foo");
        assertThat(ElectricShapeParams.relation("Sch.Foo")).containsExactly("sch", "foo");
        assertThat(ElectricShapeParams.relation("\"Sch\".\"Foo Bar\"")).containsExactly("Sch", "Foo Bar");
        assertThat(ElectricShapeParams.relation("\"a.b\"")).containsExactly("public", "a.b");
        assertThat(ElectricShapeParams.relation("\"say \"\"hi\"\"\"")).containsExactly("public", "say \"hi\"");
        assertThatThrownBy(() -> ElectricShapeParams.relation("a.b.c"))
                .hasMessage("Invalid relation identifier, too many delimiters: a.b.c");
        assertThatThrownBy(() -> ElectricShapeParams.relation("\"\"")).hasMessage("Invalid zero-length delimited identifier");
        assertThatThrownBy(() -> ElectricShapeParams.relation("x.")).hasMessage("Invalid zero-length delimited identifier");
    }

    @Test
    void columnLists() {
        assertThat(ElectricShapeParams.identifierList("id, Title")).containsExactly("id", "title");
        assertThat(ElectricShapeParams.identifierList("\"id\",\"has,comma\",\"has\"\"quote\",\"has space\""))
                .containsExactly("id", "has,comma", "has\"quote", "has space");
        assertThatThrownBy(() -> ElectricShapeParams.identifierList("id,"))
                .hasMessage("Invalid zero-length delimited identifier");
    }

    @Test
    void aFullDefinition() {
        ElectricShapeParams.Parsed parsed = read("table", "\"Items\"", "offset", "-1", "where", "id > $1",
                "params[1]", "5", "columns", "\"id\",\"Name\"", "replica", "full", "log", "changes_only",
                "cursor", "", "expired_handle", "x");
        ShapeDefinition definition = ((ElectricShapeParams.Valid) parsed).definition().orElseThrow();
        assertThat(definition).isEqualTo(new ShapeDefinition("public", "Items", Optional.of(List.of("id", "Name")),
                Replica.FULL, LogMode.CHANGES_ONLY, Optional.of("id > $1"), Map.of("1", "5")));
    }

    @Test
    void emptyValuesAreAbsent() {
        ShapeDefinition definition = ((ElectricShapeParams.Valid) read("table", "t", "offset", "-1", "where", " ",
                "columns", "", "replica", "", "log", "")).definition().orElseThrow();
        assertThat(definition).isEqualTo(new ShapeDefinition("public", "t", Optional.empty(), Replica.DEFAULT,
                LogMode.FULL));
    }

    @Test
    void castPhaseBeforePositionBeforeTable() {
        assertThat(error(read("replica", "x", "experimental_live_sse", "maybe")))
                .isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"offset\":[\"can't be blank\"],"
                        + "\"live_sse\":[\"is invalid\"],\"replica\":[\"is invalid\"]}}");
        assertThat(error(read("offset", "x"))).contains("\"offset\":[\"has invalid format\"]");
        assertThat(error(read("offset", "-1"))).contains("\"table\":[\"can't be blank\"]");
    }

    @Test
    void deleteNeedsATableOrAHandle() {
        Map<String, String> none = query();
        assertThat(((ElectricShapeParams.Invalid) ElectricShapeParams.forDelete(none::get, none.keySet())).error().body())
                .isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"handle\":"
                        + "[\"can't be blank when shape definition is missing\"]}}");
        Map<String, String> handle = query("handle", "h", "offset", "1_2", "live", "true");
        assertThat(((ElectricShapeParams.Valid) ElectricShapeParams.forDelete(handle::get, handle.keySet()))
                .definition()).isEmpty();
    }

    @Test
    void admissionLimits() {
        Admission admission = new Admission(1, 0);
        Admission.Permit first = admission.tryAcquire(Admission.Kind.INITIAL);
        assertThat(first).isNotNull();
        assertThat(admission.tryAcquire(Admission.Kind.INITIAL)).isNull();
        first.release();
        first.release(); // a second release changes nothing
        assertThat(admission.tryAcquire(Admission.Kind.INITIAL)).isNotNull();
        assertThat(admission.tryAcquire(Admission.Kind.INITIAL)).isNull();
        assertThat(admission.tryAcquire(Admission.Kind.EXISTING)).isNull();
        assertThat(new String(admission.refusal(Admission.Kind.EXISTING).body()))
                .isEqualTo("{\"code\":\"concurrent_request_limit_exceeded\",\"message\":\"Concurrent existing request "
                        + "limit exceeded (limit: 0), please retry\"}");
    }
}
