package io.quarkiverse.sync.runtime.where;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the {@link Ast} into a typed {@link Expr} against the table's columns, as Postgres' parse analysis would:
 * unknown-typed literals and {@code $n} take the type their context needs (a param keeps the type of its first
 * use), operators and functions go through {@link Overloads}, implicit casts become explicit nodes.
 */
final class TypeChecker {

    /** Function-call spellings of casts ({@code int4('5')}, {@code "numeric"('1.5')}). */
    private static final Set<String> CAST_FUNCTIONS = Set.of("int2", "int4", "int8", "float4", "float8", "numeric",
            "bool", "uuid", "text", "varchar", "date", "time", "timestamp", "timestamptz", "interval");

    /** A typed node with the position of the source node it came from, for error messages. */
    private record T(Expr e, int pos) {
        PgType type() {
            return e.type();
        }

        boolean isUnknown() {
            return e.type().equals(PgType.UNKNOWN);
        }
    }

    private final WhereSchema schema;
    private final Map<Integer, String> params;
    private final Map<Integer, PgType> paramTypes = new HashMap<>();
    private final Map<Integer, Object> paramValues = new HashMap<>();
    private final Set<String> columns = new LinkedHashSet<>();
    /** Build-time checking: {@code $n} values are not known, only their types are worked out (values stay null). */
    private final boolean typesOnly;

    TypeChecker(WhereSchema schema, Map<Integer, String> params) {
        this(schema, params, false);
    }

    TypeChecker(WhereSchema schema, Map<Integer, String> params, boolean typesOnly) {
        this.schema = schema;
        this.params = params;
        this.typesOnly = typesOnly;
    }

    Set<String> columns() {
        return columns;
    }

    Map<Integer, PgType> paramTypes() {
        return paramTypes;
    }

    Expr check(Ast ast) throws WhereException {
        T t = transform(ast);
        if (t.isUnknown()) {
            t = new T(coerce(t, PgType.BOOL, false), t.pos);
        }
        if (!t.type().equals(PgType.BOOL)) {
            throw WhereException.where("WHERE clause must return a boolean");
        }
        return t.e;
    }

    private T transform(Ast ast) throws WhereException {
        if (ast instanceof Ast.Const c) {
            return new T(constant(c), c.pos());
        }
        if (ast instanceof Ast.ColumnRef c) {
            PgType type = schema.type(c.name());
            if (type == null) {
                throw WhereException.at(c.pos(), "unknown reference " + (c.quoted() ? "\"" + c.name() + "\"" : c.name()));
            }
            columns.add(c.name());
            return new T(new Expr.Column(c.name(), type), c.pos());
        }
        if (ast instanceof Ast.Param p) {
            return new T(param(p), p.pos());
        }
        if (ast instanceof Ast.TypeCast c) {
            return cast(c);
        }
        if (ast instanceof Ast.Op op) {
            return op.left() == null ? prefix(op) : binary(op.pos(), op.op(), transform(op.left()), transform(op.right()));
        }
        if (ast instanceof Ast.And a) {
            return new T(new Expr.And(boolArgs(a.args(), "AND")), a.pos());
        }
        if (ast instanceof Ast.Or o) {
            return new T(new Expr.Or(boolArgs(o.args(), "OR")), o.pos());
        }
        if (ast instanceof Ast.Not n) {
            return new T(new Expr.Not(boolArgs(List.of(n.arg()), "NOT").get(0)), n.pos());
        }
        if (ast instanceof Ast.NullTest n) {
            T arg = transform(n.arg());
            return new T(new Expr.NullTest(resolveUnknownAsText(arg), n.isNot()), n.pos());
        }
        if (ast instanceof Ast.BoolTest b) {
            T arg = transform(b.arg());
            String what = b.kind().name().replace('_', ' ');
            if (!arg.isUnknown() && !arg.type().equals(PgType.BOOL)) {
                throw WhereException.at(b.pos(), "argument of " + what + " must be bool, not " + arg.type());
            }
            return new T(new Expr.BoolTest(coerce(arg, PgType.BOOL, false), b.kind()), b.pos());
        }
        if (ast instanceof Ast.DistinctFrom d) {
            T l = transform(d.left());
            T r = transform(d.right());
            Overloads.Match m = match(d.pos(), "=", l, r);
            return new T(new Expr.Distinct(coerce(l, m.args()[0], false), coerce(r, m.args()[1], false), d.isNot(),
                    m.fn()), d.pos());
        }
        if (ast instanceof Ast.InList in) {
            return inList(in);
        }
        if (ast instanceof Ast.Between b) {
            return transform(expandBetween(b));
        }
        if (ast instanceof Ast.Quantified q) {
            return quantified(q);
        }
        if (ast instanceof Ast.ArrayCtor a) {
            return arrayCtor(a, null);
        }
        if (ast instanceof Ast.Subscript s) {
            return subscript(s);
        }
        if (ast instanceof Ast.FuncCall f) {
            return call(f);
        }
        if (ast instanceof Ast.Unsupported u) {
            throw WhereException.at(u.pos(), u.reason());
        }
        throw new IllegalStateException("unexpected node " + ast);
    }

