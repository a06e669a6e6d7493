package io.quarkiverse.sync.runtime.engine;

/** A shape definition that does not fit the database: unknown table or column, missing key column. */
public final class ShapeDefinitionException extends Exception {

    private final String param;

    /**
     * @param param the protocol parameter the problem belongs to ({@code table}, {@code columns}, …)
     * @param message the message, worded as the protocol's 400 bodies (§2.3)
     */
    public ShapeDefinitionException(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
