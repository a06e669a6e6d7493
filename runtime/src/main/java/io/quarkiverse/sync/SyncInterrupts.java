package io.quarkiverse.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.sync.runtime.EntityTables;
import io.quarkiverse.sync.runtime.InFlightRequests;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Interrupts waiting live requests of dynamic shapes (see {@link Sync}, whose static methods delegate here). Inject it
 * where a static call is not wanted, e.g. in tests.
 */
@Singleton
public class SyncInterrupts {

    /** The Vert.x event bus address interrupts are published on; every instance of the application consumes it. */
    public static final String ADDRESS = "quarkus-sync.interrupt";

    private static final Logger LOG = Logger.getLogger(SyncInterrupts.class);

    private final String instance = UUID.randomUUID().toString();
    private final InFlightRequests requests;
    private final SyncShapeService service;
    private final EntityTables entityTables;
    private final Vertx vertx;

    SyncInterrupts(SyncShapeService service, EntityTables entityTables, Vertx vertx) {
        this.service = service;
        this.requests = service.inFlight();
        this.entityTables = entityTables;
        this.vertx = vertx;
    }

    void listen(@Observes StartupEvent event) {
        vertx.eventBus().<JsonObject> consumer(ADDRESS, message -> {
            JsonObject body = message.body();
            if (!instance.equals(body.getString("origin"))) {
                int count = requests.interrupt(matcher(body));
                LOG.debugf("Interrupt from another instance: %d requests", count);
            }
        });
    }

    public int interrupt(Class<?> entity) {
        EntityTables.TableName name = entityTables.of(entity).orElseThrow(() -> new IllegalArgumentException(
                entity.getName() + " is not a JPA entity of this application"));
        return interrupt(InterruptTarget.table(name.name()).schema(name.schema()));
    }

    public int interrupt(String table) {
        return interrupt(InterruptTarget.table(table));
    }

    public int interrupt(InterruptTarget target) {
        return publishAndApply(toJson(target).put("exact", false));
    }

    public int interrupt(SyncShape shape) {
        ShapeDefinition definition = service.definition(shape.resolve());
        InterruptTarget target = InterruptTarget.table(definition.table()).schema(definition.schema());
        JsonObject json = toJson(target).put("exact", true)
                .put("where", definition.where().orElse(null))
                .put("params", new JsonObject(Map.copyOf(definition.params())))
                .put("columns", definition.columns().map(JsonArray::new).orElse(null));
        return publishAndApply(json);
    }

    /** Local only: a predicate cannot travel over the event bus. */
    public int interrupt(Predicate<SyncShape> matcher) {
        return requests.interrupt(request -> matcher.test(request.concrete()));
    }

    /**
     * Published as a {@link JsonObject}: Vert.x's built-in JSON codec carries it between the nodes of a clustered event
     * bus (a body with a local-only codec could not leave this JVM).
     */
    private int publishAndApply(JsonObject target) {
        target.put("origin", instance);
        vertx.eventBus().publish(ADDRESS, target);
        return requests.interrupt(matcher(target));
    }

    private static JsonObject toJson(InterruptTarget target) {
        JsonObject json = new JsonObject();
        target.schema().ifPresent(v -> json.put("schema", v));
        target.table().ifPresent(v -> json.put("table", v));
        target.where().ifPresent(v -> json.put("where", v));
        target.params().ifPresent(v -> json.put("params", new JsonObject(Map.copyOf(v))));
        target.columns().ifPresent(v -> json.put("columns", new JsonArray(v)));
        return json;
    }

    /** Subset match of the given parts; with {@code exact}, absent parts must be absent on the shape too. */
    private static Predicate<InFlightRequests.InFlight> matcher(JsonObject target) {
        Target parsed = Target.of(target);
        return request -> parsed.matches(request.definition());
    }

    /**
     * A target read once from its JSON form (the form it travels in), so that testing each of many waiting requests
     * compares strings and allocates nothing.
     */
    private record Target(boolean exact, String schema, String table, String where, Map<String, String> params,
            List<String> columns) {

        static Target of(JsonObject json) {
            JsonObject params = json.getJsonObject("params");
            Map<String, String> paramMap = null;
            if (params != null) {
                paramMap = new HashMap<>();
                for (Map.Entry<String, Object> entry : params) {
                    paramMap.put(entry.getKey(), String.valueOf(entry.getValue()));
                }
            }
            JsonArray columns = json.getJsonArray("columns");
            List<String> columnList = null;
            if (columns != null) {
                columnList = new ArrayList<>(columns.size());
                for (Object column : columns) {
                    columnList.add(String.valueOf(column));
                }
            }
            return new Target(json.getBoolean("exact", false), json.getString("schema"), json.getString("table"),
                    json.getString("where"), paramMap, columnList);
        }

        boolean matches(ShapeDefinition d) {
            return (schema == null || schema.equals(d.schema()))
                    && (table == null || table.equals(d.table()))
                    && (where != null ? where.equals(d.where().orElse(null)) : !exact || d.where().isEmpty())
                    && (params != null ? params.equals(d.params()) : !exact || d.params().isEmpty())
                    && (columns != null ? columns.equals(d.columns().orElse(null)) : !exact || d.columns().isEmpty());
        }
    }
}
