package io.quarkiverse.sync.runtime.where;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a code generator may compile of a typed where clause, decided from its text and column types alone (the
 * {@code $n} values are not known at build time). Every node of the typed tree gets its pre-order index, the number
 * {@link WhereBindings} hands the run-time values out by, and one of three kinds:
 * <ul>
 * <li>{@link Kind#CONSTANT}: no column and nothing stable below, so the interpreter folds it to a constant;</li>
 * <li>{@link Kind#COMPUTED}: generated code evaluates it per row, exactly as the interpreter's node does;</li>
 * <li>{@link Kind#INTERPRETED}: generated code calls the interpreter's own node (arrays, subscripts, IN lists with
 * columns among the items, concat): rare in shapes, and copying their folding rules would only add risk.</li>
 * </ul>
 * The prediction is checked at run time ({@link WhereBindings}): when the param values make the interpreter fold
 * differently (a {@code $1} that decides an AND, a NULL constant in a strict call), the generated class is not used.
 */
public final class WherePlan {

    public enum Kind {
        CONSTANT,
        COMPUTED,
        INTERPRETED
    }

    /** One node of the typed tree. */
    public static final class Node {
        private final int index;
        private final Expr expr;
        private final Kind kind;
        private final List<Node> children;

        Node(int index, Expr expr, Kind kind, List<Node> children) {
            this.index = index;
            this.expr = expr;
            this.kind = kind;
            this.children = children;
        }

        /** The node's pre-order index in the typed tree. */
        public int index() {
            return index;
        }

        public Expr expr() {
            return expr;
        }

        public Kind kind() {
            return kind;
        }

        /** The node's operands, in {@link #childrenOf(Expr)} order. */
        public List<Node> children() {
            return children;
        }

        public Node child(int i) {
            return children.get(i);
        }
    }

    private final String where;
    private final Node root;
    private final int size;
    private final Map<String, PgType> columnTypes;

    private WherePlan(String where, Node root, int size, Map<String, PgType> columnTypes) {
        this.where = where;
        this.root = root;
        this.size = size;
        this.columnTypes = columnTypes;
    }

    /**
     * Type-checks {@code where} against {@code schema} without param values and plans it.
     *
     * @throws WhereException when the clause does not compile (build-time validation reports that, not this)
     */
    public static WherePlan of(String where, WhereSchema schema) throws WhereException {
        try {
            Ast ast = Parser.parse(where);
            TypeChecker checker = new TypeChecker(schema, Map.of(), true);
            Expr expr = checker.check(ast);
            Map<String, PgType> types = new LinkedHashMap<>();
            for (String c : checker.columns()) {
                types.put(c, schema.type(c));
            }
            int[] counter = { 0 };
            Node root = plan(expr, counter);
            return new WherePlan(where, root, counter[0], Collections.unmodifiableMap(types));
        } catch (WhereException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw WhereException.where("could not compile where clause: " + e);
        }
    }

    public String where() {
        return where;
    }

    public Node root() {
        return root;
    }

    /** Number of nodes in the typed tree. */
    public int size() {
        return size;
    }

    /** The referenced columns and their types, the generated class's applicability condition. */
    public Map<String, PgType> columnTypes() {
        return columnTypes;
    }

    /** The registry key of a generated class for this clause ({@link CompiledWheres#key}). */
    public String key() {
        return CompiledWheres.key(where, columnTypes);
    }

    /** The operands of a node, in the order the interpreter evaluates them. */
    public static List<Expr> childrenOf(Expr e) {
        return Interpreter.children(e);
    }

    /** All nodes in pre-order, indexed as {@link Node#index()} numbers them. */
    static List<Expr> preorder(Expr root) {
        List<Expr> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Expr e, List<Expr> out) {
        out.add(e);
        for (Expr c : Interpreter.children(e)) {
            collect(c, out);
        }
    }

    private static Node plan(Expr e, int[] counter) {
        int index = counter[0]++;
        List<Node> children = new ArrayList<>();
        for (Expr c : Interpreter.children(e)) {
            children.add(plan(c, counter));
        }
        return new Node(index, e, kind(e, children), Collections.unmodifiableList(children));
    }

    private static Kind kind(Expr e, List<Node> children) {
        if (foldsToConstant(e, children)) {
            return Kind.CONSTANT;
        }
        if (e instanceof Expr.Column || e instanceof Expr.And || e instanceof Expr.Or || e instanceof Expr.Not
                || e instanceof Expr.NullTest || e instanceof Expr.BoolTest || e instanceof Expr.Distinct
                || e instanceof Expr.Quantified) {
            return Kind.COMPUTED;
        }
        if (e instanceof Expr.Call c) {
            boolean nonStrict = Functions.nonStrict(c.name(), c.type());
            return c.args().size() == 2 || c.args().size() == 1 && !nonStrict ? Kind.COMPUTED : Kind.INTERPRETED;
        }
        if (e instanceof Expr.In) {
            // `x IN (constants)`: the interpreter's arms are then the items in order; other forms reorder them.
            boolean itemsConstant = true;
            for (int i = 1; i < children.size(); i++) {
                itemsConstant &= children.get(i).kind == Kind.CONSTANT;
            }
            return children.get(0).kind != Kind.CONSTANT && itemsConstant ? Kind.COMPUTED : Kind.INTERPRETED;
        }
        if (e instanceof Expr.Variadic v && !v.name().equals("concat")) {
            return Kind.COMPUTED;
        }
        return Kind.INTERPRETED;
    }

    /** Postgres folds a node when every input is constant and the node is not stable (see {@link Volatility}). */
    private static boolean foldsToConstant(Expr e, List<Node> children) {
        if (e instanceof Expr.Const || e instanceof Expr.Param) {
            return true;
        }
        if (e instanceof Expr.Column || Volatility.isStable(e)) {
            return false;
        }
        for (Node c : children) {
            if (c.kind != Kind.CONSTANT) {
                return false;
            }
        }
        return true;
    }
}
