package io.quarkiverse.sync.runtime.where;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Postgres' input and output functions for the scalar types other than date/time ({@link DateTimes}): text as
 * pgoutput sends it to Java values and back. Values: bool {@link Boolean}; int2/int4/int8 {@link Long}; float4/float8
 * {@link Double}; numeric {@link BigDecimal}; text, varchar, name, enums, uuid (canonical lower case), bytea and
 * jsonb {@link String}.
 */
final class Values {

    private Values() {
    }

    static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    static long parseInt(String s, String type, long min, long max) {
        int len = s.length();
        // Fast path for what pgoutput sends: plain digits with an optional minus.
        if (len > 0 && len <= 18) {
            int i = 0;
            boolean neg = false;
            if (s.charAt(0) == '-') {
                neg = true;
                i = 1;
            }
            long v = 0;
            boolean ok = i < len;
            for (; i < len; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    ok = false;
                    break;
                }
                v = v * 10 + (c - '0');
            }
            if (ok) {
                v = neg ? -v : v;
                if (v < min || v > max) {
                    throw new EvalError("value \"" + s + "\" is out of range for type " + typeWord(type));
                }
                return v;
            }
        }
        String t = trim(s);
        String digits = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw EvalError.invalid(typeWord(type), s);
        }
        BigInteger v = new BigInteger(t.startsWith("+") ? digits : t);
        if (v.bitLength() > 63 || v.longValue() < min || v.longValue() > max) {
            throw new EvalError("value \"" + s + "\" is out of range for type " + typeWord(type));
        }
        return v.longValue();
    }

    static String typeWord(String type) {
        switch (type) {
            case "int2": return "smallint";
            case "int4": return "integer";
            case "int8": return "bigint";
            case "float4": return "real";
            case "float8": return "double precision";
            case "bool": return "boolean";
            default: return type;
        }
    }

    static double parseFloat(String s, boolean float4) {
        String t = trim(s);
        String lower = Lexer.asciiLower(t);
        switch (lower) {
            case "nan": case "+nan": case "-nan":
                return Double.NaN;
            case "infinity": case "+infinity": case "inf": case "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity": case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!isDecimal(t)) {
            throw EvalError.invalid(float4 ? "real" : "double precision", s);
        }
        if (float4) {
            float f = Float.parseFloat(t);
            if (Float.isInfinite(f) || (f == 0 && !isZero(t))) {
                throw new EvalError("\"" + t + "\" is out of range for type real");
            }
            return f;
        }
        double d = Double.parseDouble(t);
        if (Double.isInfinite(d) || (d == 0 && !isZero(t))) {
            throw new EvalError("\"" + t + "\" is out of range for type double precision");
        }
        return d;
    }

    private static boolean isZero(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == 'e' || c == 'E') {
                return true;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code [+-]digits[.digits][e[+-]digits]} — what strtod and numeric_in accept, minus hex and specials. */
    static boolean isDecimal(String t) {
        int i = 0;
        int n = t.length();
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(t.charAt(i)) && t.charAt(i) < 128) {
            i++;
            digits++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    static BigDecimal parseNumeric(String s) {
        String t = trim(s);
        if (!isDecimal(t)) {
            String lower = Lexer.asciiLower(t);
            if (lower.equals("nan") || lower.contains("inf")) {
                throw new EvalError("numeric NaN and Infinity are not supported by the where-clause evaluator");
            }
            throw EvalError.invalid("numeric", s);
        }
        BigDecimal d = new BigDecimal(t);
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        if (d.precision() - d.scale() > 131072 || d.scale() > 16383) {
            throw new EvalError("value overflows numeric format");
        }
        return d;
    }

    static boolean parseBool(String s) {
        if (s.length() == 1) {
            char c = s.charAt(0);
            if (c == 't') {
                return true;
            }
            if (c == 'f') {
                return false;
            }
        }
        String t = Lexer.asciiLower(trim(s));
        int n = t.length();
        if (n > 0) {
            switch (t.charAt(0)) {
                case 't': if ("true".startsWith(t)) return true; break;
                case 'y': if ("yes".startsWith(t)) return true; break;
                case 'f': if ("false".startsWith(t)) return false; break;
                case 'n': if ("no".startsWith(t)) return false; break;
                case 'o':
                    if (n >= 2 && "on".startsWith(t)) return true;
                    if (n >= 2 && "off".startsWith(t)) return false;
                    break;
                case '1': if (n == 1) return true; break;
                case '0': if (n == 1) return false; break;
                default: break;
            }
        }
        throw EvalError.invalid("boolean", s);
    }

    static String parseUuid(String s) {
        String t = s;
        if (t.startsWith("{") && t.endsWith("}") && t.length() > 2) {
            t = t.substring(1, t.length() - 1);
        }
        StringBuilder hex = new StringBuilder(32);
        int i = 0;
        while (i < t.length() && hex.length() < 32) {
            for (int k = 0; k < 4; k++, i++) {
                if (i >= t.length() || Character.digit(t.charAt(i), 16) < 0 || t.charAt(i) > 127) {
                    throw EvalError.invalid("uuid", s);
                }
                hex.append(Character.toLowerCase(t.charAt(i)));
            }
            if (i < t.length() && t.charAt(i) == '-' && hex.length() < 32 && hex.length() % 4 == 0) {
                i++;
            }
        }
        if (i != t.length() || hex.length() != 32) {
            throw EvalError.invalid("uuid", s);
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** float8out/float4out with extra_float_digits = 1: shortest exact digits, %e style outside [1e-4, 1e15). */
    static String formatFloat(double d, boolean float4) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        String repr = float4 ? Float.toString((float) d) : Double.toString(d);
        BigDecimal bd = new BigDecimal(repr).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = bd.signum() < 0 ? "-" : "";
        int maxFixed = float4 ? 6 : 15;
        if (exp < -4 || exp >= maxFixed) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = Integer.toString(Math.abs(exp));
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return sign + bd.abs().toPlainString();
    }

    /** C-collation order: by code point, which for UTF-8 is byte order. */
    static int compareText(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** float8 order: NaN equals NaN and sorts above everything; -0 equals 0. */
    static int compareFloat(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        boolean an = Double.isNaN(a);
        boolean bn = Double.isNaN(b);
        if (an || bn) {
            return an == bn ? 0 : an ? 1 : -1;
        }
        return 0;
    }
}
