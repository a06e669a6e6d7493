package io.quarkiverse.sync.deployment.codegen;

import java.util.Map;

import io.quarkiverse.sync.runtime.where.CompiledLongs;
import io.quarkiverse.sync.runtime.where.Expr;
import io.quarkiverse.sync.runtime.where.PgType;
import io.quarkiverse.sync.runtime.where.WherePlan;
import io.quarkus.gizmo.AssignableResultHandle;
import io.quarkus.gizmo.BranchResult;
import io.quarkus.gizmo.BytecodeCreator;
import io.quarkus.gizmo.FieldDescriptor;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;

/**
 * The part of {@link WhereEvaluatorGenerator} that computes integers, dates, timestamps and timestamptz values as
 * primitive longs: comparisons between them, with columns, constants, {@code date ± int4}, {@code date - date},
 * integer {@code +}/{@code -} and casts between these types as operands. The values are the interpreter's own;
 * whatever the fast code cannot decide takes the general code (see {@link #comparison}).
 */
final class PrimitiveLongs {

    private final WhereEvaluatorGenerator g;

    PrimitiveLongs(WhereEvaluatorGenerator g) {
        this.g = g;
    }

    private static MethodDescriptor longs(String name, Class<?> result, Class<?>... params) {
        return MethodDescriptor.ofMethod(CompiledLongs.class, name, result, params);
    }

    /**
     * {@code a op b} where both sides are integers, dates, timestamps or timestamptz values the generated code can
     * compute as primitive longs ({@link #isLongValued}): columns, constants, {@code date ± integer},
     * {@code date - date}, integer {@code +}/{@code -} and casts between those types. The values are the interpreter's
     * own (integers, epoch days, microseconds since 2000), read from pgoutput's text by the interpreter's fast
     * parsers and compared as longs, as its comparators compare them. Whatever the fast code cannot decide (a text of
     * another form, infinity, an overflow or out-of-range result: the places where the interpreter's general code
     * parses, clamps or raises) takes the general code for the whole comparison, which evaluates everything again in
     * the interpreter's order; so the answer, NULLs and errors included, is the interpreter's. Null when the call is
     * not of that form.
     */
    ResultHandle comparison(BytecodeCreator bc, WherePlan.Node n, Expr.Call c) {
        if (c.syntax() != Expr.Syntax.INFIX || !WhereEvaluatorGenerator.COMPARISONS.contains(c.name()) || n.children().size() != 2
                || c.args().size() != 2) {
            return null;
        }
        String a = longKind(c.args().get(0).type());
        if (a == null || !a.equals(longKind(c.args().get(1).type())) || !isLongValued(n.child(0))
                || !isLongValued(n.child(1))) {
            return null;
        }
        AssignableResultHandle out = bc.createVariable(Object.class);
        AssignableResultHandle decided = bc.createVariable(boolean.class);
        bc.assign(decided, bc.load(false));
        bc.assign(out, bc.loadNull());
        BytecodeCreator fast = bc.createScope();
        // Both operands first, as the interpreter evaluates them before its NULL check.
        AssignableResultHandle[] x = emitLong(fast, n.child(0), fast);
        AssignableResultHandle[] y = emitLong(fast, n.child(1), fast);
        BytecodeCreator nullResult = fast.createScope();
        nullResult.ifFalse(x[1]).trueBranch().ifFalse(y[1]).trueBranch().breakScope(nullResult);
        nullResult.assign(decided, nullResult.load(true));
        nullResult.breakScope(fast);
        ResultHandle cmp = fast.compareLong(x[0], y[0]);
        BranchResult r;
        switch (c.name()) {
            case "=": r = fast.ifZero(cmp); break;
            case "<>": r = fast.ifNonZero(cmp); break;
            case "<": r = fast.ifLessThanZero(cmp); break;
            case ">": r = fast.ifGreaterThanZero(cmp); break;
            case "<=": r = fast.ifLessEqualZero(cmp); break;
            default: r = fast.ifGreaterEqualZero(cmp); break;
        }
        r.trueBranch().assign(out, r.trueBranch().readStaticField(WhereEvaluatorGenerator.TRUE));
        r.falseBranch().assign(out, r.falseBranch().readStaticField(WhereEvaluatorGenerator.FALSE));
        fast.assign(decided, fast.load(true));
        BytecodeCreator general = bc.ifFalse(decided).trueBranch();
        general.assign(out, g.general(general, n));
        return out;
    }

