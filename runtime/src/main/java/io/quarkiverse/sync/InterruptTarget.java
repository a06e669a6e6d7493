package io.quarkiverse.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which waiting requests {@link Sync#interrupt(InterruptTarget)} re-evaluates: every given part must equal the
 * shape's (a subset match), so a broader target interrupts more requests. Over-interrupting is cheap: a request whose
 * shape did not change just goes on waiting.
 *
 * <pre>{@code
 * Sync.interrupt(InterruptTarget.table("todos").where("owner_id = $1").params(ownerId));
 * }</pre>
 */
public final class InterruptTarget {

    private final String schema;
    private final String table;
    private final String where;
    private final Map<String, String> params;
    private final List<String> columns;

    private InterruptTarget(String schema, String table, String where, Map<String, String> params,
            List<String> columns) {
        this.schema = schema;
        this.table = table;
        this.where = where;
        this.params = params;
        this.columns = columns;
    }

    /** Shapes of this table, in any schema unless {@link #schema(String)} says. */
    public static InterruptTarget table(String table) {
        return new InterruptTarget(null, Objects.requireNonNull(table, "table"), null, null, null);
    }

    /** Every shape (narrow it with the other methods). */
    public static InterruptTarget any() {
        return new InterruptTarget(null, null, null, null, null);
    }

    public InterruptTarget schema(String schema) {
        return new InterruptTarget(Objects.requireNonNull(schema, "schema"), table, where, params, columns);
    }

    /** Shapes whose where-clause is exactly this text. */
    public InterruptTarget where(String where) {
        return new InterruptTarget(schema, table, Objects.requireNonNull(where, "where"), params, columns);
    }

    /** Shapes whose where-clause parameters are exactly these values (converted as {@link SyncShape#where} does). */
    public InterruptTarget params(Object... values) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(Integer.toString(i + 1), ParamText.of(values[i], i + 1));
        }
        return new InterruptTarget(schema, table, where, map, columns);
    }

    /** Shapes selecting exactly these columns. */
    public InterruptTarget columns(String... columns) {
        return new InterruptTarget(schema, table, where, params, List.copyOf(new ArrayList<>(List.of(columns))));
    }

    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    public Optional<String> table() {
        return Optional.ofNullable(table);
    }

    public Optional<String> where() {
        return Optional.ofNullable(where);
    }

    /** Keyed {@code "1"}, {@code "2"}, … */
    public Optional<Map<String, String>> params() {
        return Optional.ofNullable(params);
    }

    public Optional<List<String>> columns() {
        return Optional.ofNullable(columns);
    }

    @Override
    public String toString() {
        return "InterruptTarget[schema=" + schema + ", table=" + table + ", where=" + where + ", params=" + params
                + ", columns=" + columns + "]";
    }
}
