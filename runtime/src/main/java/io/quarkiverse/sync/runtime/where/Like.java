package io.quarkiverse.sync.runtime.where;

/**
 * A LIKE/ILIKE pattern compiled once: {@code %} any run, {@code _} one character (code point), {@code \} escapes.
 * ILIKE folds ASCII letters only, which is what Postgres does under the C collation the evaluator follows.
 * Matching is a backtracking scan over the text, no regular expression.
 */
final class Like {

    private final char[] pattern;
    /** For each pattern position, whether the character is literal (escaped or ordinary). */
    private final boolean[] literal;
    private final boolean caseInsensitive;
    private boolean trailingEscape;
    /** Fast forms: the whole pattern is {@code prefix%}, or has no wildcard at all. */
    private final String prefix;
    private final boolean exact;

    Like(String p, boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
        StringBuilder chars = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) {
                    // Postgres raises only if matching reaches this point with text left.
                    trailingEscape = true;
                    break;
                }
                chars.append(p.charAt(++i));
                lit.append('1');
            } else {
                chars.append(c);
                lit.append(c == '%' || c == '_' ? '0' : '1');
            }
        }
        this.pattern = chars.toString().toCharArray();
        this.literal = new boolean[pattern.length];
        int firstWild = -1;
        int wildCount = 0;
        for (int i = 0; i < pattern.length; i++) {
            literal[i] = lit.charAt(i) == '1';
            if (!literal[i]) {
                wildCount++;
                if (firstWild < 0) {
                    firstWild = i;
                }
            }
        }
        this.exact = wildCount == 0 && !trailingEscape;
        boolean prefixForm = !trailingEscape && wildCount == 1 && firstWild == pattern.length - 1 && pattern[firstWild] == '%';
        this.prefix = prefixForm ? new String(pattern, 0, firstWild) : null;
    }

    /** Kinds of {@link #literalForm()}. */
    static final int EXACT = 0, PREFIX = 1, SUFFIX = 2, CONTAINS = 3;

    /**
     * For a pattern that is one literal run (escapes resolved) with {@code %} before it, after it, both or neither:
     * {@code {kind, literal}}; null for any other pattern. Such a pattern matches exactly when the text equals,
     * starts with, ends with or contains the literal (ASCII letters folded for ILIKE): valid text never has a low
     * surrogate where the literal could start, so the positions {@code %} skips do not matter.
     */
    Object[] literalForm() {
        if (trailingEscape) {
            return null;
        }
        int start = 0;
        int end = pattern.length;
        while (start < end && !literal[start] && pattern[start] == '%') {
            start++;
        }
        while (end > start && !literal[end - 1] && pattern[end - 1] == '%') {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (!literal[i]) {
                return null;
            }
        }
        boolean lead = start > 0;
        boolean trail = end < pattern.length;
        int kind = lead && trail ? CONTAINS : lead ? SUFFIX : trail ? PREFIX : EXACT;
        return new Object[] { kind, new String(pattern, start, end - start) };
    }

    boolean matches(String s) {
        if (prefix != null) {
            return s.length() >= prefix.length() && regionEquals(s, 0, prefix);
        }
        if (exact) {
            return s.length() == pattern.length && regionEquals(s, 0, new String(pattern));
        }
        return match(s, 0, 0) == TRUE;
    }

    private boolean regionEquals(String s, int from, String p) {
        if (!caseInsensitive) {
            return s.startsWith(p, from);
        }
        for (int i = 0; i < p.length(); i++) {
            if (fold(s.charAt(from + i)) != fold(p.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static final int FALSE = 0, TRUE = 1, ABORT = -1;

    /**
     * Postgres' MatchText: ABORT means the text ran out, so no later start for an enclosing {@code %} can match
     * either; this keeps patterns such as {@code %a%a%a%b} linear instead of exponential.
     */
    private int match(String s, int si, int pi) {
        int n = s.length();
        int plen = pattern.length + (trailingEscape ? 1 : 0);
        while (pi < plen && si < n) {
            if (pi == pattern.length) {
                throw new EvalError("LIKE pattern must not end with escape character");
            }
            char pc = pattern[pi];
            if (!literal[pi] && pc == '%') {
                while (pi < pattern.length && !literal[pi] && pattern[pi] == '%') {
                    pi++;
                }
                if (pi == plen) {
                    return TRUE;
                }
                for (int k = si; k < n; k++) {
                    if (Character.isLowSurrogate(s.charAt(k)) && k > 0 && Character.isHighSurrogate(s.charAt(k - 1))) {
                        continue;
                    }
                    int r = match(s, k, pi);
                    if (r != FALSE) {
                        return r;
                    }
                }
                return ABORT;
            }
            if (!literal[pi] && pc == '_') {
                si += Character.isHighSurrogate(s.charAt(si)) && si + 1 < n && Character.isLowSurrogate(s.charAt(si + 1))
                        ? 2 : 1;
                pi++;
                continue;
            }
            char c = s.charAt(si);
            if (caseInsensitive ? fold(c) != fold(pc) : c != pc) {
                return FALSE;
            }
            si++;
            pi++;
        }
        if (si < n) {
            return FALSE;
        }
        while (pi < pattern.length && !literal[pi] && pattern[pi] == '%') {
            pi++;
        }
        return pi == plen ? TRUE : ABORT;
    }
}
