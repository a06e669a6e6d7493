package io.quarkiverse.sync.runtime.where;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Interval input (Postgres' verbose {@code 1 day 02:00:00}, {@code @ 1 hour ago}, and ISO 8601 {@code P1DT2H}) and
 * output in IntervalStyle iso_8601, the style the replication session uses.
 */
final class IntervalText {

    private IntervalText() {
    }

    static String format(Interval iv) {
        int year = iv.months() / 12;
        int mon = iv.months() % 12;
        long time = iv.micros();
        long hour = time / DateTimes.USECS_PER_HOUR;
        time -= hour * DateTimes.USECS_PER_HOUR;
        long min = time / DateTimes.USECS_PER_MINUTE;
        time -= min * DateTimes.USECS_PER_MINUTE;
        long sec = time / DateTimes.USECS_PER_SEC;
        long fsec = time - sec * DateTimes.USECS_PER_SEC;
        if (year == 0 && mon == 0 && iv.days() == 0 && hour == 0 && min == 0 && sec == 0 && fsec == 0) {
            return "PT0S";
        }
        StringBuilder sb = new StringBuilder("P");
        if (year != 0) {
            sb.append(year).append('Y');
        }
        if (mon != 0) {
            sb.append(mon).append('M');
        }
        if (iv.days() != 0) {
            sb.append(iv.days()).append('D');
        }
        if (hour != 0 || min != 0 || sec != 0 || fsec != 0) {
            sb.append('T');
            if (hour != 0) {
                sb.append(hour).append('H');
            }
            if (min != 0) {
                sb.append(min).append('M');
            }
            if (sec != 0 || fsec != 0) {
                if (sec < 0 || fsec < 0) {
                    sb.append('-');
                }
                sb.append(Math.abs(sec));
                if (fsec != 0) {
                    String f = Long.toString(Math.abs(fsec) + 1_000_000).substring(1);
                    int end = f.length();
                    while (f.charAt(end - 1) == '0') {
                        end--;
                    }
                    sb.append('.').append(f, 0, end);
                }
                sb.append('S');
            }
        }
        return sb.toString();
    }

    /** Accumulates fields while parsing; fractions cascade to smaller units as in Postgres' DecodeInterval. */
    private static final class Acc {
        long months;
        long days;
        BigDecimal micros = BigDecimal.ZERO;

        void add(BigDecimal value, String unit, String original) {
            switch (unit) {
                case "millennium": case "millennia": case "millenniums": case "mil": case "mils":
                    years(value.multiply(BigDecimal.valueOf(1000)));
                    break;
                case "century": case "centuries": case "c": case "cent":
                    years(value.multiply(BigDecimal.valueOf(100)));
                    break;
                case "decade": case "decades": case "dec": case "decs":
                    years(value.multiply(BigDecimal.TEN));
                    break;
                case "year": case "years": case "y": case "yr": case "yrs":
                    years(value);
                    break;
                case "month": case "months": case "mon": case "mons":
                    months(value);
                    break;
                case "week": case "weeks": case "w":
                    days(value.multiply(BigDecimal.valueOf(7)));
                    break;
                case "day": case "days": case "d":
                    days(value);
                    break;
                case "hour": case "hours": case "h": case "hr": case "hrs":
                    micros = micros.add(value.multiply(BigDecimal.valueOf(DateTimes.USECS_PER_HOUR)));
                    break;
                case "minute": case "minutes": case "m": case "min": case "mins":
                    micros = micros.add(value.multiply(BigDecimal.valueOf(DateTimes.USECS_PER_MINUTE)));
                    break;
                case "second": case "seconds": case "s": case "sec": case "secs":
                    micros = micros.add(value.multiply(BigDecimal.valueOf(DateTimes.USECS_PER_SEC)));
                    break;
                case "millisecond": case "milliseconds": case "ms": case "msec": case "msecs":
                    micros = micros.add(value.multiply(BigDecimal.valueOf(1000)));
                    break;
                case "microsecond": case "microseconds": case "us": case "usec": case "usecs":
                    micros = micros.add(value);
                    break;
                default:
                    throw EvalError.invalid("interval", original);
            }
        }

        void years(BigDecimal v) {
            BigDecimal whole = v.setScale(0, RoundingMode.DOWN);
            months += whole.longValueExact() * 12;
            // Postgres rounds a year's fraction to whole months.
            months += v.subtract(whole).multiply(BigDecimal.valueOf(12)).setScale(0, RoundingMode.HALF_EVEN)
                    .longValue();
        }

        void months(BigDecimal v) {
            BigDecimal whole = v.setScale(0, RoundingMode.DOWN);
            months += whole.longValueExact();
            days(v.subtract(whole).multiply(BigDecimal.valueOf(30)));
        }

        void days(BigDecimal v) {
            BigDecimal whole = v.setScale(0, RoundingMode.DOWN);
            days += whole.longValueExact();
            micros = micros.add(v.subtract(whole).multiply(BigDecimal.valueOf(DateTimes.USECS_PER_DAY)));
        }

        Interval result(boolean negate, String original) {
            BigDecimal us = micros.setScale(0, RoundingMode.HALF_EVEN);
            if (negate) {
                months = -months;
                days = -days;
                us = us.negate();
            }
            if (months > Integer.MAX_VALUE || months < Integer.MIN_VALUE || days > Integer.MAX_VALUE
                    || days < Integer.MIN_VALUE || us.toBigInteger().bitLength() > 63) {
                throw new EvalError("interval field value out of range: \"" + original + "\"");
            }
            return new Interval((int) months, (int) days, us.longValue());
        }
    }

    static Interval parse(String s) {
        String t = Lexer.asciiLower(Values.trim(s));
        if (t.isEmpty()) {
            throw EvalError.invalid("interval", s);
        }
        try {
            if (t.startsWith("p")) {
                return parseIso(t, s);
            }
            return parseVerbose(t, s);
        } catch (ArithmeticException | NumberFormatException e) {
            throw EvalError.invalid("interval", s);
        }
    }

    private static Interval parseIso(String t, String original) {
        Acc acc = new Acc();
        boolean timePart = false;
        int i = 1;
        if (i >= t.length()) {
            throw EvalError.invalid("interval", original);
        }
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == 't') {
                if (timePart) {
                    throw EvalError.invalid("interval", original);
                }
                timePart = true;
                i++;
                continue;
            }
            int start = i;
            if (c == '-' || c == '+') {
                i++;
            }
            while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
                i++;
            }
            if (i == start || i >= t.length()) {
                throw EvalError.invalid("interval", original);
            }
            BigDecimal v = new BigDecimal(t.substring(start, i));
            char unit = t.charAt(i++);
            String u;
            switch (unit) {
                case 'y': u = "year"; break;
                case 'm': u = timePart ? "minute" : "month"; break;
                case 'w': u = "week"; break;
                case 'd': u = "day"; break;
                case 'h': u = "hour"; break;
                case 's': u = "second"; break;
                default: throw EvalError.invalid("interval", original);
            }
            if (timePart != (unit == 'h' || unit == 's' || (unit == 'm' && timePart))) {
                throw EvalError.invalid("interval", original);
            }
            acc.add(v, u, original);
        }
        return acc.result(false, original);
    }

    private static Interval parseVerbose(String t, String original) {
        Acc acc = new Acc();
        String[] parts = t.replace("@", " @ ").trim().split("\\s+");
        boolean ago = false;
        boolean any = false;
        for (int k = 0; k < parts.length; k++) {
            String part = parts[k];
            if (part.equals("@")) {
                continue;
            }
            if (part.equals("ago")) {
                if (k != parts.length - 1) {
                    throw EvalError.invalid("interval", original);
                }
                ago = true;
                continue;
            }
            any = true;
            if (part.indexOf(':') > 0) {
                acc.micros = acc.micros.add(BigDecimal.valueOf(hms(part, original)));
                continue;
            }
            int split = 0;
            while (split < part.length() && (Character.isDigit(part.charAt(split)) || part.charAt(split) == '.'
                    || (split == 0 && (part.charAt(0) == '-' || part.charAt(0) == '+')))) {
                split++;
            }
            if (split == 0 || (split == 1 && !Character.isDigit(part.charAt(0)) && part.charAt(0) != '.')) {
                throw EvalError.invalid("interval", original);
            }
            BigDecimal v = new BigDecimal(part.substring(0, split));
            String unit = part.substring(split);
            if (unit.isEmpty()) {
                if (k + 1 < parts.length && !parts[k + 1].equals("ago") && parts[k + 1].indexOf(':') < 0
                        && !Character.isDigit(parts[k + 1].charAt(0)) && parts[k + 1].charAt(0) != '-'
                        && parts[k + 1].charAt(0) != '+') {
                    unit = parts[++k];
                } else {
                    unit = "second";
                }
            }
            acc.add(v, unit, original);
        }
        if (!any) {
            throw EvalError.invalid("interval", original);
        }
        return acc.result(ago, original);
    }

    /** [-]H:MM[:SS[.frac]] in microseconds. */
    private static long hms(String part, String original) {
        boolean neg = part.startsWith("-");
        String p = neg || part.startsWith("+") ? part.substring(1) : part;
        String[] f = p.split(":");
        if (f.length < 2 || f.length > 3) {
            throw EvalError.invalid("interval", original);
        }
        long h = Long.parseLong(f[0]);
        long m = Long.parseLong(f[1]);
        BigDecimal sec = f.length == 3 ? new BigDecimal(f[2]) : BigDecimal.ZERO;
        if (m > 59 || sec.compareTo(BigDecimal.valueOf(60)) >= 0 || f[1].length() != 2) {
            throw new EvalError("interval field value out of range: \"" + original + "\"");
        }
        long micros = Math.addExact(Math.multiplyExact(h, DateTimes.USECS_PER_HOUR), m * DateTimes.USECS_PER_MINUTE)
                + sec.movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return neg ? -micros : micros;
    }
}
