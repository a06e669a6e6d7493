package io.quarkiverse.sync.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How a POST body is merged into a shape request's query parameters (protocol §4.9). */
class RequestParamsTest {

    private static RequestParams query(String... keysAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            query.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return RequestParams.of(query.keySet(), query::get);
    }

    private static RequestParams merged(RequestParams query, String body) {
        RequestParams.WithBody result = query.withBody(body.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(RequestParams.Merged.class);
        return ((RequestParams.Merged) result).params();
    }

    private static String rejected(String body) {
        RequestParams.WithBody result = query("offset", "-1").withBody(body.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(RequestParams.Rejected.class);
        return new String(((RequestParams.Rejected) result).response().body(), StandardCharsets.UTF_8);
    }

    @Test
    void subsetKeysBecomeSubsetParamsAndTheLogOffsetStays() {
        RequestParams params = merged(query("table", "items", "offset", "0_0", "handle", "h"),
                "{\"where\":\"a = $1\",\"params\":{\"1\":5},\"limit\":10,\"offset\":20,\"order_by\":\"a\","
                        + "\"where_expr\":{\"x\":1},\"cursor\":\"7\"}");
        assertThat(params.get("offset")).isEqualTo("0_0");
        assertThat(params.get("subset__offset")).isEqualTo("20");
        assertThat(params.get("subset__limit")).isEqualTo("10");
        assertThat(params.get("subset__where")).isEqualTo("a = $1");
        assertThat(params.get("subset__params")).isEqualTo("{\"1\":5}");
        assertThat(params.get("subset__order_by")).isEqualTo("a");
        assertThat(params.get("subset__where_expr")).isNull();
        assertThat(params.get("cursor")).as("other keys override the query").isEqualTo("7");
        assertThat(params.get("table")).isEqualTo("items");
    }

    @Test
    void theNestedFormOverridesQueryParametersWithItsTopLevelKeys() {
        RequestParams params = merged(query("table", "items", "offset", "-1", "params[1]", "old", "subset__limit", "3"),
                "{\"subset\":{\"order_by\":\"a\"},\"where\":\"a = $1\",\"params\":{\"1\":\"new\"},\"offset\":\"now\"}");
        assertThat(params.get("where")).isEqualTo("a = $1");
        assertThat(params.get("params[1]")).isEqualTo("new");
        assertThat(params.get("offset")).isEqualTo("now");
        assertThat(params.get("subset__order_by")).isEqualTo("a");
        assertThat(params.get("subset__limit")).as("a query subset key the body does not set stays").isEqualTo("3");
    }

    @Test
    void anEmptyBodyOrObjectIsNoSubset() {
        assertThat(merged(query("offset", "-1"), "").names()).containsExactly("offset");
        assertThat(merged(query("offset", "-1"), "{}").names()).containsExactly("offset");
        assertThat(merged(query("offset", "-1"), "{\"subset\":{}}").names()).anyMatch(n -> n.startsWith("subset__"));
    }

    @Test
    void badBodies() {
        assertThat(rejected("{")).startsWith("{\"error\":\"Invalid JSON in request body\",\"details\":\"");
        assertThat(rejected("[]")).isEqualTo("{\"error\":\"Request body must be a JSON object\"}");
        assertThat(rejected("null")).isEqualTo("{\"error\":\"Request body must be a JSON object\"}");
        assertThat(rejected("{\"subset\":[]}"))
                .isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"subset\":[\"is invalid\"]}}");
    }
}
