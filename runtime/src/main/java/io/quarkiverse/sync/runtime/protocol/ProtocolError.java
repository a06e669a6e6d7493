package io.quarkiverse.sync.runtime.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer of the shape endpoint: the status and its JSON body. Validation errors (400) use the protocol's
 * envelope {@code {"message":"Invalid request","errors":{"<param>":["<message>"]}}} (§2.3).
 */
public record ProtocolError(int status, String body) {

    /** A 400 naming one parameter and one message. */
    public static ProtocolError invalid(String param, String message) {
        return invalid(Map.of(param, List.of(message)));
    }

    /** A 400 with several parameters, reported together as the reference server does for its cast phase. */
    public static ProtocolError invalid(Map<String, List<String>> errors) {
        StringBuilder out = new StringBuilder("{\"message\":\"Invalid request\",\"errors\":{");
        boolean first = true;
        for (Map.Entry<String, List<String>> entry : new LinkedHashMap<>(errors).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            Json.string(out, entry.getKey()).append(":[");
            for (int i = 0; i < entry.getValue().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Json.string(out, entry.getValue().get(i));
            }
            out.append(']');
        }
        return new ProtocolError(400, out.append("}}").toString());
    }

    /** A 400 whose errors sit one level down, as the subset parameters' do: {@code {"subset":{"limit":[…]}}}. */
    public static ProtocolError invalidNested(String group, Map<String, List<String>> errors) {
        String inner = invalid(errors).body();
        String errorsObject = inner.substring(inner.indexOf("\"errors\":") + "\"errors\":".length(), inner.length() - 1);
        return new ProtocolError(400, "{\"message\":\"Invalid request\",\"errors\":{" + Json.quote(group) + ":"
                + errorsObject + "}}");
    }

    /** An error with just a message, e.g. 404 or 501. */
    public static ProtocolError message(int status, String message) {
        return new ProtocolError(status, Json.string(new StringBuilder("{\"message\":"), message).append('}').toString());
    }
}
