package io.quarkiverse.sync.runtime.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The position parameters of a shape request ({@code offset}, {@code handle}, {@code live}, {@code live_sse},
 * {@code cursor}), validated in the order of protocol §2.3. Shape-defining parameters are not read here: on a
 * resource endpoint the server owns the shape.
 */
public record ShapeRequest(LogOffset offset, boolean now, Optional<String> handle, boolean live, boolean liveSse,
        Optional<String> cursor) {

    /** Either a valid request or the 400 to answer with. */
    public sealed interface Parsed permits Valid, Invalid {
    }

    public record Valid(ShapeRequest request) implements Parsed {
    }

    public record Invalid(ProtocolError error) implements Parsed {
    }

    /** The longest handle accepted; handles we issue are far shorter. */
    static final int MAX_HANDLE_LENGTH = 128;

    /**
     * Validates the parameters.
     *
     * @param param the value of a query parameter, or null when absent
     */
    public static Parsed parse(Function<String, String> param) {
        // Phase 3 of §2.3: casts and "offset required" are reported together.
        Map<String, List<String>> castErrors = new LinkedHashMap<>();
        String offsetText = blankToNull(param.apply("offset"));
        if (offsetText == null) {
            castErrors.put("offset", List.of("can't be blank"));
        }
        boolean live = flag(param.apply("live"));
        Boolean liveSse = liveSse(param);
        if (liveSse == null) {
            castErrors.put("live_sse", List.of("is invalid"));
        }
        if (!castErrors.isEmpty()) {
            return new Invalid(ProtocolError.invalid(castErrors));
        }

        boolean now = "now".equals(offsetText);
        LogOffset offset;
        if (now) {
            offset = null;
        } else {
            try {
                offset = LogOffset.parse(offsetText);
            } catch (IllegalArgumentException e) {
                return new Invalid(ProtocolError.invalid("offset", "has invalid format"));
            }
        }
        boolean fromStart = now || offset.isBeforeAll();
        // The handle is ignored, and stripped, with -1 and now: clients use it there as a cache buster.
        Optional<String> handle = fromStart ? Optional.empty() : Optional.ofNullable(blankToNull(param.apply("handle")));
        if (!fromStart && handle.isEmpty()) {
            return new Invalid(ProtocolError.invalid("handle", "can't be blank when offset != -1"));
        }
        if (handle.isPresent() && !validHandle(handle.get())) {
            return new Invalid(ProtocolError.invalid("handle", "is invalid"));
        }
        if (live && now) {
            return new Invalid(ProtocolError.invalid("live", "can't be true when offset is 'now'"));
        }
        if (live && offset.isBeforeAll()) {
            return new Invalid(ProtocolError.invalid("live", "can't be true when offset == -1"));
        }
        if (liveSse && !live) {
            return new Invalid(ProtocolError.invalid("live_sse", "can't be true unless live is also true"));
        }
        return new Valid(new ShapeRequest(offset, now, handle, live, liveSse, Optional.ofNullable(param.apply("cursor"))));
    }

    /** {@code live}: present with any value except the literal {@code false} means true (§2.1). */
    private static boolean flag(String value) {
        return value != null && !"false".equals(value);
    }

    /**
     * {@code live_sse} follows the same rule; its deprecated alias {@code experimental_live_sse}, used only when
     * {@code live_sse} is absent, is cast strictly ({@code true/1}, {@code false/0/empty}); null means invalid.
     */
    private static Boolean liveSse(Function<String, String> param) {
        String value = param.apply("live_sse");
        if (value != null) {
            return flag(value);
        }
        String alias = param.apply("experimental_live_sse");
        if (alias == null) {
            return false;
        }
        return switch (alias.strip()) {
            case "true", "1" -> true;
            case "false", "0", "" -> false;
            default -> null;
        };
    }

    /** Handles are opaque to clients, but only ours are valid: printable ASCII without quotes, bounded length. */
    private static boolean validHandle(String handle) {
        if (handle.length() > MAX_HANDLE_LENGTH) {
            return false;
        }
        for (int i = 0; i < handle.length(); i++) {
            char c = handle.charAt(i);
            if (c <= ' ' || c > '~' || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Empty and whitespace-only values count as absent (Ecto's casting, §2.1). */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