    private Expr constant(Ast.Const c) throws WhereException {
        switch (c.kind()) {
            case INTEGER: {
                BigDecimal v = new BigDecimal(c.text());
                if (v.toBigInteger().bitLength() <= 31) {
                    return new Expr.Const(PgType.INT4, v.longValue());
                }
                if (v.toBigInteger().bitLength() <= 63) {
                    return new Expr.Const(PgType.INT8, v.longValue());
                }
                return new Expr.Const(PgType.NUMERIC, v);
            }
            case DECIMAL: {
                BigDecimal v = new BigDecimal(c.text());
                return new Expr.Const(PgType.NUMERIC, v.scale() < 0 ? v.setScale(0) : v);
            }
            case STRING:
                return new Expr.Const(PgType.UNKNOWN, c.text());
            case TRUE:
                return new Expr.Const(PgType.BOOL, Boolean.TRUE);
            case FALSE:
                return new Expr.Const(PgType.BOOL, Boolean.FALSE);
            case NULL:
                return new Expr.Const(PgType.UNKNOWN, null);
            default:
                throw WhereException.at(c.pos(), "BitString values are not supported");
        }
    }

    private Expr param(Ast.Param p) throws WhereException {
        String text = typesOnly ? "" : params.get(p.number());
        if (text == null) {
            throw WhereException.at(p.pos(), "parameter $" + p.number() + " was not provided");
        }
        PgType type = paramTypes.get(p.number());
        if (type == null) {
            return new Expr.Param(p.number(), PgType.UNKNOWN, text, text);
        }
        return new Expr.Param(p.number(), type, paramValues.get(p.number()), text);
    }

    /** Converts {@code t} to {@code target}: unknown literals and params through the input function. */
    private Expr coerce(T t, PgType target, boolean explicit) throws WhereException {
        Expr e = t.e;
        if (e.type().equals(target)) {
            return e;
        }
        if (t.isUnknown()) {
            if (target.isEnum()) {
                String v = e instanceof Expr.Const c ? (String) c.value() : ((Expr.Param) e).text();
                throw WhereException.at(t.pos, "invalid syntax for type enum " + target.name() + ": " + v);
            }
            if (!TypeIO.hasInput(target) && !target.equals(PgType.UNKNOWN)) {
                throw WhereException.at(t.pos, "unknown cast from type unknown to type " + target);
            }
            Function<String, Object> in = TypeIO.input(target);
            if (e instanceof Expr.Const c) {
                try {
                    return new Expr.Const(target, c.value() == null ? null : in.apply((String) c.value()));
                } catch (EvalError err) {
                    throw WhereException.at(t.pos, err.getMessage());
                }
            }
            Expr.Param p = (Expr.Param) e;
            Object value;
            try {
                value = typesOnly ? null : in.apply(p.text());
            } catch (EvalError err) {
                throw WhereException.at(t.pos, err.getMessage());
            }
            paramTypes.put(p.number(), target);
            paramValues.put(p.number(), value);
            return new Expr.Param(p.number(), target, value, p.text());
        }
        Function<Object, Object> conv = explicit || Casts.implicit(e.type(), target) ? Casts.conversion(e.type(), target)
                : null;
        if (conv == null) {
            throw WhereException.at(t.pos, "unknown cast from type " + e.type() + " to type " + target);
        }
        return new Expr.Call(t.pos, target.name(), Expr.Syntax.CAST, List.of(e), target, (a, b) -> conv.apply(a));
    }