    /** What a type is computed as when it is a primitive long: "int", "date", "timestamp", "timestamptz"; or null. */
    private static String longKind(PgType t) {
        if (t.isArray()) {
            return null;
        }
        switch (t.name()) {
            case "int2": case "int4": case "int8": return "int";
            case "date": case "timestamp": case "timestamptz": return t.name();
            default: return null;
        }
    }

    /** Whether {@link #emitLong} computes the node: see {@link #comparison}. */
    private static boolean isLongValued(WherePlan.Node n) {
        Expr e = n.expr();
        String kind = longKind(e.type());
        if (kind == null) {
            return false;
        }
        if (n.kind() == WherePlan.Kind.CONSTANT) {
            return true;
        }
        if (n.kind() != WherePlan.Kind.COMPUTED) {
            return false;
        }
        if (e instanceof Expr.Column) {
            return true;
        }
        if (!(e instanceof Expr.Call c) || n.children().size() != c.args().size()) {
            return false;
        }
        if (c.syntax() == Expr.Syntax.CAST && c.args().size() == 1) {
            return castMethod(c) != null && isLongValued(n.child(0));
        }
        if (c.syntax() == Expr.Syntax.INFIX && c.args().size() == 2) {
            return arithmeticMethod(c) != null && isLongValued(n.child(0)) && isLongValued(n.child(1));
        }
        return false;
    }

    /** The support method of a cast between long-valued types, or null. */
    private static String castMethod(Expr.Call c) {
        String from = longKind(c.args().get(0).type());
        String to = longKind(c.type());
        if (from == null || to == null) {
            return null;
        }
        if (from.equals("int") && to.equals("int")) {
            return "toInt" + c.type().name().substring(3);
        }
        if (from.startsWith("timestamp") && to.startsWith("timestamp")) {
            return "identity";
        }
        if (from.startsWith("timestamp") && to.equals("date")) {
            return "timestampToDate";
        }
        return from.equals("date") && to.startsWith("timestamp") ? "dateToTimestamp" : null;
    }

    /** The support method of {@code +}/{@code -} on long-valued operands, or null. */
    private static String arithmeticMethod(Expr.Call c) {
        boolean plus = c.name().equals("+");
        if (!plus && !c.name().equals("-")) {
            return null;
        }
        String a = longKind(c.args().get(0).type());
        String b = longKind(c.args().get(1).type());
        String to = longKind(c.type());
        if (a == null || b == null || to == null) {
            return null;
        }
        if (a.equals("int") && b.equals("int") && to.equals("int")) {
            return (plus ? "intPlus" : "intMinus") + c.type().name().substring(3);
        }
        if (a.equals("date") && isInt4(c.args().get(1).type()) && to.equals("date")) {
            return plus ? "datePlus" : "dateMinusDays";
        }
        if (plus && isInt4(c.args().get(0).type()) && b.equals("date") && to.equals("date")) {
            return "daysPlusDate";
        }
        return !plus && a.equals("date") && b.equals("date") && to.equals("int") ? "dateMinusDate" : null;
    }

    private static boolean isInt4(PgType t) {
        return !t.isArray() && t.name().equals("int4");
    }

