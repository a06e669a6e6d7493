package io.quarkiverse.sync.runtime.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits stored log bytes (JSON objects joined by commas, no brackets) back into single messages, for framings that
 * send one message at a time (SSE). Only the structure is scanned: strings and escapes are skipped, nothing is parsed.
 */
public final class JsonElements {

    private JsonElements() {
    }

    public static List<String> split(byte[] json) {
        List<String> elements = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            } else if (b == ',' && depth == 0) {
                elements.add(new String(json, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < json.length) {
            elements.add(new String(json, start, json.length - start, StandardCharsets.UTF_8));
        }
        return elements;
    }
}
