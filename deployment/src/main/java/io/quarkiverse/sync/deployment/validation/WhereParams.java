package io.quarkiverse.sync.deployment.validation;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where {@code $n} parameters occur in a where-clause, outside string literals, quoted identifiers and comments: by
 * UTF-8 byte offset, the unit of the checker's {@code At location N} messages.
 */
final class WhereParams {

    private WhereParams() {
    }

    /** Byte offset → parameter number. */
    static Map<Integer, Integer> positions(String where) {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        int i = 0;
        int n = where.length();
        while (i < n) {
            char c = where.charAt(i);
            if (c == '\'') {
                i = skipQuoted(where, i, '\'');
            } else if (c == '"') {
                i = skipQuoted(where, i, '"');
            } else if (c == '-' && i + 1 < n && where.charAt(i + 1) == '-') {
                while (i < n && where.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && where.charAt(i + 1) == '*') {
                int end = where.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '$' && i + 1 < n && Character.isDigit(where.charAt(i + 1))
                    && (i == 0 || !isIdentifierPart(where.charAt(i - 1)))) {
                int start = i++;
                while (i < n && Character.isDigit(where.charAt(i))) {
                    i++;
                }
                String digits = where.substring(start + 1, i);
                if (digits.length() <= 9) {
                    out.put(where.substring(0, start).getBytes(StandardCharsets.UTF_8).length,
                            Integer.parseInt(digits));
                }
            } else {
                i++;
            }
        }
        return out;
    }

    static int highest(String where) {
        return positions(where).values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static int skipQuoted(String s, int open, char quote) {
        int i = open + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2; // a doubled quote stands for one
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
