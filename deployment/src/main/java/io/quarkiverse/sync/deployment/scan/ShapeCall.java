package io.quarkiverse.sync.deployment.scan;

import java.util.List;

/**
 * What the bytecode of a resource method says about one {@code SyncShape} it builds: the arguments of the builder calls
 * that are constants. A shape is static (checkable at build time) when {@link #notConstant()} is null.
 *
 * @param entityClass the class passed to {@code SyncShape.of(...)}, or null
 * @param schema the schema of {@code SyncShape.table(...)} ({@code public} for the one-argument form), or null
 * @param table the table of {@code SyncShape.table(...)}, or null
 * @param where the where-clause text, or null when {@code where(...)} is not called
 * @param paramCount how many parameters {@code where(...)} passes, or -1 when the array is not created in place
 * @param columns the columns of {@code columns(...)}, or null when not called
 * @param notConstant what is computed at run time ({@code "the where-clause"}…), or null when everything is constant
 */
public record ShapeCall(String entityClass, String schema, String table, String where, int paramCount,
        List<String> columns, String notConstant) {

    public static ShapeCall ofEntity(String entityClass) {
        return new ShapeCall(entityClass, null, null, null, 0, null, null);
    }

    public static ShapeCall ofTable(String schema, String table) {
        return new ShapeCall(null, schema, table, null, 0, null, null);
    }

    public static ShapeCall notConstant(String what) {
        return new ShapeCall(null, null, null, null, 0, null, what);
    }

    public ShapeCall withWhere(String sql, int params) {
        return new ShapeCall(entityClass, schema, table, sql, params, columns, notConstant);
    }

    public ShapeCall withColumns(List<String> names) {
        return new ShapeCall(entityClass, schema, table, where, paramCount, names, notConstant);
    }

    public ShapeCall withNotConstant(String what) {
        return new ShapeCall(entityClass, schema, table, where, paramCount, columns,
                notConstant != null ? notConstant : what);
    }

    public boolean isStatic() {
        return notConstant == null;
    }
}
