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
        int last = s.length() - lowerLiteral.length();
        for (int from = 0; from <= last; from++) {
            if (regionEqualsIgnoreAsciiCase(s, from, lowerLiteral)) {
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

    /** An int2 column's text as the interpreter reads it. */
    public static long parseInt2(String s) {
        return Values.parseInt(s, "int2", Short.MIN_VALUE, Short.MAX_VALUE);
    }

    /** An int4 column's text as the interpreter reads it. */
    public static long parseInt4(String s) {
        return Values.parseInt(s, "int4", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** An int8 column's text as the interpreter reads it. */
    public static long parseInt8(String s) {
        return Values.parseInt(s, "int8", Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A folded integer constant as a long (integers are carried as {@code Long} whatever their width). */
    public static long longValue(Object v) {
        return (Long) v;
    }

    /**
     * A folded integer constant as pgoutput prints an integer column: Postgres' integer output is canonical (no
     * sign, no leading zeros), so comparing the raw text is equality of the values.
     */
    public static String intText(Object v) {
        return Long.toString((Long) v);
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
}
