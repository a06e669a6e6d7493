package io.quarkiverse.sync.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.SyncShape;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Hands build-time findings to the runtime. */
@Recorder
public class SyncRecorder {

    /**
     * The route of a declarative shape ({@code quarkus.sync.shapes."<name>"}), validated at build time.
     *
     * @param columns the selected columns, or null for all
     * @param where the where-clause, or null
     * @param params the where-clause's parameters as PostgreSQL text
     * @param replica a {@link Replica} constant name
     * @param log a {@link LogMode} constant name
     */
    public Handler<RoutingContext> declarativeShape(String schema, String table, List<String> columns, String where,
            List<String> params, String replica, String log) {
        SyncShape shape = SyncShape.table(schema, table).replica(Replica.valueOf(replica)).log(LogMode.valueOf(log));
        if (columns != null) {
            shape = shape.columns(columns.toArray(String[]::new));
        }
        if (where != null) {
            shape = shape.where(where, params.toArray());
        }
        return new DeclarativeShapeEndpoint(shape);
    }

    /**
     * @param tables entity class name → [schema, table]
     * @param defaultSchema {@code quarkus.hibernate-orm.database.default-schema} as the build read it ("" if unset)
     */
    public Supplier<EntityTables> entityTables(Map<String, List<String>> tables, String defaultSchema) {
        Map<String, EntityTables.TableName> names = new HashMap<>();
        tables.forEach((entity, name) -> names.put(entity, new EntityTables.TableName(name.get(0), name.get(1))));
        EntityTables entityTables = new EntityTables(names);
        return () -> {
            // Hibernate reads the default schema at run time; the entities' tables were resolved with the build's.
            String now = ConfigProvider.getConfig().getOptionalValue(DEFAULT_SCHEMA, String.class).orElse("");
            if (!now.equals(defaultSchema)) {
                Logger.getLogger(SyncRecorder.class).warnf("%s is \"%s\" at run time but was \"%s\" at build time: "
                        + "SyncShape.of(Entity.class) shapes use the tables of the build's schema; rebuild with the "
                        + "value the application runs with", DEFAULT_SCHEMA, now, defaultSchema);
            }
            return entityTables;
        };
    }

    private static final String DEFAULT_SCHEMA = "quarkus.hibernate-orm.database.default-schema";
}
