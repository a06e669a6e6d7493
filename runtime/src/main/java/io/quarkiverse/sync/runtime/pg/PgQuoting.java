package io.quarkiverse.sync.runtime.pg;

/**
 * Quoting of names and literals for SQL text we must build ourselves (DDL, {@code SET}, replication commands), where
 * bind parameters are not available. Everything that names a database object goes through {@link #identifier}.
 */
public final class PgQuoting {

    private PgQuoting() {
    }

    /**
     * A quoted identifier: {@code my "odd" Table} becomes {@code "my ""odd"" Table"}. Always quoted, so case and
     * spaces are kept and keywords are harmless.
     *
     * @throws IllegalArgumentException for an empty name or one containing a NUL character, which Postgres cannot
     *         store
     */
    public static String identifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("An SQL identifier must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An SQL identifier must not contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"} */
    public static String qualified(String schema, String table) {
        return identifier(schema) + "." + identifier(table);
    }

    /**
     * A standard-conforming string literal: {@code it's} becomes {@code 'it''s'}. Our connections run with
     * {@code standard_conforming_strings=on} (the default since PostgreSQL 9.1), so backslashes need no escaping.
     */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An SQL string literal must not contain a NUL character");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
