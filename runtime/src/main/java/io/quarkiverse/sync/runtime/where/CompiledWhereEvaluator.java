package io.quarkiverse.sync.runtime.where;

/** A generated evaluator. It gives the interpreter's answer on every row. */
public interface CompiledWhereEvaluator extends WhereEvaluator {

    /** Three-valued result: TRUE, FALSE or null; throws where the interpreter throws. */
    Boolean evaluate(RowValues row);
}
