package io.quarkiverse.sync.runtime.where;

/**
 * A runtime error of an expression (overflow, division by zero, a value that does not parse), with Postgres'
 * message. Per row it only means "no match"; during constant folding it rejects the clause. No stack trace: it is
 * an expected outcome on the per-row path and must be cheap.
 */
final class EvalError extends RuntimeException {

    EvalError(String message) {
        super(message, null, false, false);
    }

    static EvalError outOfRange(String typeWord) {
        return new EvalError(typeWord + " out of range");
    }

    static EvalError invalid(String type, String value) {
        return new EvalError("invalid input syntax for type " + type + ": \"" + value + "\"");
    }
}
