package io.quarkiverse.sync.runtime.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The {@code subset__*} parameters of a subset-snapshot request (protocol §4.9): a further where-clause with its own
 * params, and order/limit/offset. Any {@code subset__} key makes the request a subset request.
 */
public record SubsetParams(Optional<String> where, Map<String, String> params, Optional<Long> limit,
        Optional<Long> offset, Optional<OrderBy> orderBy) {

    static final String PREFIX = "subset__";

    /** Either the parameters or the 400 to answer with. */
    public sealed interface Parsed permits Valid, Invalid {
    }

    public record Valid(SubsetParams params) implements Parsed {
    }

    public record Invalid(ProtocolError error) implements Parsed {
    }

    /** Empty when the request is not a subset request. */
    public static Optional<Parsed> parse(Set<String> names, Function<String, String> query) {
        if (names.stream().noneMatch(name -> name.startsWith(PREFIX))) {
            return Optional.empty();
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Optional<Long> limit = number(query.apply(PREFIX + "limit"), 1, "must be greater than 0", "limit", errors);
        Optional<Long> offset = number(query.apply(PREFIX + "offset"), 0, "must be greater than or equal to 0",
                "offset", errors);
        Map<String, String> params = params(names, query, errors);
        Optional<String> where = Optional.ofNullable(query.apply(PREFIX + "where")).filter(w -> !w.isBlank());
        Optional<OrderBy> orderBy = Optional.empty();
        String orderText = query.apply(PREFIX + "order_by");
        if (orderText != null && !orderText.isBlank()) {
            try {
                orderBy = Optional.of(OrderBy.parse(orderText));
            } catch (IllegalArgumentException e) {
                errors.put("order_by", List.of(e.getMessage()));
            }
        } else if (errors.isEmpty() && (limit.isPresent() || offset.isPresent())) {
            errors.put("order_by", List.of("order_by is required when limit or offset is present"));
        }
        if (!errors.isEmpty()) {
            return Optional.of(new Invalid(ProtocolError.invalidNested("subset", errors)));
        }
        return Optional.of(new Valid(new SubsetParams(where, params, limit, offset, orderBy)));
    }

    /** {@code LIMIT n OFFSET m} after the ORDER BY, built from the validated numbers. */
    public String tailSql() {
        StringBuilder out = new StringBuilder(orderBy.map(OrderBy::sql).orElse(""));
        limit.ifPresent(n -> out.append(out.length() > 0 ? " " : "").append("LIMIT ").append(n));
        offset.ifPresent(n -> out.append(out.length() > 0 ? " " : "").append("OFFSET ").append(n));
        return out.length() == 0 ? null : out.toString();
    }

    private static Optional<Long> number(String text, long min, String tooSmall, String field,
            Map<String, List<String>> errors) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value < min) {
                errors.put(field, List.of(tooSmall));
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            errors.put(field, List.of("is invalid"));
            return Optional.empty();
        }
    }

    /** {@code subset__params} as a JSON object string, or the bracket form {@code subset__params[1]=a}. */
    private static Map<String, String> params(Set<String> names, Function<String, String> query,
            Map<String, List<String>> errors) {
        Map<String, String> params = new TreeMap<>();
        String json = query.apply(PREFIX + "params");
        if (json != null && !json.isBlank()) {
            try {
                Object parsed = io.vertx.core.json.Json.decodeValue(json);
                if (!(parsed instanceof JsonObject object)) {
                    errors.put("params", List.of("params must be a JSON object"));
                    return params;
                }
                object.forEach(entry -> params.put(entry.getKey(), String.valueOf(entry.getValue())));
            } catch (DecodeException e) {
                errors.put("params", List.of("params must be valid JSON"));
            }
        }
        for (String name : names) {
            if (name.startsWith(PREFIX + "params[") && name.endsWith("]")) {
                params.put(name.substring((PREFIX + "params[").length(), name.length() - 1), query.apply(name));
            }
        }
        return params;
    }
}
