package io.quarkiverse.sync.runtime.where;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;
import java.util.function.Function;

/** Postgres' casts between the supported types: which exist, which are implicit, and the conversions. */
final class Casts {

    private Casts() {
    }

    private static final Set<String> INTS = Set.of("int2", "int4", "int8");
    private static final Set<String> STRINGS = Set.of("text", "varchar", "name", "bpchar");

    /** pg_cast entries with castcontext 'i' among the supported types (arrays coerce element-wise). */
    static boolean implicit(PgType from, PgType to) {
        if (from.equals(to)) {
            return true;
        }
        if (from.isArray() || to.isArray()) {
            return from.isArray() && to.isArray() && implicit(from.element(), to.element());
        }
        String f = from.name();
        String t = to.name();
        switch (f) {
            case "int2": return Set.of("int4", "int8", "float4", "float8", "numeric").contains(t);
            case "int4": return Set.of("int8", "float4", "float8", "numeric").contains(t);
            case "int8": return Set.of("float4", "float8", "numeric").contains(t);
            case "float4": return t.equals("float8");
            case "numeric": return t.equals("float4") || t.equals("float8");
            case "text": return t.equals("varchar") || t.equals("name") || t.equals("bpchar");
            case "varchar": case "bpchar": return t.equals("text") || t.equals("name");
            case "name": return t.equals("text");
            case "date": return t.equals("timestamp") || t.equals("timestamptz");
            case "timestamp": return t.equals("timestamptz");
            case "time": return t.equals("interval");
            default: return false;
        }
    }

    /** The conversion for {@code value::to}, or null when Postgres has no such cast. */
    static Function<Object, Object> conversion(PgType from, PgType to) {
        if (from.equals(to)) {
            return v -> v;
        }
        if (from.isArray() && to.isArray()) {
            Function<Object, Object> el = conversion(from.element(), to.element());
            if (el == null) {
                return null;
            }
            return v -> {
                PgArray a = (PgArray) v;
                Object[] out = new Object[a.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = a.elements()[i] == null ? null : el.apply(a.elements()[i]);
                }
                return new PgArray(out, a.dims(), a.lbounds());
            };
        }
        String f = from.name();
        String t = to.name();
        if (STRINGS.contains(t) && !to.isArray()) {
            if (STRINGS.contains(f) && !from.isArray()) {
                return v -> v;
            }
            if (f.equals("bool")) {
                return v -> ((Boolean) v) ? "true" : "false";
            }
            Function<Object, String> out = TypeIO.output(from);
            return out::apply;
        }
        if (STRINGS.contains(f) && !from.isArray()) {
            if (!TypeIO.hasInput(to) || to.isEnum()) {
                return null;
            }
            Function<String, Object> in = TypeIO.input(to);
            return v -> in.apply((String) v);
        }
        if (from.isArray() || to.isArray()) {
            return null;
        }
        if (INTS.contains(f)) {
            switch (t) {
                case "int2": return v -> checkInt((Long) v, "int2");
                case "int4": return v -> checkInt((Long) v, "int4");
                case "int8": return v -> v;
                case "float4": return v -> (double) (float) (long) (Long) v;
                case "float8": return v -> (double) (Long) v;
                case "numeric": return v -> BigDecimal.valueOf((Long) v);
                case "bool": return f.equals("int4") ? v -> (Long) v != 0 : null;
                default: return null;
            }
        }
        if (f.equals("float4") || f.equals("float8")) {
            boolean f4 = f.equals("float4");
            switch (t) {
                case "int2": case "int4": case "int8": return v -> floatToInt((Double) v, t);
                case "float4": return v -> toFloat4((Double) v);
                case "float8": return v -> v;
                case "numeric": return v -> floatToNumeric((Double) v, f4);
                default: return null;
            }
        }
        if (f.equals("numeric")) {
            switch (t) {
                case "int2": case "int4": case "int8":
                    return v -> numericToInt((BigDecimal) v, t);
                case "float4": return v -> toFloat4(Double.parseDouble(v.toString()));
                case "float8": return v -> Double.parseDouble(v.toString());
                default: return null;
            }
        }
        if (f.equals("bool") && t.equals("int4")) {
            return v -> ((Boolean) v) ? 1L : 0L;
        }
        switch (f + "->" + t) {
            case "date->timestamp":
            case "date->timestamptz":
                return v -> dateToTimestamp((Long) v);
            case "timestamp->timestamptz":
            case "timestamptz->timestamp":
                return v -> v;
            case "timestamp->date":
            case "timestamptz->date":
                return v -> {
                    long ts = (Long) v;
                    return DateTimes.isFinite(ts) ? DateTimes.dayOf(ts)
                            : ts == DateTimes.TS_POS_INF ? DateTimes.DATE_POS_INF : DateTimes.DATE_NEG_INF;
                };
            case "timestamp->time":
            case "timestamptz->time":
                return v -> DateTimes.isFinite((Long) v) ? Math.floorMod((Long) v, DateTimes.USECS_PER_DAY) : null;
            case "time->interval":
                return v -> new Interval(0, 0, (Long) v);
            case "interval->time":
                return v -> Math.floorMod(((Interval) v).micros(), DateTimes.USECS_PER_DAY);
            default:
                return null;
        }
    }

    static long checkInt(long v, String type) {
        if (type.equals("int2") ? v != (short) v : type.equals("int4") && v != (int) v) {
            throw EvalError.outOfRange(Values.typeWord(type));
        }
        return v;
    }

    private static Object floatToInt(double d, String type) {
        double r = Math.rint(d);
        if (Double.isNaN(r) || r < -9.223372036854775808E18 || r >= 9.223372036854775808E18) {
            throw EvalError.outOfRange(Values.typeWord(type));
        }
        return checkInt((long) r, type);
    }

    private static Object numericToInt(BigDecimal d, String type) {
        BigDecimal r = d.setScale(0, RoundingMode.HALF_UP);
        if (r.toBigInteger().bitLength() > 63) {
            throw EvalError.outOfRange(Values.typeWord(type));
        }
        return checkInt(r.longValue(), type);
    }

    static double toFloat4(double d) {
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw new EvalError("value out of range: overflow");
        }
        if (f == 0 && d != 0) {
            throw new EvalError("value out of range: underflow");
        }
        return f;
    }

    /** float8_numeric prints the float with DBL_DIG (float4: FLT_DIG) significant digits first. */
    private static BigDecimal floatToNumeric(double d, boolean float4) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new EvalError("numeric NaN and Infinity are not supported by the where-clause evaluator");
        }
        BigDecimal b = new BigDecimal(d).round(new java.math.MathContext(float4 ? 6 : 15, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    private static Object dateToTimestamp(long day) {
        if (day == DateTimes.DATE_POS_INF) {
            return DateTimes.TS_POS_INF;
        }
        if (day == DateTimes.DATE_NEG_INF) {
            return DateTimes.TS_NEG_INF;
        }
        try {
            return DateTimes.checkTimestamp(Math.multiplyExact(day - DateTimes.PG_EPOCH_DAY, DateTimes.USECS_PER_DAY));
        } catch (ArithmeticException | EvalError e) {
            throw new EvalError("date out of range for timestamp");
        }
    }
}