    /**
     * Emits a long-valued node: {value, isNull} (value 0 when NULL); breaks {@code undecided} when the fast code
     * cannot decide (the support methods answer {@link Long#MIN_VALUE} then).
     */
    private AssignableResultHandle[] emitLong(BytecodeCreator bc, WherePlan.Node n, BytecodeCreator undecided) {
        AssignableResultHandle value = bc.createVariable(long.class);
        AssignableResultHandle isNull = bc.createVariable(boolean.class);
        if (n.kind() == WherePlan.Kind.CONSTANT) {
            FieldDescriptor k = g.constantField(n);
            FieldDescriptor v = g.field("lv" + n.index(), long.class, m -> m.invokeStaticMethod(
                    longs("longOrZero", long.class, Object.class), m.readInstanceField(k, m.getThis())));
            bc.assign(isNull, bc.invokeStaticMethod(longs("isNull", boolean.class, Object.class), g.read(bc, k)));
            bc.assign(value, g.read(bc, v));
        } else {
            g.computedPerRow(n);
            Expr e = n.expr();
            if (e instanceof Expr.Column column) {
                longColumn(bc, column, value, isNull);
            } else {
                Expr.Call c = (Expr.Call) e;
                AssignableResultHandle[] a = emitLong(bc, n.child(0), undecided);
                AssignableResultHandle[] b = n.children().size() > 1 ? emitLong(bc, n.child(1), undecided) : null;
                bc.assign(isNull, bc.load(true));
                bc.assign(value, bc.load(0L));
                BytecodeCreator strict = bc.createScope();
                strict.ifTrue(a[1]).trueBranch().breakScope(strict);
                if (b != null) {
                    strict.ifTrue(b[1]).trueBranch().breakScope(strict);
                }
                strict.assign(isNull, strict.load(false));
                if (b == null) {
                    strict.assign(value, strict.invokeStaticMethod(longs(castMethod(c), long.class, long.class),
                            a[0]));
                } else {
                    strict.assign(value, strict.invokeStaticMethod(longs(arithmeticMethod(c), long.class,
                            long.class, long.class), a[0], b[0]));
                }
            }
        }
        bc.ifZero(bc.compareLong(value, bc.load(Long.MIN_VALUE))).trueBranch().breakScope(undecided);
        return new AssignableResultHandle[] { value, isNull };
    }

    /** Per long-valued column read more than once: {value, isNull, read yet}, assigned at the method's start. */
    private final Map<String, AssignableResultHandle[]> longColumns = new java.util.HashMap<>();

    /** A column's value as a long, read once per row where it is read more than once. */
    private void longColumn(BytecodeCreator bc, Expr.Column column, AssignableResultHandle value,
            AssignableResultHandle isNull) {
        AssignableResultHandle[] memo = longColumns.get(column.name());
        if (memo == null) {
            readLongColumn(bc, column, value, isNull);
            return;
        }
        BytecodeCreator first = bc.ifFalse(memo[2]).trueBranch();
        readLongColumn(first, column, memo[0], memo[1]);
        first.assign(memo[2], first.load(true));
        bc.assign(value, memo[0]);
        bc.assign(isNull, memo[1]);
    }

    private void readLongColumn(BytecodeCreator bc, Expr.Column column, AssignableResultHandle value,
            AssignableResultHandle isNull) {
        ResultHandle s = g.text(bc, column.name());
        String type = column.type().name();
        String parser = type.startsWith("int") ? "parse" + Character.toUpperCase(type.charAt(0)) + type.substring(1)
                : type.equals("date") ? "parseDate" : type.equals("timestamp") ? "parseTimestamp" : "parseTimestamptz";
        BranchResult isNullText = bc.ifNull(s);
        BytecodeCreator t = isNullText.trueBranch();
        t.assign(isNull, t.load(true));
        t.assign(value, t.load(0L));
        BytecodeCreator f = isNullText.falseBranch();
        f.assign(isNull, f.load(false));
        f.assign(value, f.invokeStaticMethod(longs(parser, long.class, String.class), s));
    }

    /**
     * At the start of each generated method: declares the memo of each long-valued column the clause reads more than
     * once (see {@link #longColumn}).
     */
    void startMethod(MethodCreator m, WherePlan.Node root) {
        longColumns.clear();
        Map<String, Integer> uses = new java.util.HashMap<>();
        countLongColumns(root, uses);
        uses.forEach((column, count) -> {
            if (count > 1) {
                AssignableResultHandle read = m.createVariable(boolean.class);
                AssignableResultHandle isNull = m.createVariable(boolean.class);
                AssignableResultHandle value = m.createVariable(long.class);
                m.assign(read, m.load(false));
                m.assign(isNull, m.load(false));
                m.assign(value, m.load(0L));
                longColumns.put(column, new AssignableResultHandle[] { value, isNull, read });
            }
        });
    }

    private static void countLongColumns(WherePlan.Node n, Map<String, Integer> uses) {
        if (n.kind() != WherePlan.Kind.COMPUTED) {
            return;
        }
        if (n.expr() instanceof Expr.Column c && longKind(c.type()) != null) {
            uses.merge(c.name(), 1, Integer::sum);
        }
        for (WherePlan.Node child : n.children()) {
            countLongColumns(child, uses);
        }
    }
}
