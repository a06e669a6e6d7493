package io.quarkiverse.sync.runtime.where;

import java.util.List;

/**
 * What a generated evaluator needs from one compiled clause, by the pre-order node index of {@link WherePlan}: the
 * folded constants (param values included), the resolved operators and the interpreter's nodes it does not compile
 * itself. The generated factory reads these once, when the shape is created; it first checks that the interpreter
 * folded the clause as the plan predicted ({@link #isComputed}, {@link #isConstant}).
 */
public final class WhereBindings {

    private final List<Expr> nodes;
    private final Interpreter interpreter;

    WhereBindings(Expr root, Interpreter interpreter) {
        this.nodes = WherePlan.preorder(root);
        this.interpreter = interpreter;
    }

    private Interpreter.Eval built(int node) {
        return node < nodes.size() ? interpreter.built(nodes.get(node)) : null;
    }

    /** Whether the interpreter evaluates the node per row (it was not folded to a constant). */
    public boolean isComputed(int node) {
        Interpreter.Eval e = built(node);
        return e != null && !Interpreter.isConstant(e);
    }

    /** Whether the interpreter folded the node to a constant. */
    public boolean isConstant(int node) {
        return Interpreter.isConstant(built(node));
    }

    /** Whether the interpreter has an evaluator for the node, constant or not. */
    public boolean isBuilt(int node) {
        return built(node) != null;
    }

    /** The folded value of a constant node (null for SQL NULL). */
    public Object constant(int node) {
        return Interpreter.constantValue(built(node));
    }

    /** The interpreter's evaluator of the node. */
    public CompiledWhereSupport.Subexpression subexpression(int node) {
        return built(node);
    }

    /** The operator of a call, the {@code =} of IS DISTINCT FROM, the operator of ANY/ALL, greatest/least's order. */
    public CompiledWhereSupport.Function function(int node) {
        Expr e = nodes.get(node);
        if (e instanceof Expr.Call c) {
            return c.fn();
        }
        if (e instanceof Expr.Distinct d) {
            return d.eq();
        }
        if (e instanceof Expr.Quantified q) {
            return q.fn();
        }
        if (e instanceof Expr.Variadic v) {
            return v.compare();
        }
        throw new IllegalArgumentException("node " + node + " has no function");
    }

    /** The {@code =} an IN list compares its {@code item}-th item with. */
    public CompiledWhereSupport.Function inEquality(int node, int item) {
        return ((Expr.In) nodes.get(node)).eqs().get(item);
    }

    /** The input function of a column node's type (text to value). */
    public java.util.function.Function<String, Object> input(int node) {
        return TypeIO.input(nodes.get(node).type());
    }
}
