package io.quarkiverse.sync.runtime.where;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Input, output and arithmetic of date, time, timestamp, timestamptz and interval, as Postgres computes them with
 * DateStyle ISO, TimeZone UTC and IntervalStyle iso_8601 (the settings of the replication session). Values: date
 * is the epoch day (days since 1970-01-01), time the microsecond of the day, timestamp(tz) microseconds since
 * 2000-01-01 00:00 UTC (Postgres' own epoch: from 1970 its range would not fit in a long); both
 * use {@link Long#MAX_VALUE}/{@link Long#MIN_VALUE} for ±infinity. Input accepts ISO 8601 forms (what the server
 * outputs and what clients send), not every spelling Postgres' datetime parser knows.
 */
final class DateTimes {

    static final long DATE_POS_INF = Long.MAX_VALUE;
    static final long DATE_NEG_INF = Long.MIN_VALUE;
    static final long TS_POS_INF = Long.MAX_VALUE;
    static final long TS_NEG_INF = Long.MIN_VALUE;
    static final long USECS_PER_DAY = Interval.USECS_PER_DAY;
    static final long USECS_PER_HOUR = 3_600_000_000L;
    static final long USECS_PER_MINUTE = 60_000_000L;
    static final long USECS_PER_SEC = 1_000_000L;
    /** 2000-01-01 as an epoch day: the origin of timestamps. */
    static final long PG_EPOCH_DAY = 10957;
    private static final long PG_EPOCH_SECONDS = PG_EPOCH_DAY * 86400;

    /** 4714-11-24 BC, Postgres' first date (Julian day 0). */
    private static final long MIN_DAY = LocalDate.of(-4713, 11, 24).toEpochDay();
    private static final long MAX_DATE_DAY = LocalDate.of(5874897, 12, 31).toEpochDay();
    /** Timestamps end at 294276-12-31 23:59:59.999999. */
    private static final long MAX_TS_DAY = LocalDate.of(294276, 12, 31).toEpochDay();

    private static final Pattern DATE = Pattern.compile("(\\d{4,})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d*))?)?");
    private static final Pattern ZONE = Pattern.compile("(?:([+-])(\\d{1,2})(?::?(\\d{2}))?(?::(\\d{2}))?|(z|utc|gmt))");
    private static final Pattern TIMESTAMP = Pattern.compile("(\\d{4,}-\\d{1,2}-\\d{1,2})(?:[ t]+("
            + TIME.pattern() + "))?\\s*(" + ZONE.pattern() + ")?(?:\\s+(bc|ad))?", Pattern.CASE_INSENSITIVE);

    private DateTimes() {
    }

    // ---- date ----

    static long parseDate(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            long day = fastDay(s);
            if (day != Long.MIN_VALUE) {
                return day;
            }
        }
        String t = Lexer.asciiLower(Values.trim(s));
        switch (t) {
            case "infinity": case "+infinity": return DATE_POS_INF;
            case "-infinity": return DATE_NEG_INF;
            case "epoch": return 0;
            default: break;
        }
        Matcher m = TIMESTAMP.matcher(t);
        if (!m.matches()) {
            throw EvalError.invalid("date", s);
        }
        long day = dayOf(m.group(1), "bc".equals(m.group(m.groupCount())), "date", s);
        if (day < MIN_DAY || day > MAX_DATE_DAY) {
            throw new EvalError("date out of range: \"" + s + "\"");
        }
        return day;
    }

    private static long dayOf(String ymd, boolean bc, String type, String original) {
        Matcher m = DATE.matcher(ymd);
        if (!m.matches()) {
            throw EvalError.invalid(type, original);
        }
        try {
            long year = Long.parseLong(m.group(1));
            if (bc) {
                if (year == 0) {
                    throw EvalError.invalid(type, original);
                }
                year = 1 - year;
            }
            if (year > 10_000_000 || year < -10_000_000) {
                throw new EvalError(type + " out of range: \"" + original + "\"");
            }
            return LocalDate.of((int) year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))).toEpochDay();
        } catch (DateTimeException e) {
            throw new EvalError("date/time field value out of range: \"" + original + "\"");
        }
    }

    static String formatDate(long day) {
        if (day == DATE_POS_INF) {
            return "infinity";
        }
        if (day == DATE_NEG_INF) {
            return "-infinity";
        }
        LocalDate d = LocalDate.ofEpochDay(day);
        return ymd(d) + (d.getYear() <= 0 ? " BC" : "");
    }

    private static String ymd(LocalDate d) {
        int y = d.getYear() <= 0 ? 1 - d.getYear() : d.getYear();
        return pad(y, 4) + "-" + pad(d.getMonthValue(), 2) + "-" + pad(d.getDayOfMonth(), 2);
    }

    private static String pad(long v, int width) {
        String s = Long.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** Whether a finite epoch day is a date Postgres can hold. */
    static boolean inDateRange(long day) {
        return day >= MIN_DAY && day <= MAX_DATE_DAY;
    }

    /** Whether a finite timestamp is in Postgres' range (see {@link #checkTimestamp}). */
    static boolean inTimestampRange(long ts) {
        return ts >= tsOf(MIN_DAY, 0) && ts < tsOf(MAX_TS_DAY + 1, 0);
    }

    static long checkDate(long day) {
        if (day < MIN_DAY || day > MAX_DATE_DAY) {
            throw EvalError.outOfRange("date");
        }
        return day;
    }

    // ---- time ----

    static long parseTime(String s) {
        String t = Lexer.asciiLower(Values.trim(s));
        if (t.equals("allballs")) {
            return 0;
        }
        Matcher m = TIME.matcher(t);
        if (!m.matches()) {
            throw EvalError.invalid("time without time zone", s);
        }
        long micros = timeOfDay(m, 1, s);
        if (micros > USECS_PER_DAY) {
            throw new EvalError("date/time field value out of range: \"" + s + "\"");
        }
        return micros;
    }

    /** Reads HH:MM[:SS[.frac]] from groups {@code g..g+3}; allows 24:00:00 as Postgres does. */
    private static long timeOfDay(Matcher m, int g, String original) {
        long h = Long.parseLong(m.group(g));
        long mi = Long.parseLong(m.group(g + 1));
        long sec = m.group(g + 2) == null ? 0 : Long.parseLong(m.group(g + 2));
        long frac = fraction(m.group(g + 3));
        if (h > 24 || mi > 59 || sec > 60 || (h == 24 && (mi > 0 || sec > 0 || frac > 0))) {
            throw new EvalError("date/time field value out of range: \"" + original + "\"");
        }
        return h * USECS_PER_HOUR + mi * USECS_PER_MINUTE + sec * USECS_PER_SEC + frac;
    }

    /** Fraction digits to microseconds, rounding half to even beyond the sixth digit like rint(). */
    private static long fraction(String digits) {
        if (digits == null || digits.isEmpty()) {
            return 0;
        }
        if (digits.length() <= 6) {
            return Long.parseLong(digits + "000000".substring(digits.length()));
        }
        return new java.math.BigDecimal("0." + digits).movePointRight(6)
                .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }

    static String formatTime(long micros) {
        long h = micros / USECS_PER_HOUR;
        long mi = micros / USECS_PER_MINUTE % 60;
        long sec = micros / USECS_PER_SEC % 60;
        return pad(h, 2) + ":" + pad(mi, 2) + ":" + pad(sec, 2) + frac(micros % USECS_PER_SEC);
    }

    private static String frac(long fsec) {
        if (fsec == 0) {
            return "";
        }
        String f = pad(fsec, 6);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return "." + f.substring(0, end);
    }

    // ---- timestamp / timestamptz ----

    /** First year of {@link #MONTH_START}. */
    private static final int TABLE_FIRST_YEAR = 1900;
    /**
     * The epoch day of the first of each month from 1900 to 2199, and of 2200-01-01 last: the dates rows hold, turned
     * into days by one lookup instead of the calendar arithmetic (a month's length is the next entry's difference).
     */
    private static final int[] MONTH_START = new int[300 * 12 + 1];

    static {
        for (int i = 0; i < MONTH_START.length; i++) {
            MONTH_START[i] = (int) epochDay(TABLE_FIRST_YEAR + i / 12, i % 12 + 1, 1);
        }
    }

    /** YYYY-MM-DD as the server prints it (years 1000-9999), or Long.MIN_VALUE to take the general path. */
    static long fastDay(String s) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-') {
            return Long.MIN_VALUE;
        }
        int y = fourDigits(s, 0);
        int m = twoDigits(s, 5);
        int d = twoDigits(s, 8);
        if (y < 1000 || m < 1 || m > 12 || d < 1) {
            return Long.MIN_VALUE;
        }
        int month = (y - TABLE_FIRST_YEAR) * 12 + m - 1;
        if (month >= 0 && month < MONTH_START.length - 1) {
            int first = MONTH_START[month];
            return d > MONTH_START[month + 1] - first ? Long.MIN_VALUE : first + d - 1;
        }
        return d > monthLength(y, m) ? Long.MIN_VALUE : epochDay(y, m, d);
    }

    private static int monthLength(int y, int m) {
        if (m == 2) {
            return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
        }
        return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm LocalDate.toEpochDay uses). */
    private static long epochDay(long y, int m, int d) {
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * m - 362) / 12;
        total += d - 1;
        if (m > 2) {
            total--;
            if (!(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) {
                total--;
            }
        }
        return total - 719528;
    }

    /**
     * The two decimal digits at {@code from}, or -1. Without a loop or a chain of multiplications: the fast parsers
     * read a dozen such fields per timestamp, so each field's digits are converted independently.
     */
    private static int twoDigits(String s, int from) {
        int a = s.charAt(from) - '0';
        int b = s.charAt(from + 1) - '0';
        return (a | b | 9 - a | 9 - b) < 0 ? -1 : a * 10 + b;
    }

    /** The four decimal digits at {@code from}, or -1. */
    private static int fourDigits(String s, int from) {
        int a = s.charAt(from) - '0';
        int b = s.charAt(from + 1) - '0';
        int c = s.charAt(from + 2) - '0';
        int d = s.charAt(from + 3) - '0';
        return (a | b | c | d | 9 - a | 9 - b | 9 - c | 9 - d) < 0 ? -1 : a * 1000 + b * 100 + c * 10 + d;
    }

    /**
     * The server's own output, {@code YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]]}, without the regular expression;
     * Long.MIN_VALUE to take the general path.
     */
    static long fastTimestamp(String s, boolean withZone) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' ' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        long day = fastDay(s);
        int h = twoDigits(s, 11);
        int mi = twoDigits(s, 14);
        int sec = twoDigits(s, 17);
        if (day == Long.MIN_VALUE || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        long frac = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 6 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                frac = frac * 10 + (s.charAt(i++) - '0');
            }
            if (i == start || i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                return Long.MIN_VALUE;
            }
            for (int k = i - start; k < 6; k++) {
                frac *= 10;
            }
        }
        long offset = 0;
        if (i < n) {
            if (!withZone || n - i != 3 && n - i != 6 || (s.charAt(i) != '+' && s.charAt(i) != '-')) {
                return Long.MIN_VALUE;
            }
            int oh = twoDigits(s, i + 1);
            int om = n - i == 6 ? (s.charAt(i + 3) == ':' ? twoDigits(s, i + 4) : -1) : 0;
            if (oh < 0 || om < 0 || oh > 15 || om > 59) {
                return Long.MIN_VALUE;
            }
            offset = (oh * 3600L + om * 60L) * (s.charAt(i) == '-' ? -1 : 1);
        }
        return tsOf(day, h * USECS_PER_HOUR + mi * USECS_PER_MINUTE + sec * USECS_PER_SEC + frac)
                - offset * USECS_PER_SEC;
    }

    static long parseTimestamp(String s, boolean withZone) {
        long fast = fastTimestamp(s, withZone);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        String t = Values.trim(s);
        String lower = Lexer.asciiLower(t);
        switch (lower) {
            case "infinity": case "+infinity": return TS_POS_INF;
            case "-infinity": return TS_NEG_INF;
            case "epoch": return 0;
            default: break;
        }
        Matcher m = TIMESTAMP.matcher(t);
        String type = withZone ? "timestamp with time zone" : "timestamp without time zone";
        if (!m.matches()) {
            throw EvalError.invalid(type, s);
        }
        boolean bc = "bc".equalsIgnoreCase(m.group(m.groupCount()));
        long day = dayOf(m.group(1), bc, type, s);
        long tod = m.group(2) == null ? 0 : timeOfDay(m, 3, s);
        long offsetSec = 0;
        if (withZone && m.group(7) != null && m.group(8) != null) {
            long oh = Long.parseLong(m.group(9));
            long om = m.group(10) == null ? 0 : Long.parseLong(m.group(10));
            long os = m.group(11) == null ? 0 : Long.parseLong(m.group(11));
            if (oh > 15 || om > 59 || os > 59) {
                throw new EvalError("time zone displacement out of range: \"" + s + "\"");
            }
            offsetSec = (oh * 3600 + om * 60 + os) * (m.group(8).equals("-") ? -1 : 1);
        }
        if (day < MIN_DAY - 1 || day > MAX_TS_DAY + 1) {
            throw new EvalError("timestamp out of range: \"" + s + "\"");
        }
        long ts = tsOf(day, tod) - offsetSec * USECS_PER_SEC;
        return checkTimestamp(ts, "timestamp out of range: \"" + s + "\"");
    }

    static long checkTimestamp(long ts) {
        return checkTimestamp(ts, "timestamp out of range");
    }

    private static long checkTimestamp(long ts, String message) {
        if (ts < tsOf(MIN_DAY, 0) || ts >= tsOf(MAX_TS_DAY + 1, 0)) {
            throw new EvalError(message);
        }
        return ts;
    }

    static String formatTimestamp(long ts, boolean withZone) {
        if (ts == TS_POS_INF) {
            return "infinity";
        }
        if (ts == TS_NEG_INF) {
            return "-infinity";
        }
        LocalDate d = LocalDate.ofEpochDay(dayOf(ts));
        long tod = Math.floorMod(ts, USECS_PER_DAY);
        return ymd(d) + " " + formatTime(tod) + (withZone ? "+00" : "") + (d.getYear() <= 0 ? " BC" : "");
    }

    /** The epoch day a (finite) timestamp falls on. */
    static long dayOf(long ts) {
        return Math.floorDiv(ts, USECS_PER_DAY) + PG_EPOCH_DAY;
    }

    /** The timestamp of a time of day on an epoch day. */
    static long tsOf(long epochDay, long timeOfDay) {
        return (epochDay - PG_EPOCH_DAY) * USECS_PER_DAY + timeOfDay;
    }

    static boolean isFinite(long ts) {
        return ts != TS_POS_INF && ts != TS_NEG_INF;
    }

    /** timestamp + interval: months first (clamping the day to the month's end), then days, then time. */
    static long addInterval(long ts, Interval iv) {
        if (!isFinite(ts)) {
            return ts;
        }
        long result = ts;
        if (iv.months() != 0) {
            long day = dayOf(result);
            long tod = Math.floorMod(result, USECS_PER_DAY);
            LocalDate d = LocalDate.ofEpochDay(day).plusMonths(iv.months());
            if (d.toEpochDay() < MIN_DAY || d.toEpochDay() > MAX_TS_DAY) {
                throw EvalError.outOfRange("timestamp");
            }
            result = tsOf(d.toEpochDay(), tod);
        }
        try {
            if (iv.days() != 0) {
                result = Math.addExact(result, Math.multiplyExact((long) iv.days(), USECS_PER_DAY));
            }
            result = Math.addExact(result, iv.micros());
        } catch (ArithmeticException e) {
            throw EvalError.outOfRange("timestamp");
        }
        return checkTimestamp(result);
    }

    static Interval negate(Interval iv) {
        if (iv.months() == Integer.MIN_VALUE || iv.days() == Integer.MIN_VALUE || iv.micros() == Long.MIN_VALUE) {
            throw EvalError.outOfRange("interval");
        }
        return new Interval(-iv.months(), -iv.days(), -iv.micros());
    }

    static Interval add(Interval a, Interval b) {
        try {
            return new Interval(Math.addExact(a.months(), b.months()), Math.addExact(a.days(), b.days()),
                    Math.addExact(a.micros(), b.micros()));
        } catch (ArithmeticException e) {
            throw EvalError.outOfRange("interval");
        }
    }

    /** timestamp - timestamp: the difference in microseconds, then justify_hours (timestamp_mi). */
    static Interval subtract(long a, long b) {
        if (!isFinite(a) || !isFinite(b)) {
            throw new EvalError("cannot subtract infinite timestamps");
        }
        return justifyHours(new Interval(0, 0, a - b));
    }

    static Interval justifyHours(Interval iv) {
        long days = iv.micros() / USECS_PER_DAY;
        long time = iv.micros() - days * USECS_PER_DAY;
        long d = (long) iv.days() + days;
        if (d > 0 && time < 0) {
            time += USECS_PER_DAY;
            d--;
        } else if (d < 0 && time > 0) {
            time -= USECS_PER_DAY;
            d++;
        }
        return new Interval(iv.months(), toInt(d), time);
    }

    static Interval justifyDays(Interval iv) {
        int months = iv.days() / 30;
        int days = iv.days() - months * 30;
        long m = (long) iv.months() + months;
        if (m > 0 && days < 0) {
            days += 30;
            m--;
        } else if (m < 0 && days > 0) {
            days -= 30;
            m++;
        }
        return new Interval(toInt(m), days, iv.micros());
    }

    static Interval justifyInterval(Interval iv) {
        long days = iv.micros() / USECS_PER_DAY;
        long time = iv.micros() - days * USECS_PER_DAY;
        long d = (long) iv.days() + days;
        long months = iv.months() + d / 30;
        d = d % 30;
        if (months > 0 && (d < 0 || (d == 0 && time < 0))) {
            d += 30;
            months--;
        } else if (months < 0 && (d > 0 || (d == 0 && time > 0))) {
            d -= 30;
            months++;
        }
        if (d > 0 && time < 0) {
            time += USECS_PER_DAY;
            d--;
        } else if (d < 0 && time > 0) {
            time -= USECS_PER_DAY;
            d++;
        }
        return new Interval(toInt(months), toInt(d), time);
    }

    private static int toInt(long v) {
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw EvalError.outOfRange("interval");
        }
        return (int) v;
    }

    /** interval * float8 (interval_mul): fractional months and days cascade down, as Postgres does. */
    static Interval multiply(Interval iv, double factor) {
        if (Double.isNaN(factor)) {
            throw new EvalError("interval out of range");
        }
        double monthD = iv.months() * factor;
        double dayD = iv.days() * factor;
        if (monthD > Integer.MAX_VALUE || monthD < Integer.MIN_VALUE || dayD > Integer.MAX_VALUE
                || dayD < Integer.MIN_VALUE) {
            throw EvalError.outOfRange("interval");
        }
        int month = (int) monthD;
        int day = (int) dayD;
        double monthRemainderDays = tsRound((iv.months() * factor - month) * 30);
        double secRemainder = tsRound((iv.days() * factor - day + monthRemainderDays - (int) monthRemainderDays)
                * 86400);
        if (Math.abs(secRemainder) >= 86400) {
            day += (int) (secRemainder / 86400);
            secRemainder -= (int) (secRemainder / 86400) * 86400.0;
        }
        day += (int) monthRemainderDays;
        double time = Math.rint(iv.micros() * factor + secRemainder * 1e6);
        if (Double.isNaN(time) || time >= 9.223372036854775807E18 || time < -9.223372036854775808E18) {
            throw EvalError.outOfRange("interval");
        }
        return new Interval(month, day, (long) time);
    }

    private static double tsRound(double j) {
        return Math.rint(j * 1_000_000.0) / 1_000_000.0;
    }

    /** timezone(zone, timestamp) and timezone(zone, timestamptz); zone names are IANA ids or UTC. */
    static long atZone(String zone, long ts, boolean fromTimestamptz) {
        if (!isFinite(ts)) {
            return ts;
        }
        ZoneId id = zone(zone);
        long seconds = Math.floorDiv(ts, USECS_PER_SEC) + PG_EPOCH_SECONDS;
        long micros = Math.floorMod(ts, USECS_PER_SEC);
        try {
            if (fromTimestamptz) {
                ZoneOffset off = id.getRules().getOffset(Instant.ofEpochSecond(seconds));
                return checkTimestamp(ts + off.getTotalSeconds() * USECS_PER_SEC);
            }
            LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
            long epoch = local.atZone(id).toEpochSecond() - PG_EPOCH_SECONDS;
            return checkTimestamp(epoch * USECS_PER_SEC + micros);
        } catch (DateTimeException | ArithmeticException e) {
            throw EvalError.outOfRange("timestamp");
        }
    }

    private static ZoneId zone(String name) {
        String lower = Lexer.asciiLower(name);
        if (lower.equals("utc") || lower.equals("gmt") || lower.equals("z") || lower.equals("zulu")) {
            return ZoneOffset.UTC;
        }
        if (name.indexOf('/') > 0) {
            try {
                return ZoneId.of(name);
            } catch (DateTimeException e) {
                // fall through
            }
        }
        throw new EvalError("time zone \"" + name + "\" not recognized");
    }

    static long daysBetween(long a, long b) {
        return ChronoUnit.DAYS.between(LocalDate.ofEpochDay(b), LocalDate.ofEpochDay(a));
    }
}
