package io.quarkiverse.sync.runtime.where;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled where clause: parsed (PostgreSQL grammar), type-checked against the table's columns, and ready to be
 * evaluated on replicated rows or printed as SQL for the snapshot query.
 *
 * <pre>{@code
 * WhereClause w = WhereClause.compile("owner_id = $1 AND title ILIKE 'x%'", schema, Map.of("1", "alice"));
 * boolean keep = w.evaluator().matches(row);
 * }</pre>
 */
public final class WhereClause {

    /** A top-level conjunct {@code column = constant} or {@code column IN (constants)}, for an equality index. */
    public record EqualityTerm(String column, List<String> values) {
    }

    // One per shape, so only what evaluation needs is kept: not the parse tree, and the SQL is printed on demand.
    private final String where;
    private final Expr expr;
    private final Interpreter.Eval root;
    private final List<String> columns;
    private final WhereEvaluator evaluator;

    private WhereClause(String where, Expr expr, Interpreter.Eval root, Set<String> columns,
            CompiledWhereEvaluator compiled) {
        this.where = where;
        this.expr = expr;
        this.root = root;
        this.columns = List.copyOf(columns);
        this.evaluator = compiled != null ? compiled : row -> {
            try {
                return root.eval(row) == Boolean.TRUE;
            } catch (RuntimeException e) {
                // Postgres would have raised for this row: it cannot be in the shape.
                return false;
            }
        };
    }

    /**
     * Compiles {@code where} for a table with {@code schema}. {@code params} is the protocol's params map, keys
     * {@code "1"}, {@code "2"}, …; a key problem is reported with {@link WhereException.Kind#PARAMS}.
     */
    public static WhereClause compile(String where, WhereSchema schema, Map<String, String> params)
            throws WhereException {
        try {
            Ast ast = Parser.parse(where);
            Map<Integer, String> numbered = numberParams(params);
            TypeChecker checker = new TypeChecker(schema, numbered);
            Expr expr = checker.check(ast);
            Interpreter interpreter = Interpreter.compiling(expr);
            // A class generated at build time for this text and these column types evaluates faster.
            Map<String, PgType> types = new HashMap<>();
            for (String c : checker.columns()) {
                types.put(c, schema.type(c));
            }
            CompiledWhereEvaluator compiled = CompiledWheres.evaluator(where, types, expr, interpreter);
            return new WhereClause(where, expr, interpreter.root(), checker.columns(), compiled);
        } catch (WhereException e) {
            throw e;
        } catch (StackOverflowError e) {
            // The parser stops at Parser.MAX_DEPTH levels, but how deep the thread's stack lets it get first depends
            // on the JIT's frame sizes: this is then Postgres' own verdict on such a clause.
            throw WhereException.where("stack depth limit exceeded");
        } catch (RuntimeException e) {
            // A bug must still answer 400, never 500 or a dead thread.
            throw WhereException.where("could not compile where clause: " + e);
        }
    }

    /** Validates the params map's keys (§7.5) and numbers them. */
    static Map<Integer, String> numberParams(Map<String, String> params) throws WhereException {
        Map<Integer, String> out = new HashMap<>();
        if (params == null) {
            return out;
        }
        for (Map.Entry<String, String> e : params.entrySet()) {
            String k = e.getKey();
            if (k == null || k.isEmpty() || !k.chars().allMatch(c -> c >= '0' && c <= '9') || k.length() > 9) {
                throw new WhereException(WhereException.Kind.PARAMS, "Parameters can only use numbers as keys");
            }
            out.put(Integer.parseInt(k), e.getValue());
        }
        for (int i = 1; i <= out.size(); i++) {
            if (!out.containsKey(i)) {
                throw new WhereException(WhereException.Kind.PARAMS,
                        "Parameters must be numbered sequentially, starting from 1");
            }
        }
        return out;
    }

    /** The row filter: a class generated at build time for this clause when there is one, else the interpreter. */
    public WhereEvaluator evaluator() {
        return evaluator;
    }

    /** Whether {@link #evaluator()} is a class generated at build time. */
    public boolean isCompiled() {
        return evaluator instanceof CompiledWhereEvaluator;
    }

    /** Three-valued result for one row: TRUE, FALSE or null; throws {@link EvalError} where Postgres would raise. */
    Boolean evaluate(RowValues row) {
        return (Boolean) root.eval(row);
    }

