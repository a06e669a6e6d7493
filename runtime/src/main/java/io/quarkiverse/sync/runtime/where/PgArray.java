package io.quarkiverse.sync.runtime.where;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * An array value: elements in row-major order (null for NULL elements), with Postgres' dimensions and lower
 * bounds. An empty array has no dimensions.
 */
record PgArray(Object[] elements, int[] dims, int[] lbounds) {

    static final PgArray EMPTY = new PgArray(new Object[0], new int[0], new int[0]);

    static PgArray of(List<Object> elements) {
        if (elements.isEmpty()) {
            return EMPTY;
        }
        return new PgArray(elements.toArray(), new int[] { elements.size() }, new int[] { 1 });
    }

    int ndims() {
        return dims.length;
    }

    int size() {
        return elements.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgArray a && Arrays.equals(elements, a.elements) && Arrays.equals(dims, a.dims)
                && Arrays.equals(lbounds, a.lbounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(elements) * 31 + Arrays.hashCode(dims);
    }

    // ---- text form ----

    /** array_in: {@code {1,2,NULL}}, nested braces for more dimensions, optional {@code [1:2]=} bounds. */
    static PgArray parse(String s, Function<String, Object> elementIn, String typeName) {
        PgArray simple = parseSimple(s, elementIn);
        if (simple != null) {
            return simple;
        }
        String t = Values.trim(s);
        int[] explicitLower = null;
        int pos = 0;
        if (t.startsWith("[")) {
            int eq = t.indexOf('=');
            if (eq < 0) {
                throw malformed(s);
            }
            List<Integer> lbs = new ArrayList<>();
            String bounds = t.substring(0, eq).trim();
            for (String b : bounds.substring(1, bounds.length() - 1).split("\\]\\[")) {
                String[] lu = b.split(":");
                try {
                    lbs.add(lu.length == 2 ? Integer.parseInt(lu[0].trim()) : 1);
                } catch (NumberFormatException e) {
                    throw malformed(s);
                }
            }
            explicitLower = lbs.stream().mapToInt(Integer::intValue).toArray();
            pos = eq + 1;
            while (pos < t.length() && Character.isWhitespace(t.charAt(pos))) {
                pos++;
            }
        }
        if (pos >= t.length() || t.charAt(pos) != '{') {
            throw malformed(s);
        }
        Reader r = new Reader(t, pos, s);
        List<Object> tree = r.readLevel(0, elementIn);
        r.skipSpace();
        List<Integer> dims = new ArrayList<>();
        List<Object> out = new ArrayList<>();
        shape(tree, 0, dims, s);
        flatten(tree, 0, dims, out, s);
        if (r.i != t.length()) {
            throw malformed(s);
        }
        if (out.isEmpty()) {
            return EMPTY;
        }
        int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
        int[] lb = new int[d.length];
        Arrays.fill(lb, 1);
        if (explicitLower != null) {
            if (explicitLower.length != d.length) {
                throw malformed(s);
            }
            lb = explicitLower;
        }
        return new PgArray(out.toArray(), d, lb);
    }

    /** A sub-array while parsing; elements themselves are never lists. */
    private record Nested(List<Object> items) {
    }

    private static void shape(List<Object> level, int depth, List<Integer> dims, String s) {
        dims.add(level.size());
        if (!level.isEmpty() && level.get(0) instanceof Nested n) {
            shape(n.items(), depth + 1, dims, s);
        }
    }

    private static void flatten(List<Object> level, int depth, List<Integer> dims, List<Object> out, String s) {
        if (level.size() != dims.get(depth)) {
            throw malformed(s);
        }
        for (Object item : level) {
            boolean nestedExpected = depth + 1 < dims.size();
            if ((item instanceof Nested) != nestedExpected) {
                throw malformed(s);
            }
            if (item instanceof Nested n) {
                flatten(n.items(), depth + 1, dims, out, s);
            } else {
                out.add(item);
            }
        }
    }

    /**
     * The common case without the general reader: {@code {a,b,c}}, one dimension, no quotes, escapes, spaces or
     * NULLs. Null when the text needs the general path.
     */
    private static PgArray parseSimple(String s, Function<String, Object> elementIn) {
        int n = s.length();
        if (n < 2 || s.charAt(0) != '{' || s.charAt(n - 1) != '}') {
            return null;
        }
        if (n == 2) {
            return EMPTY;
        }
        int count = 1;
        for (int i = 1; i < n - 1; i++) {
            char c = s.charAt(i);
            if (c == ',') {
                count++;
            } else if (c == '"' || c == '\\' || c == '{' || c == '}' || c <= ' ') {
                return null;
            }
        }
        Object[] out = new Object[count];
        int start = 1;
        for (int k = 0; k < count; k++) {
            int end = s.indexOf(',', start);
            if (end < 0) {
                end = n - 1;
            }
            if (end == start) {
                return null;
            }
            String v = s.substring(start, end);
            if (v.length() == 4 && v.equalsIgnoreCase("null")) {
                return null;
            }
            out[k] = elementIn.apply(v);
            start = end + 1;
        }
        return new PgArray(out, new int[] { count }, new int[] { 1 });
    }

    private static EvalError malformed(String s) {
        return new EvalError("malformed array literal: \"" + s + "\"");
    }

    private static final class Reader {
        final String t;
        final String original;
        int i;

        Reader(String t, int i, String original) {
            this.t = t;
            this.i = i;
            this.original = original;
        }

        void skipSpace() {
            while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
        }

        /** Reads one {@code { … }} level: a list whose items are elements or nested lists (sub-arrays). */
        List<Object> readLevel(int level, Function<String, Object> elementIn) {
            if (level >= 6) {
                throw new EvalError("number of array dimensions exceeds the maximum allowed (6)");
            }
            i++; // '{'
            skipSpace();
            List<Object> items = new ArrayList<>();
            if (i < t.length() && t.charAt(i) == '}') {
                i++;
                return items;
            }
            while (true) {
                skipSpace();
                if (i >= t.length()) {
                    throw malformed(original);
                }
                if (t.charAt(i) == '{') {
                    items.add(new Nested(readLevel(level + 1, elementIn)));
                } else {
                    items.add(readElement(elementIn));
                }
                skipSpace();
                if (i >= t.length()) {
                    throw malformed(original);
                }
                char c = t.charAt(i++);
                if (c == '}') {
                    return items;
                }
                if (c != ',') {
                    throw malformed(original);
                }
            }
        }

        Object readElement(Function<String, Object> elementIn) {
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            if (t.charAt(i) == '"') {
                quoted = true;
                i++;
                while (true) {
                    if (i >= t.length()) {
                        throw malformed(original);
                    }
                    char c = t.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i >= t.length()) {
                            throw malformed(original);
                        }
                        c = t.charAt(i++);
                    }
                    sb.append(c);
                }
            } else {
                while (i < t.length()) {
                    char c = t.charAt(i);
                    if (c == ',' || c == '}') {
                        break;
                    }
                    if (c == '{' || c == '"') {
                        throw malformed(original);
                    }
                    if (c == '\\') {
                        i++;
                        if (i >= t.length()) {
                            throw malformed(original);
                        }
                        c = t.charAt(i);
                    }
                    sb.append(c);
                    i++;
                }
                String raw = sb.toString();
                int end = raw.length();
                while (end > 0 && Character.isWhitespace(raw.charAt(end - 1))) {
                    end--;
                }
                sb.setLength(end);
                if (sb.length() == 0) {
                    throw malformed(original);
                }
            }
            String v = sb.toString();
            if (!quoted && v.equalsIgnoreCase("null")) {
                return null;
            }
            return elementIn.apply(v);
        }
    }

    /** array_out: braces per dimension, elements quoted when they would otherwise be misread. */
    String format(Function<Object, String> elementOut) {
        if (elements.length == 0) {
            return "{}";
        }
        StringBuilder sb = new StringBuilder();
        boolean nonDefault = false;
        for (int lb : lbounds) {
            nonDefault |= lb != 1;
        }
        if (nonDefault) {
            for (int d = 0; d < dims.length; d++) {
                sb.append('[').append(lbounds[d]).append(':').append(lbounds[d] + dims[d] - 1).append(']');
            }
            sb.append('=');
        }
        int[] idx = { 0 };
        formatLevel(sb, 0, idx, elementOut);
        return sb.toString();
    }

    private void formatLevel(StringBuilder sb, int level, int[] idx, Function<Object, String> elementOut) {
        sb.append('{');
        for (int k = 0; k < dims[level]; k++) {
            if (k > 0) {
                sb.append(',');
            }
            if (level + 1 < dims.length) {
                formatLevel(sb, level + 1, idx, elementOut);
            } else {
                Object e = elements[idx[0]++];
                sb.append(e == null ? "NULL" : quoteIfNeeded(elementOut.apply(e)));
            }
        }
        sb.append('}');
    }

    private static String quoteIfNeeded(String v) {
        boolean quote = v.isEmpty() || v.equalsIgnoreCase("null");
        for (int k = 0; k < v.length() && !quote; k++) {
            char c = v.charAt(k);
            quote = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || c == ' ' || c == '\t' || c == '\n'
                    || c == '\r' || c == '\f' || c == 0x0B;
        }
        if (!quote) {
            return v;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
