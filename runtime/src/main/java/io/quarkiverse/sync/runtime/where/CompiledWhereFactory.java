package io.quarkiverse.sync.runtime.where;

/**
 * Implemented by the class generated at build time for one where-clause text and the types of the columns it
 * references. Registered with {@link CompiledWheres}; {@link WhereClause#compile} asks it for an evaluator once
 * the clause's param values are known.
 */
public interface CompiledWhereFactory {

    /**
     * The evaluator for one set of param values, or null when the interpreter folded the clause differently from the
     * plan the class was generated for (then the interpreter is used).
     */
    CompiledWhereEvaluator create(WhereBindings bindings);
}
