package io.quarkiverse.sync.runtime.pg;

/**
 * Quoting of SQL identifiers. Every name that reaches SQL text goes through {@link #quote(String)}: user text is never
 * pasted into a statement.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** {@code my "odd" name} becomes {@code "my ""odd"" name"}. */
    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An identifier cannot contain a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + '.' + quote(name);
    }
}
