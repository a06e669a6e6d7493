package io.quarkiverse.sync.runtime.where;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Compiles a typed {@link Expr} into a tree of small evaluator objects. Everything that does not depend on the row
 * is computed here once: constant sub-expressions are folded the way Postgres' {@code eval_const_expressions}
 * folds them (bottom-up, immutable calls only, strict calls with a NULL constant argument become NULL, AND/OR and
 * COALESCE stop at a deciding constant), so a fold that raises rejects exactly the clauses Postgres would reject at
 * plan time. LIKE patterns are compiled, column parsers chosen. Per row, only column values are parsed.
 */
final class Interpreter {

    /**
     * One node of the compiled tree; returns the SQL value (null for NULL) or throws {@link EvalError}. Generated
     * evaluators call the nodes they do not compile themselves through its public supertype.
     */
    interface Eval extends CompiledWhereSupport.Subexpression {
        @Override
        Object eval(RowValues row);
    }

    /** A folded constant; folding decisions test for it. */
    private record ConstEval(Object value) implements Eval {
        @Override
        public Object eval(RowValues row) {
            return value;
        }
    }

    private static final ConstEval NULL = new ConstEval(null);

    /** Each node is compiled once, however often folding decisions look at it. */
    private final IdentityHashMap<Expr, Eval> built = new IdentityHashMap<>();

    private Interpreter() {
    }

    static Eval compile(Expr e) throws WhereException {
        return new Interpreter().build(e);
    }

    /** Compiles {@code e}; the result also tells, per node, what its folded evaluator is. */
    static Interpreter compiling(Expr e) throws WhereException {
        Interpreter in = new Interpreter();
        in.root = in.build(e);
        return in;
    }

    private Eval root;

    Eval root() {
        return root;
    }

    /** The node's evaluator after folding; null when folding never reached the node (a decided AND, …). */
    Eval built(Expr node) {
        return built.get(node);
    }

    /** Whether {@code e} is a folded constant (as opposed to computed per row). */
    static boolean isConstant(Eval e) {
        return e instanceof ConstEval;
    }

    /** The value of a folded constant. */
    static Object constantValue(Eval e) {
        return ((ConstEval) e).value();
    }