    private Expr resolveUnknownAsText(T t) throws WhereException {
        return t.isUnknown() ? coerce(t, PgType.TEXT, false) : t.e;
    }

    private List<Expr> boolArgs(List<Ast> args, String what) throws WhereException {
        List<Expr> out = new ArrayList<>(args.size());
        for (Ast a : args) {
            T t = transform(a);
            if (!t.isUnknown() && !t.type().equals(PgType.BOOL)) {
                throw WhereException.at(t.pos, "argument of " + what + " must be bool, not " + t.type());
            }
            out.add(coerce(t, PgType.BOOL, false));
        }
        return out;
    }

    private T cast(Ast.TypeCast c) throws WhereException {
        Ast.TypeName name = c.type();
        if (name.typmod()) {
            throw WhereException.at(name.pos(), "type modifiers are not supported: " + name.name());
        }
        PgType target = TypeNames.castTarget(name);
        if (target == null) {
            throw WhereException.at(name.pos(), "unsupported type " + name.name());
        }
        if (c.arg() instanceof Ast.ArrayCtor a && target.isArray()) {
            return arrayCtor(a, target);
        }
        T arg = transform(c.arg());
        if (!arg.isUnknown() && Casts.conversion(arg.type(), target) == null) {
            // reported at the cast, as Postgres does; a bad literal is reported at the literal (in coerce)
            throw WhereException.at(c.pos(), "unknown cast from type " + arg.type() + " to type " + target);
        }
        return new T(coerce(arg, target, true), c.pos());
    }

    private T prefix(Ast.Op op) throws WhereException {
        List<Functions.Sig> sigs = Functions.prefix(op.op());
        if (sigs.isEmpty()) {
            throw WhereException.at(op.pos(), "unknown unary operator \"" + op.op() + "\"");
        }
        T arg = transform(op.right());
        Overloads.Match m = Overloads.resolve(sigs, new PgType[] { arg.type() });
        if (m == null) {
            throw WhereException.at(op.pos(), "Could not select an operator overload");
        }
        return new T(new Expr.Call(op.pos(), op.op(), Expr.Syntax.PREFIX, List.of(coerce(arg, m.args()[0], false)),
                m.result(), m.fn()), op.pos());
    }

    private Overloads.Match match(int pos, String op, T l, T r) throws WhereException {
        List<Functions.Sig> sigs = Functions.binary(op);
        if (sigs.isEmpty()) {
            throw WhereException.at(pos, "unknown binary operator \"" + op + "\"");
        }
        Overloads.Match m = Overloads.resolve(sigs, new PgType[] { l.type(), r.type() });
        if (m == null) {
            throw WhereException.at(pos, "Could not select an operator overload");
        }
        return m;
    }

    private T binary(int pos, String op, T l, T r) throws WhereException {
        Overloads.Match m = match(pos, op, l, r);
        Expr left = coerce(l, m.args()[0], false);
        Expr right = coerce(r, m.args()[1], false);
        return new T(new Expr.Call(pos, op, Expr.Syntax.INFIX, List.of(left, right), m.result(), m.fn()), pos);
    }

