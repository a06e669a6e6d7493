package io.quarkiverse.sync.runtime.where;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Compiles a typed {@link Expr} into a tree of small evaluator objects. Everything that does not depend on the row
 * is computed here once: constant sub-expressions are folded (a fold that raises rejects the clause, as in
 * Electric), LIKE patterns are compiled, column parsers are chosen. Per row, only column values are parsed.
 */
final class Interpreter {

    /** One node of the compiled tree; returns the SQL value (null for NULL) or throws {@link EvalError}. */
    interface Eval {
        Object eval(RowValues row);
    }

    private Interpreter() {
    }

    static Eval compile(Expr e) throws WhereException {
        return build(e);
    }

    private static boolean isConstant(Expr e) {
        if (e instanceof Expr.Column) {
            return false;
        }
        for (Expr c : children(e)) {
            if (!isConstant(c)) {
                return false;
            }
        }
        return true;
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

    private static Eval build(Expr e) throws WhereException {
        if (e instanceof Expr.Const c) {
            return constant(c.value());
        }
        if (e instanceof Expr.Param p) {
            return constant(p.value());
        }
        if (isConstant(e)) {
            Eval unfolded = buildNode(e);
            try {
                return constant(unfolded.eval(null));
            } catch (RuntimeException err) {
                int pos = posOf(e);
                String reason = "Failed to apply function to constant arguments";
                throw pos >= 0 ? WhereException.at(pos, reason) : WhereException.where(reason);
            }
        }
        return buildNode(e);
    }

    private static Eval constant(Object v) {
        return row -> v;
    }

    private static Object constantValue(Eval e) {
        return e.eval(null);
    }

    private static Eval[] buildAll(List<Expr> es) throws WhereException {
        Eval[] out = new Eval[es.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = build(es.get(i));
        }
        return out;
    }

    private static Eval buildNode(Expr e) throws WhereException {
        if (e instanceof Expr.Column c) {
            return column(c);
        }
        if (e instanceof Expr.Call c) {
            return call(c);
        }
        if (e instanceof Expr.And a) {
            Eval[] args = buildAll(a.args());
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
        if (e instanceof Expr.Or o) {
            Eval[] args = buildAll(o.args());
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
        if (e instanceof Expr.Const c) {
            return constant(c.value());
        }
        if (e instanceof Expr.Param p) {
            return constant(p.value());
        }
        throw new IllegalStateException("unexpected node " + e);
    }

    private static Eval column(Expr.Column c) {
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

    private static Eval call(Expr.Call c) throws WhereException {
        Functions.Fn fn = c.fn();
        List<Expr> args = c.args();
        if (args.size() == 1) {
            Eval a = build(args.get(0));
            return row -> {
                Object v = a.eval(row);
                return v == null ? null : fn.apply(v, null);
            };
        }
        Eval l = build(args.get(0));
        Eval r = build(args.get(1));
        String name = c.name();
        boolean likeOp = c.syntax() == Expr.Syntax.INFIX && name.contains("~~")
                || c.syntax() == Expr.Syntax.FUNCTION && (name.equals("like") || name.equals("notlike"));
        if (likeOp && isConstant(args.get(1))) {
            Object pattern = constantValue(r);
            if (pattern == null) {
                return row -> null;
            }
            Like like;
            try {
                like = new Like((String) pattern, name.contains("*"));
            } catch (EvalError err) {
                throw WhereException.at(c.pos(), err.getMessage());
            }
            boolean negate = name.startsWith("!") || name.equals("notlike");
            return row -> {
                Object v = l.eval(row);
                return v == null ? null : like.matches((String) v) != negate;
            };
        }
        if (isConstant(args.get(1))) {
            Object k = constantValue(r);
            if (k == null) {
                return row -> null;
            }
            return row -> {
                Object v = l.eval(row);
                return v == null ? null : fn.apply(v, k);
            };
        }
        return row -> {
            Object a = l.eval(row);
            if (a == null) {
                return null;
            }
            Object b = r.eval(row);
            return b == null ? null : fn.apply(a, b);
        };
    }

    private static Eval boolTest(Expr.BoolTest b) throws WhereException {
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

    private static Eval in(Expr.In in) throws WhereException {
        Eval arg = build(in.arg());
        Eval[] items = buildAll(in.items());
        Functions.Fn[] eqs = in.eqs().toArray(new Functions.Fn[0]);
        boolean isNot = in.isNot();
        return row -> {
            Object v = arg.eval(row);
            if (v == null) {
                return null;
            }
            boolean sawNull = false;
            for (int i = 0; i < items.length; i++) {
                Object x = items[i].eval(row);
                if (x == null) {
                    sawNull = true;
                } else if ((Boolean) eqs[i].apply(v, x)) {
                    return !isNot;
                }
            }
            return sawNull ? null : isNot;
        };
    }

    private static Eval quantified(Expr.Quantified q) throws WhereException {
        Eval left = build(q.left());
        Eval array = build(q.array());
        Functions.Fn fn = q.fn();
        boolean all = q.all();
        return row -> {
            Object a = array.eval(row);
            if (a == null) {
                return null;
            }
            Object[] elements = ((PgArray) a).elements();
            if (elements.length == 0) {
                return all;
            }
            Object v = left.eval(row);
            if (v == null) {
                return null;
            }
            boolean sawNull = false;
            for (Object el : elements) {
                if (el == null) {
                    sawNull = true;
                    continue;
                }
                boolean r = (Boolean) fn.apply(v, el);
                if (r != all) {
                    return r;
                }
            }
            return sawNull ? null : all;
        };
    }

    private static Eval arrayCtor(Expr.ArrayCtor a) throws WhereException {
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

    private static Eval subscript(Expr.Subscript s) throws WhereException {
        Eval arr = build(s.array());
        Eval lo = s.lower() == null ? null : build(s.lower());
        Eval hi = s.upper() == null ? null : build(s.upper());
        if (!s.slice()) {
            return row -> {
                Object a = arr.eval(row);
                Object i = lo.eval(row);
                return a == null || i == null ? null : Arrays.subscript((PgArray) a, (Long) i);
            };
        }
        return row -> {
            Object a = arr.eval(row);
            Object i = lo == null ? null : lo.eval(row);
            Object j = hi == null ? null : hi.eval(row);
            if (a == null || (lo != null && i == null) || (hi != null && j == null)) {
                return null;
            }
            return Arrays.slice((PgArray) a, (Long) i, (Long) j);
        };
    }

    private static Eval variadic(Expr.Variadic v) throws WhereException {
        Eval[] args = buildAll(v.args());
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
