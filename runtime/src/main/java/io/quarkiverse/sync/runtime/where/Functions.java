package io.quarkiverse.sync.runtime.where;

import static io.quarkiverse.sync.runtime.where.PgType.BOOL;
import static io.quarkiverse.sync.runtime.where.PgType.DATE;
import static io.quarkiverse.sync.runtime.where.PgType.FLOAT4;
import static io.quarkiverse.sync.runtime.where.PgType.FLOAT8;
import static io.quarkiverse.sync.runtime.where.PgType.INT2;
import static io.quarkiverse.sync.runtime.where.PgType.INT4;
import static io.quarkiverse.sync.runtime.where.PgType.INT8;
import static io.quarkiverse.sync.runtime.where.PgType.INTERVAL;
import static io.quarkiverse.sync.runtime.where.PgType.NUMERIC;
import static io.quarkiverse.sync.runtime.where.PgType.TEXT;
import static io.quarkiverse.sync.runtime.where.PgType.TIME;
import static io.quarkiverse.sync.runtime.where.PgType.TIMESTAMP;
import static io.quarkiverse.sync.runtime.where.PgType.TIMESTAMPTZ;
import static io.quarkiverse.sync.runtime.where.PgType.UUID;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators and functions of §7.3/§7.4 as Postgres declares them (name, argument types, result type), each with
 * its implementation. Polymorphic entries ({@code anyarray}, {@code anycompatible}) are instantiated per call by the
 * type checker.
 */
final class Functions {

    /**
     * An implementation; unary ones ignore {@code b}. Arguments are never null (callers handle strictness). Generated
     * evaluators call it through its public supertype.
     */
    @FunctionalInterface
    public interface Fn extends CompiledWhereSupport.Function {
        @Override
        Object apply(Object a, Object b);
    }

    /** Makes the implementation once the polymorphic argument types are known. */
    @FunctionalInterface
    interface FnMaker {
        Fn make(PgType[] args);
    }

    record Sig(String name, PgType[] args, PgType result, FnMaker maker) {
        boolean polymorphic() {
            for (PgType t : args) {
                if (isPolymorphic(t)) {
                    return true;
                }
            }
            return isPolymorphic(result);
        }
    }

    static final PgType ANYARRAY = new PgType("anyarray", null, false);
    static final PgType ANYCOMPATIBLE = new PgType("anycompatible", null, false);
    static final PgType ANYCOMPATIBLEARRAY = new PgType("anycompatiblearray", null, false);
    static final PgType ANYNONARRAY = new PgType("anynonarray", null, false);
    static final PgType ANYENUM = new PgType("anyenum", null, false);

    static boolean isPolymorphic(PgType t) {
        return t == ANYARRAY || t == ANYCOMPATIBLE || t == ANYCOMPATIBLEARRAY || t == ANYNONARRAY || t == ANYENUM;
    }

    /** Functions and operators Postgres declares non-strict: they see NULL arguments. */
    static boolean nonStrict(String name, PgType result) {
        return name.startsWith("array_") && !name.equals("array_ndims") || name.equals("||") && result.isArray();
    }

    private static final PgType[] NUMERIC_TYPES = { INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC };
    private static final PgType[] ORDERED = { BOOL, INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, TEXT, PgType.NAME,
            UUID, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL };

    private static final Map<String, List<Sig>> BINARY = new HashMap<>();
    private static final Map<String, List<Sig>> PREFIX = new HashMap<>();
    private static final Map<String, List<Sig>> FUNCTIONS = new HashMap<>();

    private Functions() {
    }

    static List<Sig> binary(String op) {
        return BINARY.getOrDefault(op, List.of());
    }

    static List<Sig> prefix(String op) {
        return PREFIX.getOrDefault(op, List.of());
    }

    static List<Sig> function(String name) {
        return FUNCTIONS.getOrDefault(name, List.of());
    }

    private static void bin(String op, PgType l, PgType r, PgType res, Fn fn) {
        BINARY.computeIfAbsent(op, k -> new ArrayList<>()).add(new Sig(op, new PgType[] { l, r }, res, a -> fn));
    }

