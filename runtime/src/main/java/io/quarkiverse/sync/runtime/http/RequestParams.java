package io.quarkiverse.sync.runtime.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.quarkiverse.sync.runtime.protocol.ElectricHeaders;
import io.quarkiverse.sync.runtime.protocol.Json;
import io.quarkiverse.sync.runtime.protocol.ProtocolError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The parameters of a shape request: its query string, and for a POST the JSON body merged in as protocol §4.9 says.
 * A body's subset keys ({@code where}, {@code params}, {@code limit}, {@code offset}, {@code order_by}, and the ignored
 * {@code where_expr} / {@code order_by_expr}) become the {@code subset__*} parameters, so a body {@code offset} is the
 * subset's row OFFSET while the log offset stays in the query string; every other body key overrides the query
 * parameter of that name. In the alternative form {@code {"subset":{…}, …}} the subset is the nested object and every
 * top-level key overrides a query parameter. An empty body, or {@code {}}, leaves the query as it is.
 */
public final class RequestParams {

    /** Plug's default {@code read_body} length, the reference server's limit. */
    public static final int MAX_BODY_BYTES = 8_000_000;

    private static final String SUBSET_PREFIX = "subset__";
    /** Present whenever a body carried a subset, even an empty one: any {@code subset__} key makes a subset request. */
    private static final String SUBSET_MARKER = SUBSET_PREFIX;
    private static final Set<String> SUBSET_KEYS = Set.of("where", "params", "limit", "offset", "order_by",
            "where_expr", "order_by_expr");
    private static final Set<String> IGNORED_SUBSET_KEYS = Set.of("where_expr", "order_by_expr");
    /** The headers of the answers sent while parsing the body: Plug's defaults, no cache rules (§2.3). */
    private static final String PLUG_CACHE_CONTROL = "max-age=0, private, must-revalidate";

    private final Map<String, String> values;

    private RequestParams(Map<String, String> values) {
        this.values = values;
    }

    /** The query string: the first value of each name. */
    public static RequestParams of(Iterable<String> names, Function<String, String> value) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            values.putIfAbsent(name, value.apply(name));
        }
        return new RequestParams(values);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The value of a parameter, null when absent. */
    public String get(String name) {
        return values.get(name);
    }

    /** Either the parameters with the body merged in, or the answer to a body that cannot be used. */
    public sealed interface WithBody permits Merged, Rejected {
    }

    public record Merged(RequestParams params) implements WithBody {
    }

    public record Rejected(ShapeResponse response) implements WithBody {
    }

    /** Merges a POST body (at most {@link #MAX_BODY_BYTES}; larger ones are answered with {@link #tooLarge()}). */
    public WithBody withBody(byte[] body) {
        if (body.length == 0) {
            return new Merged(this);
        }
        Object json;
        try {
            json = io.vertx.core.json.Json.decodeValue(Buffer.buffer(body));
        } catch (DecodeException e) {
            StringBuilder out = new StringBuilder("{\"error\":\"Invalid JSON in request body\",\"details\":");
            return new Rejected(bodyError(400, Json.string(out, String.valueOf(e.getMessage())).append('}').toString()));
        }
        if (!(json instanceof JsonObject object)) {
            return new Rejected(bodyError(400, "{\"error\":\"Request body must be a JSON object\"}"));
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        if (object.containsKey("subset")) {
            if (!(object.getValue("subset") instanceof JsonObject subset)) {
                // A cast error of the request's params, answered like the other validation errors of a POST.
                return new Rejected(ShapeResponse.status(400).header("content-type", ElectricHeaders.JSON)
                        .header("cache-control", "no-cache").body(ProtocolError.invalid("subset", "is invalid").body()));
            }
            object.forEach(entry -> {
                if (!entry.getKey().equals("subset")) {
                    override(merged, entry.getKey(), entry.getValue());
                }
            });
            putSubset(merged, subset.getMap().entrySet());
        } else {
            Map<String, Object> subset = new LinkedHashMap<>();
            object.forEach(entry -> {
                if (SUBSET_KEYS.contains(entry.getKey())) {
                    subset.put(entry.getKey(), entry.getValue());
                } else {
                    override(merged, entry.getKey(), entry.getValue());
                }
            });
            if (!subset.isEmpty()) {
                putSubset(merged, subset.entrySet());
            }
        }
        return new Merged(new RequestParams(merged));
    }

    /** 413: the body is larger than {@link #MAX_BODY_BYTES}. */
    public static ShapeResponse tooLarge() {
        return bodyError(413, "{\"error\":\"Request body too large\"}");
    }

    /** 400: the connection failed while the body was read. */
    public static ShapeResponse unreadable() {
        return bodyError(400, "{\"error\":\"Failed to read request body\"}");
    }

    /** Sent by the body parser itself in the reference server: JSON, but Plug's default cache-control. */
    private static ShapeResponse bodyError(int status, String body) {
        return ShapeResponse.status(status).header("content-type", ElectricHeaders.JSON)
                .header("cache-control", PLUG_CACHE_CONTROL).body(body);
    }

    /** A body key replaces the query parameter; an object value becomes the bracket form ({@code params[1]}). */
    private static void override(Map<String, String> merged, String name, Object value) {
        merged.remove(name);
        merged.keySet().removeIf(key -> key.startsWith(name + "["));
        if (value instanceof JsonObject object) {
            object.forEach(entry -> {
                if (entry.getValue() != null) {
                    merged.put(name + "[" + entry.getKey() + "]", text(entry.getValue()));
                }
            });
        } else if (value != null) {
            merged.put(name, text(value));
        }
    }

    private static void putSubset(Map<String, String> merged, Set<Map.Entry<String, Object>> subset) {
        merged.put(SUBSET_MARKER, "");
        for (Map.Entry<String, Object> entry : subset) {
            String key = entry.getKey();
            if (IGNORED_SUBSET_KEYS.contains(key)) {
                continue; // the client also sends the compiled SQL in where / order_by
            }
            String name = SUBSET_PREFIX + key;
            merged.remove(name);
            merged.keySet().removeIf(existing -> existing.startsWith(name + "["));
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> map) {
                value = new JsonObject(castMap(map));
            }
            if (value != null) {
                // params as an object is re-encoded as the JSON string form of subset__params; numbers become text.
                merged.put(name, text(value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String text(Object value) {
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof JsonObject object) {
            return object.encode();
        }
        if (value instanceof JsonArray array) {
            return array.encode();
        }
        if (value instanceof Map<?, ?> map) {
            return new JsonObject(castMap(map)).encode();
        }
        if (value instanceof List<?> list) {
            return new JsonArray(new ArrayList<>(list)).encode();
        }
        return String.valueOf(value);
    }
}
