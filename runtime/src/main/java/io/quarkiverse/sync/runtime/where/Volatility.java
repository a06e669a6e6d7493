package io.quarkiverse.sync.runtime.where;

import java.util.Set;

/**
 * Which calls Postgres marks STABLE rather than IMMUTABLE (they read TimeZone or DateStyle): their constant calls
 * are not folded at plan time, so an error in them is raised per row instead of rejecting the query. The
 * interpreter folds exactly what Postgres folds, so both reject (or accept) the same clauses.
 */
final class Volatility {

    private static final Set<String> DATETIME = Set.of("date", "time", "timestamp", "timestamptz", "interval");
    private static final Set<String> STRINGS = Set.of("text", "varchar", "name", "bpchar", "unknown");

    private Volatility() {
    }

    static boolean isStable(Expr e) {
        if (e instanceof Expr.Variadic v) {
            return v.name().equals("concat");
        }
        if (!(e instanceof Expr.Call c)) {
            return false;
        }
        switch (c.syntax()) {
            case CAST: {
                PgType from = c.args().get(0).type();
                PgType to = c.type();
                if (STRINGS.contains(from.name()) || STRINGS.contains(to.name())) {
                    // Text I/O of date/time types and of arrays (array_in/array_out) depends on the settings;
                    // time_out alone is immutable.
                    boolean output = STRINGS.contains(to.name());
                    PgType other = output ? from : to;
                    if (output && other.name().equals("time")) {
                        return false;
                    }
                    return other.isArray() || DATETIME.contains(other.name());
                }
                boolean tzFrom = from.name().equals("timestamptz");
                boolean tzTo = to.name().equals("timestamptz");
                return tzFrom != tzTo && (DATETIME.contains(from.name()) && DATETIME.contains(to.name()));
            }
            case INFIX: {
                PgType l = c.args().get(0).type();
                PgType r = c.args().get(1).type();
                String op = c.name();
                if ((op.equals("+") || op.equals("-")) && (l.name().equals("timestamptz") && r.name().equals("interval")
                        || l.name().equals("interval") && r.name().equals("timestamptz"))) {
                    return true;
                }
                if (op.equals("||") && !l.isArray() && !r.isArray() && c.type().name().equals("text")) {
                    // textanycat/anytextcat are SQL functions ($1 || $2::text) that the planner inlines: only
                    // the other side's output function decides, stable for dates, timestamps and intervals.
                    PgType other = l.name().equals("text") ? r : l;
                    return !other.name().equals("time") && DATETIME.contains(other.name());
                }
                boolean tzL = l.name().equals("timestamptz");
                boolean tzR = r.name().equals("timestamptz");
                return tzL != tzR && Set.of("date", "timestamp", "timestamptz").contains(l.name())
                        && Set.of("date", "timestamp", "timestamptz").contains(r.name())
                        && Set.of("=", "<>", "<", ">", "<=", ">=").contains(op);
            }
            default:
                return false;
        }
    }
}