    private static void binPoly(String op, PgType l, PgType r, PgType res, FnMaker maker) {
        BINARY.computeIfAbsent(op, k -> new ArrayList<>()).add(new Sig(op, new PgType[] { l, r }, res, maker));
    }

    private static void pre(String op, PgType t, PgType res, Fn fn) {
        PREFIX.computeIfAbsent(op, k -> new ArrayList<>()).add(new Sig(op, new PgType[] { t }, res, a -> fn));
    }

    private static void fn(String name, PgType[] args, PgType res, FnMaker maker) {
        FUNCTIONS.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sig(name, args, res, maker));
    }

    static {
        comparisons();
        arithmetic();
        textAndArrays();
        dateTime();
        functions();
    }

    private static void comparisons() {
        for (PgType t : ORDERED) {
            Comparator<Object> c = TypeIO.order(t);
            bin("=", t, t, BOOL, (a, b) -> c.compare(a, b) == 0);
            bin("<>", t, t, BOOL, (a, b) -> c.compare(a, b) != 0);
            bin("<", t, t, BOOL, (a, b) -> c.compare(a, b) < 0);
            bin(">", t, t, BOOL, (a, b) -> c.compare(a, b) > 0);
            bin("<=", t, t, BOOL, (a, b) -> c.compare(a, b) <= 0);
            bin(">=", t, t, BOOL, (a, b) -> c.compare(a, b) >= 0);
        }
        binPoly("=", ANYARRAY, ANYARRAY, BOOL, types -> (a, b) -> TypeIO.equal(types[0], a, b));
        binPoly("<>", ANYARRAY, ANYARRAY, BOOL, types -> (a, b) -> !TypeIO.equal(types[0], a, b));
        binPoly("=", ANYENUM, ANYENUM, BOOL, types -> (a, b) -> a.equals(b));
        binPoly("<>", ANYENUM, ANYENUM, BOOL, types -> (a, b) -> !a.equals(b));
        // Cross-type operators whose result differs from coercing one side: float4 against float8 compares in
        // float8 (float48*), and a date beyond the timestamp range still compares (date_cmp_timestamp).
        Comparator<Object> f = TypeIO.order(FLOAT8);
        for (PgType[] p : new PgType[][] { { FLOAT4, FLOAT8 }, { FLOAT8, FLOAT4 } }) {
            bin("=", p[0], p[1], BOOL, (a, b) -> f.compare(a, b) == 0);
            bin("<>", p[0], p[1], BOOL, (a, b) -> f.compare(a, b) != 0);
            bin("<", p[0], p[1], BOOL, (a, b) -> f.compare(a, b) < 0);
            bin(">", p[0], p[1], BOOL, (a, b) -> f.compare(a, b) > 0);
            bin("<=", p[0], p[1], BOOL, (a, b) -> f.compare(a, b) <= 0);
            bin(">=", p[0], p[1], BOOL, (a, b) -> f.compare(a, b) >= 0);
            bin("+", p[0], p[1], FLOAT8, (a, b) -> Arith.fadd((Double) a, (Double) b, false));
            bin("-", p[0], p[1], FLOAT8, (a, b) -> Arith.fadd((Double) a, -(Double) b, false));
            bin("*", p[0], p[1], FLOAT8, (a, b) -> Arith.fmul((Double) a, (Double) b, false));
            bin("/", p[0], p[1], FLOAT8, (a, b) -> Arith.fdiv((Double) a, (Double) b, false));
        }
        for (PgType ts : new PgType[] { TIMESTAMP, TIMESTAMPTZ }) {
            dateTsComparisons(DATE, ts, (a, b) -> Arith.compareDateTs((Long) a, (Long) b));
            dateTsComparisons(ts, DATE, (a, b) -> -Arith.compareDateTs((Long) b, (Long) a));
        }
        Comparator<Object> plain = TypeIO.order(TIMESTAMP);
        dateTsComparisons(TIMESTAMP, TIMESTAMPTZ, plain);
        dateTsComparisons(TIMESTAMPTZ, TIMESTAMP, plain);
    }

    private static void dateTsComparisons(PgType l, PgType r, Comparator<Object> c) {
        bin("=", l, r, BOOL, (a, b) -> c.compare(a, b) == 0);
        bin("<>", l, r, BOOL, (a, b) -> c.compare(a, b) != 0);
        bin("<", l, r, BOOL, (a, b) -> c.compare(a, b) < 0);
        bin(">", l, r, BOOL, (a, b) -> c.compare(a, b) > 0);
        bin("<=", l, r, BOOL, (a, b) -> c.compare(a, b) <= 0);
        bin(">=", l, r, BOOL, (a, b) -> c.compare(a, b) >= 0);
    }

    private static void arithmetic() {
        for (PgType t : new PgType[] { INT2, INT4, INT8 }) {
            String n = t.name();
            bin("+", t, t, t, (a, b) -> Arith.intResult(Arith.add((Long) a, (Long) b, n), n));
            bin("-", t, t, t, (a, b) -> Arith.intResult(Arith.sub((Long) a, (Long) b, n), n));
            bin("*", t, t, t, (a, b) -> Arith.intResult(Arith.mul((Long) a, (Long) b, n), n));
            bin("/", t, t, t, (a, b) -> Arith.intResult(Arith.div((Long) a, (Long) b, n), n));
            bin("%", t, t, t, (a, b) -> Arith.mod((Long) a, (Long) b));
            bin("&", t, t, t, (a, b) -> (Long) a & (Long) b);
            bin("|", t, t, t, (a, b) -> (Long) a | (Long) b);
            bin("#", t, t, t, (a, b) -> (Long) a ^ (Long) b);
            bin("<<", t, INT4, t, (a, b) -> Arith.shift((Long) a, (Long) b, n, true));
            bin(">>", t, INT4, t, (a, b) -> Arith.shift((Long) a, (Long) b, n, false));
            pre("-", t, t, (a, b) -> Arith.intResult(Arith.sub(0, (Long) a, n), n));
            pre("+", t, t, (a, b) -> a);
            pre("@", t, t, (a, b) -> Arith.intResult(Math.abs((Long) a) < 0 ? Arith.overflow(n) : Math.abs((Long) a), n));
            pre("~", t, t, (a, b) -> Arith.intResult(~(Long) a, n));
        }
        for (PgType t : new PgType[] { FLOAT4, FLOAT8 }) {
            boolean f4 = t == FLOAT4;
            bin("+", t, t, t, (a, b) -> Arith.fadd((Double) a, (Double) b, f4));
            bin("-", t, t, t, (a, b) -> Arith.fadd((Double) a, -(Double) b, f4));
            bin("*", t, t, t, (a, b) -> Arith.fmul((Double) a, (Double) b, f4));
            bin("/", t, t, t, (a, b) -> Arith.fdiv((Double) a, (Double) b, f4));
            pre("-", t, t, (a, b) -> -(Double) a);
            pre("+", t, t, (a, b) -> a);
            pre("@", t, t, (a, b) -> Math.abs((Double) a));
        }
        bin("^", FLOAT8, FLOAT8, FLOAT8, (a, b) -> Arith.pow((Double) a, (Double) b));
        pre("|/", FLOAT8, FLOAT8, (a, b) -> Arith.sqrt((Double) a));
        pre("||/", FLOAT8, FLOAT8, (a, b) -> Math.cbrt((Double) a));
        bin("+", NUMERIC, NUMERIC, NUMERIC, (a, b) -> Arith.nadd((java.math.BigDecimal) a, (java.math.BigDecimal) b));
        bin("-", NUMERIC, NUMERIC, NUMERIC,
                (a, b) -> Arith.nadd((java.math.BigDecimal) a, ((java.math.BigDecimal) b).negate()));
        bin("*", NUMERIC, NUMERIC, NUMERIC, (a, b) -> Arith.nmul((java.math.BigDecimal) a, (java.math.BigDecimal) b));
        bin("/", NUMERIC, NUMERIC, NUMERIC, (a, b) -> Arith.ndiv((java.math.BigDecimal) a, (java.math.BigDecimal) b));
        bin("%", NUMERIC, NUMERIC, NUMERIC, (a, b) -> Arith.nmod((java.math.BigDecimal) a, (java.math.BigDecimal) b));
        pre("-", NUMERIC, NUMERIC, (a, b) -> ((java.math.BigDecimal) a).negate());
        pre("+", NUMERIC, NUMERIC, (a, b) -> a);
        pre("@", NUMERIC, NUMERIC, (a, b) -> ((java.math.BigDecimal) a).abs());
    }

    private static void textAndArrays() {
        bin("||", TEXT, TEXT, TEXT, (a, b) -> (String) a + b);
        binPoly("||", TEXT, ANYNONARRAY, TEXT, types -> {
            java.util.function.Function<Object, String> out = TypeIO.output(types[1]);
            return (a, b) -> (String) a + out.apply(b);
        });
        binPoly("||", ANYNONARRAY, TEXT, TEXT, types -> {
            java.util.function.Function<Object, String> out = TypeIO.output(types[0]);
            return (a, b) -> out.apply(a) + b;
        });
        bin("~~", TEXT, TEXT, BOOL, (a, b) -> new Like((String) b, false).matches((String) a));
        bin("!~~", TEXT, TEXT, BOOL, (a, b) -> !new Like((String) b, false).matches((String) a));
        bin("~~*", TEXT, TEXT, BOOL, (a, b) -> new Like((String) b, true).matches((String) a));
        bin("!~~*", TEXT, TEXT, BOOL, (a, b) -> !new Like((String) b, true).matches((String) a));
        binPoly("@>", ANYARRAY, ANYARRAY, BOOL, t -> (a, b) -> Arrays.contains(t[0].element(), (PgArray) a, (PgArray) b));
        binPoly("<@", ANYARRAY, ANYARRAY, BOOL, t -> (a, b) -> Arrays.contains(t[0].element(), (PgArray) b, (PgArray) a));
        binPoly("&&", ANYARRAY, ANYARRAY, BOOL, t -> (a, b) -> Arrays.overlap(t[0].element(), (PgArray) a, (PgArray) b));
        binPoly("||", ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY,
                t -> (a, b) -> Arrays.cat((PgArray) a, (PgArray) b));
        binPoly("||", ANYCOMPATIBLE, ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY,
                t -> (a, b) -> Arrays.prepend(a, (PgArray) b));
        binPoly("||", ANYCOMPATIBLEARRAY, ANYCOMPATIBLE, ANYCOMPATIBLEARRAY,
                t -> (a, b) -> Arrays.append((PgArray) a, b));
    }

    private static void dateTime() {
        bin("+", DATE, INT4, DATE, (a, b) -> Arith.datePlus((Long) a, (Long) b));
        bin("+", INT4, DATE, DATE, (a, b) -> Arith.datePlus((Long) b, (Long) a));
        bin("-", DATE, INT4, DATE, (a, b) -> Arith.datePlus((Long) a, -(Long) b));
        bin("-", DATE, DATE, INT4, (a, b) -> Arith.dateMinus((Long) a, (Long) b));
        bin("+", DATE, TIME, TIMESTAMP, (a, b) -> Arith.dateTime((Long) a, (Long) b));
        bin("+", TIME, DATE, TIMESTAMP, (a, b) -> Arith.dateTime((Long) b, (Long) a));
        for (PgType ts : new PgType[] { TIMESTAMP, TIMESTAMPTZ }) {
            bin("+", ts, INTERVAL, ts, (a, b) -> DateTimes.addInterval((Long) a, (Interval) b));
            bin("+", INTERVAL, ts, ts, (a, b) -> DateTimes.addInterval((Long) b, (Interval) a));
            bin("-", ts, INTERVAL, ts, (a, b) -> DateTimes.addInterval((Long) a, DateTimes.negate((Interval) b)));
            bin("-", ts, ts, INTERVAL, (a, b) -> DateTimes.subtract((Long) a, (Long) b));
        }
        bin("+", DATE, INTERVAL, TIMESTAMP, (a, b) -> DateTimes.addInterval(Arith.dateToTs((Long) a), (Interval) b));
        bin("+", INTERVAL, DATE, TIMESTAMP, (a, b) -> DateTimes.addInterval(Arith.dateToTs((Long) b), (Interval) a));
        bin("-", DATE, INTERVAL, TIMESTAMP,
                (a, b) -> DateTimes.addInterval(Arith.dateToTs((Long) a), DateTimes.negate((Interval) b)));
        bin("+", TIME, INTERVAL, TIME, (a, b) -> Arith.timePlus((Long) a, ((Interval) b).micros()));
        bin("+", INTERVAL, TIME, TIME, (a, b) -> Arith.timePlus((Long) b, ((Interval) a).micros()));
        bin("-", TIME, INTERVAL, TIME, (a, b) -> Arith.timePlus((Long) a, -((Interval) b).micros()));
        bin("-", TIME, TIME, INTERVAL, (a, b) -> new Interval(0, 0, (Long) a - (Long) b));
        bin("+", INTERVAL, INTERVAL, INTERVAL, (a, b) -> DateTimes.add((Interval) a, (Interval) b));
        bin("-", INTERVAL, INTERVAL, INTERVAL, (a, b) -> DateTimes.add((Interval) a, DateTimes.negate((Interval) b)));
        bin("*", INTERVAL, FLOAT8, INTERVAL, (a, b) -> DateTimes.multiply((Interval) a, (Double) b));
        bin("*", FLOAT8, INTERVAL, INTERVAL, (a, b) -> DateTimes.multiply((Interval) b, (Double) a));
        bin("/", INTERVAL, FLOAT8, INTERVAL, (a, b) -> Arith.intervalDiv((Interval) a, (Double) b));
        pre("-", INTERVAL, INTERVAL, (a, b) -> DateTimes.negate((Interval) a));
        pre("+", INTERVAL, INTERVAL, (a, b) -> a);
    }

    private static void functions() {
        fn("lower", new PgType[] { TEXT }, TEXT, t -> (a, b) -> Arith.asciiCase((String) a, false));
        fn("upper", new PgType[] { TEXT }, TEXT, t -> (a, b) -> Arith.asciiCase((String) a, true));
        fn("like", new PgType[] { TEXT, TEXT }, BOOL, t -> (a, b) -> new Like((String) b, false).matches((String) a));
        fn("notlike", new PgType[] { TEXT, TEXT }, BOOL,
                t -> (a, b) -> !new Like((String) b, false).matches((String) a));
        fn("array_cat", new PgType[] { ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY }, ANYCOMPATIBLEARRAY,
                t -> (a, b) -> Arrays.cat((PgArray) a, (PgArray) b));
        fn("array_prepend", new PgType[] { ANYCOMPATIBLE, ANYCOMPATIBLEARRAY }, ANYCOMPATIBLEARRAY,
                t -> (a, b) -> Arrays.prepend(a, (PgArray) b));
        fn("array_append", new PgType[] { ANYCOMPATIBLEARRAY, ANYCOMPATIBLE }, ANYCOMPATIBLEARRAY,
                t -> (a, b) -> Arrays.append((PgArray) a, b));
        fn("array_ndims", new PgType[] { ANYARRAY }, INT4,
                t -> (a, b) -> ((PgArray) a).ndims() == 0 ? null : (Object) (long) ((PgArray) a).ndims());
        fn("timezone", new PgType[] { TEXT, TIMESTAMP }, TIMESTAMPTZ,
                t -> (a, b) -> DateTimes.atZone((String) a, (Long) b, false));
        fn("timezone", new PgType[] { TEXT, TIMESTAMPTZ }, TIMESTAMP,
                t -> (a, b) -> DateTimes.atZone((String) a, (Long) b, true));
        fn("justify_days", new PgType[] { INTERVAL }, INTERVAL, t -> (a, b) -> DateTimes.justifyDays((Interval) a));
        fn("justify_hours", new PgType[] { INTERVAL }, INTERVAL, t -> (a, b) -> DateTimes.justifyHours((Interval) a));
        fn("justify_interval", new PgType[] { INTERVAL }, INTERVAL,
                t -> (a, b) -> DateTimes.justifyInterval((Interval) a));
        for (PgType t : NUMERIC_TYPES) {
            fn("abs", new PgType[] { t }, t, x -> prefix("@").stream().filter(s -> s.args()[0] == t).findFirst()
                    .orElseThrow().maker().make(x));
        }
    }
}
