package io.quarkiverse.sync.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ShapeRequestTest {

    private static ShapeRequest.Parsed parse(String... keyValues) {
        Map<String, String> query = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            query.put(keyValues[i], keyValues[i + 1]);
        }
        return ShapeRequest.parse(query::get);
    }

    private static String error(String... keyValues) {
        ShapeRequest.Parsed parsed = parse(keyValues);
        assertThat(parsed).isInstanceOf(ShapeRequest.Invalid.class);
        ProtocolError error = ((ShapeRequest.Invalid) parsed).error();
        assertThat(error.status()).isEqualTo(400);
        return error.body();
    }

    private static ShapeRequest valid(String... keyValues) {
        ShapeRequest.Parsed parsed = parse(keyValues);
        assertThat(parsed).isInstanceOf(ShapeRequest.Valid.class);
        return ((ShapeRequest.Valid) parsed).request();
    }

    @Test
    void the400BodiesOfSection2_3() {
        assertThat(error()).isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"offset\":[\"can't be blank\"]}}");
        assertThat(error("offset", " ")).contains("\"offset\":[\"can't be blank\"]");
        assertThat(error("offset", "invalid"))
                .isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"offset\":[\"has invalid format\"]}}");
        assertThat(error("offset", "1_2_3")).contains("has invalid format");
        assertThat(error("offset", "0_0"))
                .isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"handle\":[\"can't be blank when offset != -1\"]}}");
        assertThat(error("offset", "-1", "live", "true"))
                .isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"live\":[\"can't be true when offset == -1\"]}}");
        assertThat(error("offset", "now", "live", "true")).contains("\"live\":[\"can't be true when offset is 'now'\"]");
        assertThat(error("offset", "0_0", "handle", "h", "live_sse", "true"))
                .contains("\"live_sse\":[\"can't be true unless live is also true\"]");
        assertThat(error("offset", "0_0", "handle", "h", "live", "true", "experimental_live_sse", "yes"))
                .contains("\"live_sse\":[\"is invalid\"]");
    }

    @Test
    void castErrorsAreReportedTogether() {
        assertThat(error("experimental_live_sse", "maybe"))
                .isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"offset\":[\"can't be blank\"],\"live_sse\":[\"is invalid\"]}}");
    }

    @Test
    void liveIsTrueForAnyValueButFalse() {
        assertThat(valid("offset", "0_0", "handle", "h", "live", "").live()).isTrue();
        assertThat(valid("offset", "0_0", "handle", "h", "live", "1").live()).isTrue();
        assertThat(valid("offset", "0_0", "handle", "h", "live", "false").live()).isFalse();
        assertThat(valid("offset", "0_0", "handle", "h").live()).isFalse();
    }

    @Test
    void theHandleIsIgnoredFromTheStart() {
        assertThat(valid("offset", "-1", "handle", "anything").handle()).isEmpty();
        assertThat(valid("offset", "now", "handle", "anything").handle()).isEmpty();
        assertThat(valid("offset", "0_0", "handle", "abc-1").handle()).contains("abc-1");
    }

    @Test
    void rejectsHandlesNoServerIssues() {
        assertThat(error("offset", "0_0", "handle", "a\"b")).contains("\"handle\":[\"is invalid\"]");
        assertThat(error("offset", "0_0", "handle", "x".repeat(200))).contains("\"handle\":[\"is invalid\"]");
    }

    @Test
    void unknownParamsAreIgnored() {
        ShapeRequest request = valid("offset", "-1", "table", "x", "cache-buster", "1", "subset__where_expr", "{}");
        assertThat(request.offset().isBeforeAll()).isTrue();
    }
}
