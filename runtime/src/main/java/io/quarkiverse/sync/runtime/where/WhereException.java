package io.quarkiverse.sync.runtime.where;

/**
 * A where clause or its params that cannot be compiled. {@link #getMessage()} is the text the protocol puts in the
 * 400 body; {@link #kind()} says under which key ({@code where} or {@code params}).
 */
public final class WhereException extends Exception {

    public enum Kind {
        /** Reported as {@code errors.where}. */
        WHERE,
        /** Reported as {@code errors.params}: malformed param keys. */
        PARAMS
    }

    private final Kind kind;

    public WhereException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** A where error at a byte offset of the user's text. */
    static WhereException at(int location, String reason) {
        return new WhereException(Kind.WHERE, "At location " + location + ": " + reason);
    }

    static WhereException where(String message) {
        return new WhereException(Kind.WHERE, message);
    }

    public Kind kind() {
        return kind;
    }
}