    static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.Call c) {
            out.addAll(c.args());
        } else if (e instanceof Expr.Variadic v) {
            out.addAll(v.args());
        } else if (e instanceof Expr.And a) {
            out.addAll(a.args());
        } else if (e instanceof Expr.Or o) {
            out.addAll(o.args());
        } else if (e instanceof Expr.Not n) {
            out.add(n.arg());
        } else if (e instanceof Expr.NullTest n) {
            out.add(n.arg());
        } else if (e instanceof Expr.BoolTest b) {
            out.add(b.arg());
        } else if (e instanceof Expr.Distinct d) {
            out.add(d.left());
            out.add(d.right());
        } else if (e instanceof Expr.In in) {
            out.add(in.arg());
            out.addAll(in.items());
        } else if (e instanceof Expr.Quantified q) {
            out.add(q.left());
            out.add(q.array());
        } else if (e instanceof Expr.ArrayCtor a) {
            out.addAll(a.elements());
        } else if (e instanceof Expr.Subscript s) {
            out.add(s.array());
            if (s.lower() != null) {
                out.add(s.lower());
            }
            if (s.upper() != null) {
                out.add(s.upper());
            }
        }
        return out;
    }

    private static int posOf(Expr e) {
        if (e instanceof Expr.Call c) {
            return c.pos();
        }
        if (e instanceof Expr.Variadic v) {
            return v.pos();
        }
        if (e instanceof Expr.Quantified q) {
            return q.pos();
        }
        for (Expr c : children(e)) {
            int p = posOf(c);
            if (p >= 0) {
                return p;
            }
        }
        return -1;
    }

    private static boolean hasColumn(Expr e) {
        if (e instanceof Expr.Column) {
            return true;
        }
        for (Expr c : children(e)) {
            if (hasColumn(c)) {
                return true;
            }
        }
        return false;
    }

    private static ConstEval constant(Object v) {
        return v == null ? NULL : new ConstEval(v);
    }

    private static boolean isConst(Eval e) {
        return e instanceof ConstEval;
    }

    private static boolean isNullConst(Eval e) {
        return e instanceof ConstEval c && c.value() == null;
    }

    private static Object value(Eval e) {
        return ((ConstEval) e).value();
    }

    private Eval build(Expr e) throws WhereException {
        Eval cached = built.get(e);
        if (cached == null) {
            cached = fold(e, buildNode(e));
            built.put(e, cached);
        }
        return cached;
    }

    /** Evaluates a node whose inputs are all constants, unless Postgres would leave it to run time. */
    private Eval fold(Expr e, Eval ev) throws WhereException {
        if (isConst(ev) || Volatility.isStable(e) || e instanceof Expr.Column) {
            return ev;
        }
        for (Expr c : children(e)) {
            Eval child = built.get(c);
            if (child == null || !isConst(child)) {
                return ev;
            }
        }
        try {
            return constant(ev.eval(null));
        } catch (RuntimeException err) {
            int pos = posOf(e);
            String reason = "Failed to apply function to constant arguments";
            throw pos >= 0 ? WhereException.at(pos, reason) : WhereException.where(reason);
        }
    }

    private Eval[] buildAll(List<Expr> es) throws WhereException {
        Eval[] out = new Eval[es.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = build(es.get(i));
        }
        return out;
    }

    private Eval buildNode(Expr e) throws WhereException {
        if (e instanceof Expr.Const c) {
            return constant(c.value());
        }
        if (e instanceof Expr.Param p) {
            return constant(p.value());
        }
        if (e instanceof Expr.Column c) {
            return column(c);
        }
        if (e instanceof Expr.Call c) {
            return call(c);
        }
        if (e instanceof Expr.And a) {
            return andOr(a.args(), true);
        }
        if (e instanceof Expr.Or o) {
            return andOr(o.args(), false);
        }
        if (e instanceof Expr.Not n) {
            Eval arg = build(n.arg());
            return row -> {
                Object v = arg.eval(row);
                return v == null ? null : !(Boolean) v;
            };
        }
        if (e instanceof Expr.NullTest n) {
            Eval arg = build(n.arg());
            boolean isNot = n.isNot();
            return row -> (arg.eval(row) == null) != isNot;
        }
        if (e instanceof Expr.BoolTest b) {
            return boolTest(b);
        }
        if (e instanceof Expr.Distinct d) {
            Eval l = build(d.left());
            Eval r = build(d.right());
            Functions.Fn eq = d.eq();
            boolean isNot = d.isNot();
            return row -> {
                Object a = l.eval(row);
                Object b = r.eval(row);
                boolean distinct = a == null || b == null ? a != b : !(Boolean) eq.apply(a, b);
                return distinct != isNot;
            };
        }
        if (e instanceof Expr.In in) {
            return in(in);
        }
        if (e instanceof Expr.Quantified q) {
            return quantified(q);
        }
        if (e instanceof Expr.ArrayCtor a) {
            return arrayCtor(a);
        }
        if (e instanceof Expr.Subscript s) {
            return subscript(s);
        }
        if (e instanceof Expr.Variadic v) {
            return variadic(v);
        }
        throw new IllegalStateException("unexpected node " + e);
    }

    /**
     * AND/OR as eval_const_expressions simplifies them: arguments in order (nested ones flattened), a constant
     * FALSE (AND) or TRUE (OR) decides at once and the arguments after it are never folded, so their errors are
     * never raised; constant TRUE (AND) / FALSE (OR) arguments drop out.
     */
    private Eval andOr(List<Expr> exprs, boolean and) throws WhereException {
        List<Eval> args = new ArrayList<>();
        boolean sawNull = false;
        for (Expr x : exprs) {
            Eval ev = build(x);
            if (isConst(ev)) {
                Object v = value(ev);
                if (v == null) {
                    sawNull = true;
                } else if ((Boolean) v != and) {
                    return constant(!and);
                }
                continue;
            }
            args.add(ev);
        }
        if (args.isEmpty()) {
            return constant(sawNull ? null : and);
        }
        if (sawNull) {
            args.add(NULL);
        }
        Eval[] a = args.toArray(new Eval[0]);
        return and ? andEval(a) : orEval(a);
    }

    private static Eval andEval(Eval[] args) {
        return row -> {
            boolean sawNull = false;
            for (Eval x : args) {
                Object v = x.eval(row);
                if (v == null) {
                    sawNull = true;
                } else if (!(Boolean) v) {
                    return Boolean.FALSE;
                }
            }
            return sawNull ? null : Boolean.TRUE;
        };
    }

    private static Eval orEval(Eval[] args) {
        return row -> {
            boolean sawNull = false;
            for (Eval x : args) {
                Object v = x.eval(row);
                if (v == null) {
                    sawNull = true;
                } else if ((Boolean) v) {
                    return Boolean.TRUE;
                }
            }
            return sawNull ? null : Boolean.FALSE;
        };
    }

    private Eval column(Expr.Column c) {
        String name = c.name();
        String t = c.type().name();
        if (!c.type().isArray() && (t.equals("text") || t.equals("varchar") || t.equals("name") || c.type().isEnum()
                || t.equals("bytea") || t.equals("jsonb"))) {
            return row -> row.text(name);
        }
        Function<String, Object> in = TypeIO.input(c.type());
        return row -> {
            String s = row.text(name);
            return s == null ? null : in.apply(s);
        };
    }

    private Eval call(Expr.Call c) throws WhereException {
        Functions.Fn fn = c.fn();
        List<Expr> args = c.args();
        // Every argument is folded first (its errors are raised), then a strict call with a NULL constant
        // argument becomes NULL, stable or not.
        Eval[] a = buildAll(args);
        if (Functions.nonStrict(c.name(), c.type())) {
            Eval l = a[0];
            Eval r = a[1];
            return row -> fn.apply(l.eval(row), r.eval(row));
        }
        for (Eval x : a) {
            if (isNullConst(x)) {
                return NULL;
            }
        }
        if (a.length == 1) {
            Eval x = a[0];
            return row -> {
                Object v = x.eval(row);
                return v == null ? null : fn.apply(v, null);
            };
        }
        Eval l = a[0];
        Eval r = a[1];
        String name = c.name();
        boolean likeOp = c.syntax() == Expr.Syntax.INFIX && name.contains("~~")
                || c.syntax() == Expr.Syntax.FUNCTION && (name.equals("like") || name.equals("notlike"));
        if (likeOp && isConst(r)) {
            Like like = new Like((String) value(r), name.contains("*"));
            boolean negate = name.startsWith("!") || name.equals("notlike");
            return row -> {
                Object v = l.eval(row);
                return v == null ? null : like.matches((String) v) != negate;
            };
        }
        if (isConst(r)) {
            Object k = value(r);
            return row -> {
                Object v = l.eval(row);
                return v == null ? null : fn.apply(v, k);
            };
        }
        // Both arguments are evaluated before the NULL check, as Postgres does: an error in the second one is
        // raised even when the first is NULL.
        return row -> {
            Object x = l.eval(row);
            Object y = r.eval(row);
            return x == null || y == null ? null : fn.apply(x, y);
        };
    }

    private Eval boolTest(Expr.BoolTest b) throws WhereException {
        Eval arg = build(b.arg());
        switch (b.kind()) {
            case IS_TRUE: return row -> Boolean.TRUE.equals(arg.eval(row));
            case IS_NOT_TRUE: return row -> !Boolean.TRUE.equals(arg.eval(row));
            case IS_FALSE: return row -> Boolean.FALSE.equals(arg.eval(row));
            case IS_NOT_FALSE: return row -> !Boolean.FALSE.equals(arg.eval(row));
            case IS_UNKNOWN: return row -> arg.eval(row) == null;
            default: return row -> arg.eval(row) != null;
        }
    }

    /**
     * IN as transformAExprIn builds it: with at least two constant items, one {@code = ANY(array)} over them comes
     * first, then one {@code =} per remaining item, joined by OR (AND and {@code <>} for NOT IN). The order and
     * the folding of arms with a NULL constant decide which error, if any, a row raises.
     */
    private Eval in(Expr.In in) throws WhereException {
        Eval arg = build(in.arg());
        List<Expr> itemExprs = in.items();
        boolean isNot = in.isNot();
        if (isNullConst(arg)) {
            // every arm is `NULL = item`, a strict call on a NULL constant, but its item is folded first
            buildAll(itemExprs);
            return NULL;
        }
        // transformAExprIn splits the items by whether they reference a column ("Vars"), not by constness: two or
        // more without Vars become one = ANY(array) arm, folded first; every other item is an arm of its own.
        int noVarCount = 0;
        for (Expr item : itemExprs) {
            noVarCount += hasColumn(item) ? 0 : 1;
        }
        List<Integer> order = new ArrayList<>();
        for (int pass = noVarCount > 1 ? 0 : 1; pass < 2; pass++) {
            for (int i = 0; i < itemExprs.size(); i++) {
                boolean noVars = !hasColumn(itemExprs.get(i));
                if (pass == 0 ? noVars : noVarCount <= 1 || !noVars) {
                    order.add(i);
                }
            }
        }
        List<Eval> items = new ArrayList<>();
        List<Functions.Fn> fns = new ArrayList<>();
        boolean nullArm = false;
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            boolean inArray = noVarCount > 1 && !hasColumn(itemExprs.get(i));
            Eval item = build(itemExprs.get(i));
            Functions.Fn eq = in.eqs().get(i);
            if (!inArray && isNullConst(item)) {
                nullArm = true; // `x = NULL` folds to NULL without evaluating x
                continue;
            }
            boolean arrayDone = inArray && (k + 1 == order.size() || hasColumn(itemExprs.get(order.get(k + 1))));
            if (isConst(arg) && isConst(item) && value(item) != null && (Boolean) eq.apply(value(arg), value(item))
                    && !inArray) {
                // an arm folded to TRUE (IN) / FALSE (NOT IN) decides; later arms are never folded
                return constant(!isNot);
            }
            items.add(item);
            fns.add(eq);
            if (arrayDone && isConst(arg)) {
                // the = ANY(constants) arm is folded as a whole once its elements are
                for (int j = 0; j < items.size(); j++) {
                    if (isConst(items.get(j)) && value(items.get(j)) != null
                            && (Boolean) fns.get(j).apply(value(arg), value(items.get(j)))) {
                        return constant(!isNot);
                    }
                }
            }
        }
        if (items.isEmpty()) {
            return NULL;
        }
        Eval[] itemEvals = items.toArray(new Eval[0]);
        Functions.Fn[] eqs = fns.toArray(new Functions.Fn[0]);
        boolean sawNullArm = nullArm;
        return row -> {
            Object v = arg.eval(row);
            boolean sawNull = sawNullArm;
            for (int i = 0; i < itemEvals.length; i++) {
                Object x = itemEvals[i].eval(row);
                if (v == null || x == null) {
                    sawNull = true;
                } else if ((Boolean) eqs[i].apply(v, x)) {
                    return !isNot;
                }
            }
            return sawNull ? null : isNot;
        };
    }

    private Eval quantified(Expr.Quantified q) throws WhereException {
        Eval left = build(q.left());
        Eval array = build(q.array());
        Functions.Fn fn = q.fn();
        boolean all = q.all();
        return row -> CompiledWhereSupport.quantified(left.eval(row), array.eval(row), fn, all);
    }

    private Eval arrayCtor(Expr.ArrayCtor a) throws WhereException {
        Eval[] elems = buildAll(a.elements());
        boolean nested = !a.elements().isEmpty() && a.elements().get(0).type().isArray();
        return row -> {
            List<Object> values = new ArrayList<>(elems.length);
            for (Eval x : elems) {
                values.add(x.eval(row));
            }
            if (!nested) {
                return PgArray.of(values);
            }
            return stack(values);
        };
    }

    /** ARRAY[[…],[…]]: sub-arrays of equal dimensions become one array with an extra dimension. */
    private static PgArray stack(List<Object> subs) {
        PgArray first = null;
        List<Object> flat = new ArrayList<>();
        for (Object o : subs) {
            PgArray s = (PgArray) o;
            if (s == null) {
                throw new EvalError("NULL sub-arrays are not supported by the where-clause evaluator");
            }
            if (first == null) {
                first = s;
            } else if (!java.util.Arrays.equals(first.dims(), s.dims())) {
                throw new EvalError("multidimensional arrays must have array expressions with matching dimensions");
            }
            flat.addAll(java.util.Arrays.asList(s.elements()));
        }
        if (first.ndims() == 0) {
            return PgArray.EMPTY;
        }
        int[] dims = new int[first.ndims() + 1];
        dims[0] = subs.size();
        System.arraycopy(first.dims(), 0, dims, 1, first.ndims());
        int[] lbs = new int[dims.length];
        lbs[0] = 1;
        System.arraycopy(first.lbounds(), 0, lbs, 1, first.ndims());
        return new PgArray(flat.toArray(), dims, lbs);
    }

    private Eval subscript(Expr.Subscript s) throws WhereException {
        Eval arr = build(s.array());
        Eval lo = s.lower() == null ? null : build(s.lower());
        Eval hi = s.upper() == null ? null : build(s.upper());
        if (!s.slice()) {
            return row -> {
                // A NULL array skips the subscripts (Postgres' EEOP_JUMP_IF_NULL), errors in them included.
                Object a = arr.eval(row);
                if (a == null) {
                    return null;
                }
                Object i = lo.eval(row);
                return i == null ? null : Arrays.subscript((PgArray) a, (Long) i);
            };
        }
        return row -> {
            Object a = arr.eval(row);
            if (a == null) {
                return null;
            }
            Object i = lo == null ? null : lo.eval(row);
            if (lo != null && i == null) {
                return null;
            }
            Object j = hi == null ? null : hi.eval(row);
            if (hi != null && j == null) {
                return null;
            }
            return Arrays.slice((PgArray) a, (Long) i, (Long) j);
        };
    }

    private Eval variadic(Expr.Variadic v) throws WhereException {
        List<Eval> kept = new ArrayList<>();
        if (v.name().equals("coalesce")) {
            // NULL constants drop out and arguments after the first non-NULL constant are dropped unfolded.
            for (Expr a : v.args()) {
                Eval ev = build(a);
                if (isNullConst(ev)) {
                    continue;
                }
                if (isConst(ev)) {
                    if (kept.isEmpty()) {
                        return ev;
                    }
                    kept.add(ev);
                    break;
                }
                kept.add(ev);
            }
            if (kept.isEmpty()) {
                return NULL;
            }
        } else {
            kept.addAll(java.util.Arrays.asList(buildAll(v.args())));
        }
        Eval[] args = kept.toArray(new Eval[0]);
        switch (v.name()) {
            case "coalesce":
                return row -> {
                    for (Eval a : args) {
                        Object x = a.eval(row);
                        if (x != null) {
                            return x;
                        }
                    }
                    return null;
                };
            case "concat": {
                @SuppressWarnings("unchecked")
                Function<Object, String>[] outs = new Function[args.length];
                for (int i = 0; i < outs.length; i++) {
                    outs[i] = TypeIO.output(v.args().get(i).type());
                }
                return row -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < args.length; i++) {
                        Object x = args[i].eval(row);
                        if (x != null) {
                            sb.append(outs[i].apply(x));
                        }
                    }
                    return sb.toString();
                };
            }
            default: {
                boolean greatest = v.name().equals("greatest");
                Functions.Fn cmp = v.compare();
                return row -> {
                    Object best = null;
                    for (Eval a : args) {
                        Object x = a.eval(row);
                        if (x != null && (best == null || ((Long) cmp.apply(x, best) > 0) == greatest
                                && (Long) cmp.apply(x, best) != 0)) {
                            best = x;
                        }
                    }
                    return best;
                };
            }
        }
    }
}