    private T inList(Ast.InList in) throws WhereException {
        T arg = transform(in.arg());
        List<T> items = new ArrayList<>();
        for (Ast a : in.list()) {
            items.add(transform(a));
        }
        List<PgType> types = new ArrayList<>();
        types.add(arg.type());
        items.forEach(i -> types.add(i.type()));
        PgType common = Overloads.commonType(types);
        List<Expr> itemExprs = new ArrayList<>();
        List<Functions.Fn> eqs = new ArrayList<>();
        Overloads.Match m = common == null ? null
                : Overloads.resolve(Functions.binary("="), new PgType[] { common, common });
        if (m != null && m.args()[0].equals(common) && m.args()[1].equals(common)) {
            // Postgres' ScalarArrayOpExpr path: everything in one type, one operator.
            Expr left = coerce(arg, common, false);
            for (T i : items) {
                itemExprs.add(coerce(i, common, false));
                eqs.add(m.fn());
            }
            return new T(new Expr.In(left, itemExprs, eqs, in.isNot()), in.pos());
        }
        // Otherwise one `arg = item` per item, each resolved on its own.
        Expr left = null;
        for (T i : items) {
            Overloads.Match mi = match(in.pos(), "=", arg, i);
            Expr l = coerce(arg, mi.args()[0], false);
            if (left != null && !l.type().equals(left.type())) {
                throw WhereException.at(in.pos(), "Could not select an operator overload");
            }
            left = l;
            arg = new T(l, arg.pos);
            itemExprs.add(coerce(i, mi.args()[1], false));
            eqs.add(mi.fn());
        }
        return new T(new Expr.In(left, itemExprs, eqs, in.isNot()), in.pos());
    }

    /** BETWEEN is sugar for two comparisons, exactly as gram.y/parse_expr.c expand it. */
    private static Ast expandBetween(Ast.Between b) {
        int p = b.pos();
        Ast a = b.arg();
        Ast lo = b.lower();
        Ast hi = b.upper();
        if (!b.isNot()) {
            Ast plain = new Ast.And(p, List.of(new Ast.Op(p, ">=", a, lo), new Ast.Op(p, "<=", a, hi)));
            if (!b.symmetric()) {
                return plain;
            }
            return new Ast.Or(p, List.of(plain,
                    new Ast.And(p, List.of(new Ast.Op(p, ">=", a, hi), new Ast.Op(p, "<=", a, lo)))));
        }
        Ast plain = new Ast.Or(p, List.of(new Ast.Op(p, "<", a, lo), new Ast.Op(p, ">", a, hi)));
        if (!b.symmetric()) {
            return plain;
        }
        return new Ast.And(p, List.of(plain,
                new Ast.Or(p, List.of(new Ast.Op(p, "<", a, hi), new Ast.Op(p, ">", a, lo)))));
    }

    private T quantified(Ast.Quantified q) throws WhereException {
        T left = transform(q.left());
        T array = transform(q.array());
        if (array.isUnknown()) {
            PgType elem = left.isUnknown() ? PgType.TEXT : left.type();
            array = new T(coerce(array, PgType.arrayOf(elem), false), array.pos);
        }
        if (!array.type().isArray()) {
            throw WhereException.at(q.pos(), "argument of " + (q.all() ? "ALL" : "ANY") + " must be an array");
        }
        T element = new T(new Expr.Const(array.type().element(), null), array.pos);
        Overloads.Match m = match(q.pos(), q.op(), left, element);
        if (!m.result().equals(PgType.BOOL)) {
            throw WhereException.at(q.pos(), "op ANY/ALL (array) requires operator to yield boolean");
        }
        Expr arr = coerce(array, PgType.arrayOf(m.args()[1]), false);
        return new T(new Expr.Quantified(q.pos(), q.op(), coerce(left, m.args()[0], false), arr, q.all(), m.fn()),
                q.pos());
    }

    private T arrayCtor(Ast.ArrayCtor a, PgType castTo) throws WhereException {
        if (a.elements().isEmpty()) {
            if (castTo == null) {
                throw WhereException.at(a.pos(), "cannot determine type of empty array");
            }
            return new T(new Expr.Const(castTo, PgArray.EMPTY), a.pos());
        }
        List<T> elems = new ArrayList<>();
        for (Ast e : a.elements()) {
            if (e instanceof Ast.ArrayCtor sub) {
                elems.add(arrayCtor(sub, castTo));
            } else {
                elems.add(transform(e));
            }
        }
        List<PgType> types = new ArrayList<>();
        elems.forEach(e -> types.add(e.type()));
        PgType elemType;
        if (castTo != null) {
            elemType = elems.get(0).type().isArray() ? castTo : castTo.element();
        } else {
            elemType = Overloads.commonType(types);
            if (elemType == null) {
                PgType[] c = Overloads.conflict(types);
                throw WhereException.at(a.pos(), "ARRAY types " + c[0] + " and " + c[1] + " cannot be matched");
            }
        }
        List<Expr> out = new ArrayList<>();
        for (T e : elems) {
            out.add(coerce(e, elemType, castTo != null));
        }
        PgType type = elemType.isArray() ? elemType : PgType.arrayOf(elemType);
        return new T(new Expr.ArrayCtor(out, type), a.pos());
    }

