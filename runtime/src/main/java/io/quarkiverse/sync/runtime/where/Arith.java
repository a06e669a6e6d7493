package io.quarkiverse.sync.runtime.where;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Arithmetic with Postgres' error behaviour: integer overflow and division by zero raise (never wrap), float
 * overflow/underflow raise, numeric is exact with Postgres' result scales.
 */
final class Arith {

    private Arith() {
    }

    static long overflow(String type) {
        throw EvalError.outOfRange(Values.typeWord(type));
    }

    static long intResult(long v, String type) {
        return Casts.checkInt(v, type);
    }

    static long add(long a, long b, String type) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return overflow(type);
        }
        return r;
    }

    static long sub(long a, long b, String type) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            return overflow(type);
        }
        return r;
    }

    static long mul(long a, long b, String type) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
            return overflow(type);
        }
        return lo;
    }

    static long div(long a, long b, String type) {
        if (b == 0) {
            throw new EvalError("division by zero");
        }
        if (b == -1) {
            return sub(0, a, type);
        }
        return a / b;
    }

    static long mod(long a, long b) {
        if (b == 0) {
            throw new EvalError("division by zero");
        }
        return b == -1 ? 0 : a % b;
    }

    /** int2/int4 shifts are done in 32 bits and truncated, as the C code does; int8 in 64. */
    static long shift(long a, long by, String type, boolean left) {
        if (type.equals("int8")) {
            return left ? a << by : a >> by;
        }
        int v = (int) a;
        int r = left ? v << (int) by : v >> (int) by;
        return type.equals("int2") ? (short) r : r;
    }

    static double fadd(double a, double b, boolean f4) {
        double r = f4 ? (double) ((float) a + (float) b) : a + b;
        if (Double.isInfinite(r) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw new EvalError("value out of range: overflow");
        }
        return r;
    }

    static double fmul(double a, double b, boolean f4) {
        double r = f4 ? (double) ((float) a * (float) b) : a * b;
        if (Double.isInfinite(r) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw new EvalError("value out of range: overflow");
        }
        if (r == 0 && a != 0 && b != 0) {
            throw new EvalError("value out of range: underflow");
        }
        return r;
    }

    static double fdiv(double a, double b, boolean f4) {
        if (b == 0 && !Double.isNaN(a)) {
            throw new EvalError("division by zero");
        }
        double r = f4 ? (double) ((float) a / (float) b) : a / b;
        if (Double.isInfinite(r) && !Double.isInfinite(a)) {
            throw new EvalError("value out of range: overflow");
        }
        if (r == 0 && a != 0 && !Double.isInfinite(b)) {
            throw new EvalError("value out of range: underflow");
        }
        return r;
    }

    /** dpow: POSIX pow() special cases (Java's Math.pow differs for 1^NaN and (-1)^±inf), then range checks. */
    static double pow(double a, double b) {
        if (Double.isNaN(a)) {
            return b == 0 ? 1.0 : Double.NaN;
        }
        if (Double.isNaN(b)) {
            return a == 1 ? 1.0 : Double.NaN;
        }
        if (a == 0 && b < 0) {
            throw new EvalError("zero raised to a negative power is undefined");
        }
        if (a < 0 && Math.floor(b) != b && !Double.isInfinite(b)) {
            throw new EvalError("a negative number raised to a non-integer power yields a complex result");
        }
        if (a == -1 && Double.isInfinite(b)) {
            return 1.0;
        }
        double r = Math.pow(a, b);
        if (Double.isInfinite(r) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw new EvalError("value out of range: overflow");
        }
        if (r == 0 && a != 0 && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw new EvalError("value out of range: underflow");
        }
        return r;
    }

    static double sqrt(double a) {
        if (a < 0) {
            throw new EvalError("cannot take square root of a negative number");
        }
        return Math.sqrt(a);
    }

    static BigDecimal nadd(BigDecimal a, BigDecimal b) {
        return a.add(b);
    }

    static BigDecimal nmul(BigDecimal a, BigDecimal b) {
        BigDecimal r = a.multiply(b);
        // Postgres caps the result scale of multiplication at NUMERIC_DSCALE_MAX (16383).
        return r.scale() > 16383 ? r.setScale(16383, RoundingMode.HALF_UP) : r;
    }

    /** numeric division with select_div_scale's result scale (at least 16 significant digits), rounded half up. */
    static BigDecimal ndiv(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw new EvalError("division by zero");
        }
        int[] w1 = weightAndFirstDigit(a);
        int[] w2 = weightAndFirstDigit(b);
        int qweight = w1[0] - w2[0];
        if (w1[1] <= w2[1]) {
            qweight--;
        }
        int rscale = 16 - qweight * 4;
        rscale = Math.max(rscale, Math.max(a.scale(), 0));
        rscale = Math.max(rscale, Math.max(b.scale(), 0));
        rscale = Math.max(rscale, 0);
        rscale = Math.min(rscale, 1000);
        return a.divide(b, rscale, RoundingMode.HALF_UP);
    }

    /** The weight and leading digit of a numeric in Postgres' base-10000 representation. */
    private static int[] weightAndFirstDigit(BigDecimal v) {
        if (v.signum() == 0) {
            return new int[] { 0, 0 };
        }
        BigDecimal abs = v.abs();
        int exp10 = abs.precision() - abs.scale() - 1;
        int weight = Math.floorDiv(exp10, 4);
        BigInteger digit = abs.movePointLeft(weight * 4).setScale(0, RoundingMode.DOWN).toBigInteger();
        return new int[] { weight, digit.intValue() };
    }

    static BigDecimal nmod(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw new EvalError("division by zero");
        }
        BigDecimal r = a.remainder(b);
        return r.setScale(Math.max(Math.max(a.scale(), b.scale()), 0), RoundingMode.UNNECESSARY);
    }

    static long datePlus(long day, long days) {
        if (day == DateTimes.DATE_POS_INF || day == DateTimes.DATE_NEG_INF) {
            return day;
        }
        return DateTimes.checkDate(day + days);
    }

    static long dateMinus(long a, long b) {
        if (a == DateTimes.DATE_POS_INF || a == DateTimes.DATE_NEG_INF || b == DateTimes.DATE_POS_INF
                || b == DateTimes.DATE_NEG_INF) {
            throw new EvalError("cannot subtract infinite dates");
        }
        return Casts.checkInt(a - b, "int4");
    }

    /** date_cmp_timestamp_internal: a date past the timestamp range is later than every finite timestamp. */
    static int compareDateTs(long day, long ts) {
        long asTs;
        try {
            asTs = dateToTs(day);
        } catch (EvalError overflow) {
            if (day > 0) {
                return ts == DateTimes.TS_POS_INF ? -1 : 1;
            }
            return ts == DateTimes.TS_NEG_INF ? 1 : -1;
        }
        return Long.compare(asTs, ts);
    }

    static long dateToTs(long day) {
        return (Long) Casts.conversion(PgType.DATE, PgType.TIMESTAMP).apply(day);
    }

    static long dateTime(long day, long time) {
        long ts = dateToTs(day);
        return DateTimes.isFinite(ts) ? DateTimes.checkTimestamp(ts + time) : ts;
    }

    static long timePlus(long time, long micros) {
        return Math.floorMod(time + micros % DateTimes.USECS_PER_DAY, DateTimes.USECS_PER_DAY);
    }

    static Interval intervalDiv(Interval iv, double factor) {
        if (factor == 0) {
            throw new EvalError("division by zero");
        }
        return DateTimes.multiply(iv, 1.0 / factor);
    }

    /** lower/upper under the C collation: ASCII letters only. */
    static String asciiCase(String s, boolean upper) {
        char[] c = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean change = upper ? ch >= 'a' && ch <= 'z' : ch >= 'A' && ch <= 'Z';
            if (change) {
                if (c == null) {
                    c = s.toCharArray();
                }
                c[i] = (char) (upper ? ch - 32 : ch + 32);
            }
        }
        return c == null ? s : new String(c);
    }
}
