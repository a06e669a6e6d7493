package io.quarkiverse.sync.runtime.protocol;

/**
 * The few JSON writing rules the protocol needs, applied to a {@link StringBuilder}. Messages are built as text once
 * and stored; nothing on the read path re-serialises them.
 */
public final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** Appends {@code value} as a JSON string; control characters (raw newlines included) are always escaped. */
    public static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                // U+2028/2029 are legal JSON but end lines in JavaScript source: escape them too.
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Appends a JSON string, or {@code null} for a null value. */
    public static StringBuilder stringOrNull(StringBuilder out, String value) {
        return value == null ? out.append("null") : string(out, value);
    }

    public static String quote(String value) {
        return string(new StringBuilder(value.length() + 2), value).toString();
    }
}
