package io.quarkiverse.sync.runtime.where;

import java.util.function.Predicate;

/**
 * What generated where-clause evaluators call: the interpreter's operators behind public interfaces, and small static
 * helpers for the cases they specialise. Everything here is on the per-row path, so nothing allocates or reflects.
 */
public final class CompiledWhereSupport {

    private static final Ast.BoolTestKind[] BOOL_TEST_KINDS = Ast.BoolTestKind.values();

    private CompiledWhereSupport() {
    }

    /** An operator or function implementation (see the interpreter); unary ones ignore {@code b}. */
    @FunctionalInterface
    public interface Function {
        Object apply(Object a, Object b);
    }

    /** A node the generated code leaves to the interpreter: its value for a row, or an {@link EvalError}. */
    @FunctionalInterface
    public interface Subexpression {
        Object eval(RowValues row);
    }

    /** A compiled LIKE ({@code caseInsensitive} for ILIKE) pattern, as the interpreter matches it. */
    public static Predicate<String> like(String pattern, boolean caseInsensitive) {
        Like like = new Like(pattern, caseInsensitive);
        return like::matches;
    }

    /** How a generated evaluator may match a LIKE pattern it knows at build time. */
    public enum LikeForm {
        /** no wildcard: the text equals the literal */
        EXACT,
        /** {@code literal%} */
        PREFIX,
        /** {@code %literal} */
        SUFFIX,
        /** {@code %literal%} */
        CONTAINS
    }

    /** The form of {@code pattern}, or null when it needs the general matcher. */
    public static LikeForm likeForm(String pattern) {
        Object[] form = new Like(pattern, false).literalForm();
        return form == null ? null : LikeForm.values()[(Integer) form[0]];
    }

    /** The literal of a pattern that has a {@link #likeForm}. */
    public static String likeLiteral(String pattern) {
        return (String) new Like(pattern, false).literalForm()[1];
    }

    /**
     * ILIKE {@code prefix%} as the interpreter matches it (ASCII letters fold); {@code lowerPrefix} is the prefix
     * with its ASCII letters already lower-cased.
     */
    public static boolean startsWithIgnoreAsciiCase(String s, String lowerPrefix) {
        return s.length() >= lowerPrefix.length() && regionEqualsIgnoreAsciiCase(s, 0, lowerPrefix);
    }

    /** ILIKE {@code %suffix}. */
    public static boolean endsWithIgnoreAsciiCase(String s, String lowerSuffix) {
        int from = s.length() - lowerSuffix.length();
        return from >= 0 && regionEqualsIgnoreAsciiCase(s, from, lowerSuffix);
    }

    /** ILIKE {@code literal} (no wildcard). */
    public static boolean equalsIgnoreAsciiCase(String s, String lowerLiteral) {
        return s.length() == lowerLiteral.length() && regionEqualsIgnoreAsciiCase(s, 0, lowerLiteral);
    }