    /** The columns the clause reads, in order of first appearance. */
    public Set<String> referencedColumns() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(columns));
    }

    /** SQL for the snapshot query: identifiers quoted, every constant and param a quoted literal with a cast. */
    public String normalizedSql() {
        return SqlRenderer.render(expr);
    }

    public String where() {
        return where;
    }

    /** The typed tree the evaluator runs. */
    public Expr expr() {
        return expr;
    }

    /**
     * Top-level AND conjuncts of the form {@code column = constant}, {@code column = $n} or
     * {@code column IN (constants)}, with the constants as the column type's text output (what pgoutput sends),
     * so that an index can look rows up by their raw value.
     * <p>
     * The comparison may be in another type than the column's when the two compare alike: {@code int8_col = 1} (the
     * constant, an int4, is cast to int8), {@code int2_col = 1} (the column is cast to int4), {@code varchar_col = 'x'}
     * (compared as text). A conjunct that is TRUE then means the column's value is the constant's, and so is its text.
     * Anything else (numeric against an integer, bpchar against text, …) gives no term.
     */
    public List<EqualityTerm> equalityTerms() {
        List<Expr> conjuncts = expr instanceof Expr.And a ? a.args() : List.of(expr);
        List<EqualityTerm> out = new ArrayList<>();
        for (Expr c : conjuncts) {
            if (c instanceof Expr.Call call && call.name().equals("=") && call.syntax() == Expr.Syntax.INFIX) {
                Expr l = call.args().get(0);
                Expr r = call.args().get(1);
                Expr.Column col = comparedColumn(l);
                Expr constant = r;
                if (col == null) {
                    col = comparedColumn(r);
                    constant = l;
                }
                String v = col == null ? null : constantText(constant, col.type());
                if (v != null) {
                    out.add(new EqualityTerm(col.name(), List.of(v)));
                }
            } else if (c instanceof Expr.In in && !in.isNot() && comparedColumn(in.arg()) != null) {
                Expr.Column col = comparedColumn(in.arg());
                List<String> values = new ArrayList<>();
                for (Expr item : in.items()) {
                    String v = constantText(item, col.type());
                    if (v == null) {
                        values = null;
                        break;
                    }
                    values.add(v);
                }
                if (values != null) {
                    out.add(new EqualityTerm(col.name(), List.copyOf(values)));
                }
            }
        }
        return out;
    }

    /** The column a side of a comparison is: bare, or cast to a type that compares its values alike. */
    private static Expr.Column comparedColumn(Expr e) {
        if (e instanceof Expr.Column col) {
            return col;
        }
        if (e instanceof Expr.Call cast && cast.syntax() == Expr.Syntax.CAST && cast.args().size() == 1
                && cast.args().get(0) instanceof Expr.Column col && comparesAlike(col.type(), cast.type())) {
            return col;
        }
        return null;
    }

    /**
     * The text a column of {@code columnType} holds when it equals {@code e}, or null when {@code e} is no constant
     * (a literal or {@code $n}, possibly cast), is NULL, or is compared in a type whose equality differs.
     */
    private static String constantText(Expr e, PgType columnType) {
        if (!comparesAlike(e.type(), columnType)) {
            return null;
        }
        Object v = constantValue(e);
        // Integers are Longs and text and varchar Strings whatever their type, so the column type's output fits.
        return v == null ? null : TypeIO.output(columnType).apply(v);
    }

    /** The value of a literal or param, through casts within integers or within text and varchar; else null. */
    private static Object constantValue(Expr e) {
        if (e instanceof Expr.Const c) {
            return c.value();
        }
        if (e instanceof Expr.Param p) {
            return p.value();
        }
        if (e instanceof Expr.Call cast && cast.syntax() == Expr.Syntax.CAST && cast.args().size() == 1
                && comparesAlike(cast.args().get(0).type(), cast.type())) {
            Object inner = constantValue(cast.args().get(0));
            if (inner == null) {
                return null;
            }
            try {
                return cast.fn().apply(inner, null);
            } catch (RuntimeException outOfRange) {
                return null; // e.g. 70000::int2: Postgres raises, the evaluator rejects every row
            }
        }
        return null;
    }

    /**
     * Whether a value of type {@code a} and its cast to {@code b} are equal to the same values: a cast between integer
     * types keeps the number (or raises), and one between text and varchar keeps the string.
     */
    private static boolean comparesAlike(PgType a, PgType b) {
        return a.equals(b) || INTEGERS.contains(a.name()) && INTEGERS.contains(b.name())
                || TEXTS.contains(a.name()) && TEXTS.contains(b.name());
    }

    private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8");
    private static final Set<String> TEXTS = Set.of("text", "varchar");

    @Override
    public String toString() {
        return where;
    }
}