    private T subscript(Ast.Subscript s) throws WhereException {
        T arr = transform(s.arg());
        if (!arr.type().isArray()) {
            throw WhereException.at(s.pos(),
                    "cannot subscript type " + arr.type() + " because it does not support subscripting");
        }
        Expr lo = s.lower() == null ? null : index(transform(s.lower()));
        Expr hi = s.upper() == null ? null : index(transform(s.upper()));
        PgType type = s.slice() ? arr.type() : arr.type().element();
        return new T(new Expr.Subscript(arr.e, lo, hi, s.slice(), type), s.pos());
    }

    private Expr index(T t) throws WhereException {
        if (!t.isUnknown() && Overloads.category(t.type()) != 'N') {
            throw WhereException.at(t.pos, "array subscript must have type integer");
        }
        return coerce(t, PgType.INT4, true);
    }

    private T call(Ast.FuncCall f) throws WhereException {
        String name = f.name();
        List<T> args = new ArrayList<>();
        for (Ast a : f.args()) {
            args.add(transform(a));
        }
        switch (name) {
            case "coalesce":
            case "greatest":
            case "least":
                return variadic(f, args);
            case "concat": {
                if (args.isEmpty()) {
                    break;
                }
                List<Expr> out = new ArrayList<>();
                for (T a : args) {
                    out.add(resolveUnknownAsText(a));
                }
                return new T(new Expr.Variadic(f.pos(), name, out, PgType.TEXT, null), f.pos());
            }
            default:
                if (CAST_FUNCTIONS.contains(name) && args.size() == 1) {
                    PgType target = PgType.of(name);
                    return new T(coerce(args.get(0), target, true), f.pos());
                }
        }
        List<Functions.Sig> sigs = Functions.function(name);
        if (sigs.isEmpty()) {
            throw WhereException.at(f.pos(), "unknown or unsupported function " + name + "/" + args.size());
        }
        PgType[] in = new PgType[args.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = args.get(i).type();
        }
        Overloads.Match m = Overloads.resolve(sigs, in);
        if (m == null) {
            StringBuilder sb = new StringBuilder();
            for (PgType t : in) {
                sb.append(sb.length() == 0 ? "" : ", ").append(t);
            }
            throw WhereException.at(f.pos(), "Could not select a function overload for " + name + "(" + sb + ")");
        }
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            out.add(coerce(args.get(i), m.args()[i], false));
        }
        return new T(new Expr.Call(f.pos(), name, Expr.Syntax.FUNCTION, out, m.result(), m.fn()), f.pos());
    }

    private T variadic(Ast.FuncCall f, List<T> args) throws WhereException {
        String name = f.name();
        if (args.isEmpty()) {
            throw WhereException.at(f.pos(), "unknown or unsupported function " + name + "/0");
        }
        List<PgType> types = new ArrayList<>();
        args.forEach(a -> types.add(a.type()));
        PgType common = Overloads.commonType(types);
        if (common == null) {
            PgType[] c = Overloads.conflict(types);
            throw WhereException.at(f.pos(), name.toUpperCase() + " types " + c[0] + " and " + c[1]
                    + " cannot be matched");
        }
        Functions.Fn compare = null;
        if (!name.equals("coalesce")) {
            java.util.Comparator<Object> order = TypeIO.order(common);
            if (order == null) {
                throw WhereException.at(f.pos(), "could not identify a comparison function for type " + common);
            }
            compare = (a, b) -> (long) order.compare(a, b);
        }
        List<Expr> out = new ArrayList<>();
        for (T a : args) {
            out.add(coerce(a, common, false));
        }
        return new T(new Expr.Variadic(f.pos(), name, out, common, compare), f.pos());
    }
}