    /** ILIKE {@code %literal%}. */
    public static boolean containsIgnoreAsciiCase(String s, String lowerLiteral) {
        if (lowerLiteral.isEmpty()) {
            return true;
        }
        // Candidates are the places of the first character in either case (an ASCII letter's cases differ in 0x20).
        char first = lowerLiteral.charAt(0);
        int fold = first >= 'a' && first <= 'z' ? 0x20 : 0;
        int last = s.length() - lowerLiteral.length();
        for (int from = 0; from <= last; from++) {
            if ((s.charAt(from) | fold) == first && regionEqualsIgnoreAsciiCase(s, from, lowerLiteral)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionEqualsIgnoreAsciiCase(String s, int from, String lower) {
        int n = lower.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** ASCII letters lower-cased, nothing else touched (the folding of ILIKE under the C collation). */
    public static String lowerAscii(String s) {
        return Arith.asciiCase(s, false);
    }

    /** Whether the call sees NULL operands (Postgres declares it non-strict). */
    public static boolean isNonStrict(Expr.Call call) {
        return Functions.nonStrict(call.name(), call.type());
    }

    /** IS [NOT] DISTINCT FROM. */
    public static Boolean distinct(Object a, Object b, Function eq, boolean isNot) {
        boolean distinct = a == null || b == null ? a != b : !(Boolean) eq.apply(a, b);
        return distinct != isNot;
    }

    /** IS [NOT] TRUE/FALSE/UNKNOWN; {@code kind} is the {@link Ast.BoolTestKind}'s ordinal. */
    public static Boolean boolTest(Object v, int kind) {
        switch (BOOL_TEST_KINDS[kind]) {
            case IS_TRUE: return Boolean.TRUE.equals(v);
            case IS_NOT_TRUE: return !Boolean.TRUE.equals(v);
            case IS_FALSE: return Boolean.FALSE.equals(v);
            case IS_NOT_FALSE: return !Boolean.FALSE.equals(v);
            case IS_UNKNOWN: return v == null;
            default: return v != null;
        }
    }

    /** A NOT node: NULL stays NULL. */
    public static Object not(Object v) {
        return v == null ? null : !(Boolean) v;
    }

    /** {@code left op ANY/ALL (array)}, exactly as the interpreter evaluates it. */
    public static Object quantified(Object v, Object a, Function fn, boolean all) {
        if (a == null) {
            return null;
        }
        Object[] elements = ((PgArray) a).elements();
        if (elements.length == 0) {
            return all;
        }
        if (v == null) {
            return null;
        }
        boolean sawNull = false;
        for (Object el : elements) {
            if (el == null) {
                sawNull = true;
                continue;
            }
            boolean r = (Boolean) fn.apply(v, el);
            if (r != all) {
                return r;
            }
        }
        return sawNull ? null : all;
    }

    /** One step of greatest/least: the new best of {@code best} and {@code x}, as the interpreter decides it. */
    public static Object better(Object best, Object x, Function cmp, boolean greatest) {
        if (x != null && (best == null || ((Long) cmp.apply(x, best) > 0) == greatest
                && (Long) cmp.apply(x, best) != 0)) {
            return x;
        }
        return best;
    }

    /**
     * The elements of a folded text-array constant, for {@link #textArrayContains}; null when it is NULL or has a
     * NULL element (then the generated code takes the general path).
     */
    public static String[] textElements(Object array) {
        if (array == null) {
            return null;
        }
        Object[] elements = ((PgArray) array).elements();
        String[] out = new String[elements.length];
        for (int i = 0; i < elements.length; i++) {
            if (elements[i] == null) {
                return null;
            }
            out[i] = (String) elements[i];
        }
        return out;
    }

    /**
     * {@code a @> needles} on a text array's pgoutput text without building the array: 1 when it contains every
     * needle, 0 when not, -1 when the text is not of the simple form that {@code PgArray}'s fast parse accepts
     * ({@code {a,b}}: one dimension, no quotes, escapes, spaces, empty or NULL elements), or either side is missing;
     * then the caller evaluates it in general. On the simple form the elements are the text between the commas, so
     * the answer is the interpreter's (text equality is string equality).
     */
    public static int textArrayContains(String a, String[] needles) {
        if (a == null || needles == null || needles.length > 63) {
            return -1;
        }
        int n = a.length();
        if (n < 2 || a.charAt(0) != '{' || a.charAt(n - 1) != '}') {
            return -1;
        }
        // One pass: each element is checked for the simple form and compared with the needles it may equal.
        long found = 0;
        if (n > 2) {
            int start = 1;
            for (int i = 1; i < n; i++) {
                char c = i == n - 1 ? ',' : a.charAt(i);
                if (c == ',') {
                    int len = i - start;
                    if (len == 0 || len == 4 && isNullWord(a, start)) {
                        return -1;
                    }
                    for (int j = 0; j < needles.length; j++) {
                        if (needles[j].length() == len && a.startsWith(needles[j], start)) {
                            found |= 1L << j;
                        }
                    }
                    start = i + 1;
                } else if (c == '"' || c == '\\' || c == '{' || c == '}' || c <= ' ') {
                    return -1;
                }
            }
        }
        return found == (1L << needles.length) - 1 ? 1 : 0;
    }

    /** Whether the four characters at {@code from} spell NULL in any ASCII case (an unquoted NULL element). */
    private static boolean isNullWord(String a, int from) {
        return (a.charAt(from) | 0x20) == 'n' && (a.charAt(from + 1) | 0x20) == 'u' && (a.charAt(from + 2) | 0x20) == 'l'
                && (a.charAt(from + 3) | 0x20) == 'l';
    }

    /**
     * A numeric column's text when it is a plain decimal ({@code -?digits[.digits]}, at most 12 digits of which at
     * most 3 decimals): its value times 1000, exact; or {@link Long#MIN_VALUE} when the text is of
     * another form (exponent, spaces, sign {@code +}, NaN, more digits or decimals), which the caller evaluates in
     * general.
     */
    public static long plainDecimalMilli(String s) {
        if (s == null) {
            return Long.MIN_VALUE;
        }
        int n = s.length();
        int i = 0;
        boolean negative = n > 0 && s.charAt(0) == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        int digits = 0;
        int decimals = -1;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                digits++;
                if (decimals >= 0) {
                    decimals++;
                }
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else {
                return Long.MIN_VALUE;
            }
        }
        // "1." and ".5" are valid numerics, but keep the fast path to digits on both sides of a point.
        if (digits == 0 || digits > 12 || decimals == 0 || decimals > 3 || s.charAt(negative ? 1 : 0) == '.') {
            return Long.MIN_VALUE;
        }
        for (int d = Math.max(decimals, 0); d < 3; d++) {
            v *= 10;
        }
        return negative ? -v : v;
    }

    /** Whether none of the three is {@link Long#MIN_VALUE} (the "take the general path" mark). */
    public static boolean allNotMin(long a, long b, long c) {
        return a != Long.MIN_VALUE && b != Long.MIN_VALUE && c != Long.MIN_VALUE;
    }

    /** 1 as true (the answer of {@link #textArrayContains} when it decides). */
    public static boolean isOne(int r) {
        return r == 1;
    }

    /**
     * The sign of {@code x * k - c} for a numeric {@code x} given by {@link #plainDecimalMilli} and integers
     * {@code |k| <= 999}, {@code |c| <= 999_999} (no overflow: |milli| < 10^15): numeric multiplication and
     * comparison are exact, so this is the interpreter's {@code compareTo} of {@code x * k} and {@code c}.
     */
    public static int compareMilliProduct(long milli, long k, long c) {
        return Long.compare(milli * k, c * 1000);
    }

    /**
     * A folded numeric constant that is an integer of magnitude at most {@code max}, as a long; {@link Long#MIN_VALUE} when it is
     * not (then the generated code takes the general path).
     */
    public static long smallInteger(Object numeric, long max) {
        if (!(numeric instanceof java.math.BigDecimal d)) {
            return Long.MIN_VALUE;
        }
        try {
            long v = d.longValueExact();
            return Math.abs(v) <= max ? v : Long.MIN_VALUE;
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }
}
