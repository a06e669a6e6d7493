package io.quarkiverse.sync.deployment;

import java.util.List;

import io.quarkus.builder.item.MultiBuildItem;

/**
 * A declarative shape ({@code quarkus.sync.shapes."<name>"}) that passed build-time validation, resolved to its table:
 * what the route serving it needs.
 */
public final class DeclarativeShapeBuildItem extends MultiBuildItem {

    private final String name;
    private final String path;
    private final String schema;
    private final String table;
    private final List<String> columns;
    private final String where;
    private final List<String> params;
    private final String replica;
    private final String log;

    /**
     * @param columns the selected columns, or null for all
     * @param where the where-clause, or null
     * @param replica a {@code io.quarkiverse.sync.Replica} constant name
     * @param log a {@code io.quarkiverse.sync.LogMode} constant name
     */
    public DeclarativeShapeBuildItem(String name, String path, String schema, String table, List<String> columns,
            String where, List<String> params, String replica, String log) {
        this.name = name;
        this.path = path;
        this.schema = schema;
        this.table = table;
        this.columns = columns;
        this.where = where;
        this.params = List.copyOf(params);
        this.replica = replica;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public String path() {
        return path;
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    public List<String> columns() {
        return columns;
    }

    public String where() {
        return where;
    }

    public List<String> params() {
        return params;
    }

    public String replica() {
        return replica;
    }

    public String log() {
        return log;
    }
}
