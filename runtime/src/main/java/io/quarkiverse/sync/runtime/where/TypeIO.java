package io.quarkiverse.sync.runtime.where;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.function.Function;

/** Per type: the input function (text to value), the output function (value to text) and the sort order. */
final class TypeIO {

    private TypeIO() {
    }

    /** Whether the evaluator has an input function for the type (bytea and jsonb are carried as text). */
    static boolean hasInput(PgType t) {
        return t.isArray() ? hasInput(t.element()) : t.isEnum() || input0(t) != null;
    }

    static Function<String, Object> input(PgType t) {
        if (t.isArray()) {
            Function<String, Object> el = input(t.element());
            String name = t.name();
            return s -> PgArray.parse(s, el, name);
        }
        if (t.isEnum()) {
            return s -> s;
        }
        Function<String, Object> f = input0(t);
        if (f == null) {
            String name = t.name();
            return s -> {
                throw new EvalError("type " + name + " has no input function in the where-clause evaluator");
            };
        }
        return f;
    }

    private static Function<String, Object> input0(PgType t) {
        switch (t.name()) {
            case "bool": return Values::parseBool;
            case "int2": return s -> Values.parseInt(s, "int2", Short.MIN_VALUE, Short.MAX_VALUE);
            case "int4": return s -> Values.parseInt(s, "int4", Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "int8": return s -> Values.parseInt(s, "int8", Long.MIN_VALUE, Long.MAX_VALUE);
            case "float4": return s -> Values.parseFloat(s, true);
            case "float8": return s -> Values.parseFloat(s, false);
            case "numeric": return Values::parseNumeric;
            case "text": case "varchar": case "name": case "bytea": case "jsonb": case "unknown":
                return s -> s;
            case "uuid": return Values::parseUuid;
            case "date": return DateTimes::parseDate;
            case "time": return DateTimes::parseTime;
            case "timestamp": return s -> DateTimes.parseTimestamp(s, false);
            case "timestamptz": return s -> DateTimes.parseTimestamp(s, true);
            case "interval": return IntervalText::parse;
            default: return null;
        }
    }

    static Function<Object, String> output(PgType t) {
        if (t.isArray()) {
            Function<Object, String> el = output(t.element());
            return v -> ((PgArray) v).format(el);
        }
        switch (t.name()) {
            case "bool": return v -> ((Boolean) v) ? "t" : "f";
            case "float4": return v -> Values.formatFloat((Double) v, true);
            case "float8": return v -> Values.formatFloat((Double) v, false);
            case "numeric": return v -> ((BigDecimal) v).toPlainString();
            case "date": return v -> DateTimes.formatDate((Long) v);
            case "time": return v -> DateTimes.formatTime((Long) v);
            case "timestamp": return v -> DateTimes.formatTimestamp((Long) v, false);
            case "timestamptz": return v -> DateTimes.formatTimestamp((Long) v, true);
            case "interval": return v -> IntervalText.format((Interval) v);
            default: return Object::toString;
        }
    }

    /** The type's btree order, or null when it has none the evaluator supports. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Comparator<Object> order(PgType t) {
        if (t.isArray() || t.isEnum()) {
            return null;
        }
        switch (t.name()) {
            case "bool": case "int2": case "int4": case "int8": case "numeric": case "date": case "time":
            case "timestamp": case "timestamptz": case "uuid":
                return (a, b) -> ((Comparable) a).compareTo(b);
            case "float4": case "float8":
                return (a, b) -> Values.compareFloat((Double) a, (Double) b);
            case "text": case "varchar": case "name":
                return (a, b) -> Values.compareText((String) a, (String) b);
            case "interval":
                return (a, b) -> Interval.compare((Interval) a, (Interval) b);
            default:
                return null;
        }
    }

    /** Equality for {@code =} on types without an order (enums, arrays) and for array elements. */
    static boolean equal(PgType t, Object a, Object b) {
        Comparator<Object> order = order(t);
        if (order != null) {
            return order.compare(a, b) == 0;
        }
        if (t.isArray()) {
            PgArray x = (PgArray) a;
            PgArray y = (PgArray) b;
            if (!java.util.Arrays.equals(x.dims(), y.dims()) || !java.util.Arrays.equals(x.lbounds(), y.lbounds())) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                Object e1 = x.elements()[i];
                Object e2 = y.elements()[i];
                if (e1 == null || e2 == null) {
                    if (e1 != e2) {
                        return false;
                    }
                } else if (!equal(t.element(), e1, e2)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
