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

    private final String where;
    private final Ast ast;
    private final Expr expr;
    private final Interpreter.Eval root;
    private final Set<String> columns;
    private final String sql;
    private final WhereEvaluator evaluator;

    private WhereClause(String where, Ast ast, Expr expr, Interpreter.Eval root, Set<String> columns,
            CompiledWhereEvaluator compiled) {
        this.where = where;
        this.ast = ast;
        this.expr = expr;
        this.root = root;
        this.columns = Collections.unmodifiableSet(new LinkedHashSet<>(columns));
        this.sql = SqlRenderer.render(expr);
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
            return new WhereClause(where, ast, expr, interpreter.root(), checker.columns(), compiled);
        } catch (WhereException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
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

    public Set<String> referencedColumns() {
        return columns;
    }

    /** SQL for the snapshot query: identifiers quoted, every constant and param a quoted literal with a cast. */
    public String normalizedSql() {
        return sql;
    }

    public String where() {
        return where;
    }

    /** The parse tree, with byte positions. */
    public Ast ast() {
        return ast;
    }

    /** The typed tree the evaluator runs. */
    public Expr expr() {
        return expr;
    }

    /**
     * Top-level AND conjuncts of the form {@code column = constant}, {@code column = $n} or
     * {@code column IN (constants)}, with the constants as the column type's text output (what pgoutput sends),
     * so that an index can look rows up by their raw value.
     */
    public List<EqualityTerm> equalityTerms() {
        List<Expr> conjuncts = expr instanceof Expr.And a ? a.args() : List.of(expr);
        List<EqualityTerm> out = new ArrayList<>();
        for (Expr c : conjuncts) {
            if (c instanceof Expr.Call call && call.name().equals("=") && call.syntax() == Expr.Syntax.INFIX) {
                Expr l = call.args().get(0);
                Expr r = call.args().get(1);
                if (r instanceof Expr.Column && !(l instanceof Expr.Column)) {
                    Expr t = l;
                    l = r;
                    r = t;
                }
                String v = l instanceof Expr.Column col ? constantText(r, col.type()) : null;
                if (v != null) {
                    out.add(new EqualityTerm(((Expr.Column) l).name(), List.of(v)));
                }
            } else if (c instanceof Expr.In in && !in.isNot() && in.arg() instanceof Expr.Column col) {
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

    private static String constantText(Expr e, PgType columnType) {
        Object v;
        if (e instanceof Expr.Const c && c.type().equals(columnType)) {
            v = c.value();
        } else if (e instanceof Expr.Param p && p.type().equals(columnType)) {
            v = p.value();
        } else {
            return null;
        }
        return v == null ? null : TypeIO.output(columnType).apply(v);
    }

    @Override
    public String toString() {
        return where;
    }
}
