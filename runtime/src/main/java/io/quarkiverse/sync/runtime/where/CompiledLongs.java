package io.quarkiverse.sync.runtime.where;

/**
 * What generated where-clause evaluators call to compute integers, dates, timestamps and timestamptz values as
 * primitive longs. Each method answers the interpreter's value, or {@link Long#MIN_VALUE} where the interpreter would
 * take its general code (another text form, infinity) or raise (out of range, overflow): the generated code then
 * evaluates the comparison in general. {@link Long#MIN_VALUE} is never a value these fast forms produce (it is
 * -infinity for dates and timestamps, and an int8 text too long for the fast parse), so it can mark "undecided".
 */
public final class CompiledLongs {

    private CompiledLongs() {
    }

    /** An int2 column's text, if it is plain digits in range. */
    public static long parseInt2(String s) {
        return plainInteger(s, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    /** An int4 column's text, if it is plain digits in range. */
    public static long parseInt4(String s) {
        return plainInteger(s, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** An int8 column's text, if it is at most 18 plain digits. */
    public static long parseInt8(String s) {
        return plainInteger(s, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The fast path of {@link Values#parseInt}: an optional minus and 1-18 digits, in range. */
    private static long plainInteger(String s, long min, long max) {
        int len = s.length();
        if (len == 0 || len > 18) {
            return Long.MIN_VALUE;
        }
        boolean negative = s.charAt(0) == '-';
        int i = negative ? 1 : 0;
        if (i == len) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        v = negative ? -v : v;
        return v < min || v > max ? Long.MIN_VALUE : v;
    }

    /** A date column's text as the server prints it (YYYY-MM-DD, years 1000-9999): the epoch day. */
    public static long parseDate(String s) {
        return s.length() == 10 ? DateTimes.fastDay(s) : Long.MIN_VALUE;
    }

    /** A timestamp column's text as the server prints it: microseconds since 2000. */
    public static long parseTimestamp(String s) {
        return DateTimes.fastTimestamp(s, false);
    }

    /** A timestamptz column's text as the server prints it: microseconds since 2000 UTC. */
    public static long parseTimestamptz(String s) {
        return DateTimes.fastTimestamp(s, true);
    }

    /** A folded constant of an integer, date or timestamp type as a long; 0 for NULL. */
    public static long longOrZero(Object v) {
        return v == null ? 0 : (Long) v;
    }

    /** Whether a folded constant is NULL. */
    public static boolean isNull(Object v) {
        return v == null;
    }

    /** An integer cast to int2: in range or undecided (the interpreter raises). */
    public static long toInt2(long v) {
        return v == (short) v ? v : Long.MIN_VALUE;
    }

    /** An integer cast to int4. */
    public static long toInt4(long v) {
        return v == (int) v ? v : Long.MIN_VALUE;
    }

    /** An integer cast to int8. */
    public static long toInt8(long v) {
        return v;
    }

    /** timestamp to timestamptz and back (the session is in UTC). */
    public static long identity(long v) {
        return v;
    }

    /** A timestamp's date ({@link Casts}: infinity stays infinity, which is the same long). */
    public static long timestampToDate(long ts) {
        return DateTimes.isFinite(ts) ? DateTimes.dayOf(ts) : ts;
    }

    /** A date as a timestamp at midnight; undecided beyond the timestamp range (the interpreter raises). */
    public static long dateToTimestamp(long day) {
        if (day == DateTimes.DATE_POS_INF) {
            return DateTimes.TS_POS_INF;
        }
        if (Math.abs(day) > 1L << 40) {
            return Long.MIN_VALUE;
        }
        long ts = DateTimes.tsOf(day, 0);
        return DateTimes.inTimestampRange(ts) ? ts : Long.MIN_VALUE;
    }

    /** int2 + int2, undecided on overflow. */
    public static long intPlus2(long a, long b) {
        return toInt2(a + b);
    }

    /** int4 + int4. */
    public static long intPlus4(long a, long b) {
        return toInt4(a + b);
    }

    /** int8 + int8. */
    public static long intPlus8(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MIN_VALUE : r;
    }

    /** int2 - int2. */
    public static long intMinus2(long a, long b) {
        return toInt2(a - b);
    }

    /** int4 - int4. */
    public static long intMinus4(long a, long b) {
        return toInt4(a - b);
    }

    /** int8 - int8. */
    public static long intMinus8(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
    }

    /** date + int4 ({@link Arith#datePlus}: infinity stays, a result out of the date range is undecided). */
    public static long datePlus(long day, long days) {
        if (day == DateTimes.DATE_POS_INF) {
            return day;
        }
        long r = day + days;
        return DateTimes.inDateRange(r) ? r : Long.MIN_VALUE;
    }

    /** date - int4. */
    public static long dateMinusDays(long day, long days) {
        return datePlus(day, -days);
    }

    /** int4 + date. */
    public static long daysPlusDate(long days, long day) {
        return datePlus(day, days);
    }

    /** date - date, in days; undecided on infinity (the interpreter raises) or beyond int4. */
    public static long dateMinusDate(long a, long b) {
        if (a == DateTimes.DATE_POS_INF || b == DateTimes.DATE_POS_INF) {
            return Long.MIN_VALUE;
        }
        return toInt4(a - b);
    }
}
