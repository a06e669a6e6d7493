package io.quarkiverse.sync.runtime;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.SyncShape;
import io.quarkiverse.sync.runtime.engine.ActiveShape;
import io.quarkiverse.sync.runtime.engine.EngineConfig;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;
import io.quarkiverse.sync.runtime.engine.SyncEngine;
import io.quarkiverse.sync.runtime.http.EntityForms;
import io.quarkiverse.sync.runtime.http.LiveWaiters;
import io.quarkiverse.sync.runtime.http.MessageTransform;
import io.quarkiverse.sync.runtime.http.ShapeResponder;
import io.quarkiverse.sync.runtime.http.ShapeResponse;
import io.quarkiverse.sync.runtime.http.SharedAnswers;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs the sync engine on the application's default datasource and serves the {@link SyncShape}s that resource
 * methods return.
 */
@Singleton
public class SyncShapeService {

    private final EntityTables entityTables;
    private final SyncEngine engine;
    private final ShapeResponder responder;
    private final LiveWaiters<ActiveShape> waiters = new LiveWaiters<>();
    private final InFlightRequests inFlight = new InFlightRequests();
    private final ConcurrentHashMap<ShapeDefinition, CompletableFuture<ShapeResponse>> refetching = new ConcurrentHashMap<>();
    private final EntityForms entityForms;

    SyncShapeService(AgroalDataSource dataSource, EntityTables entityTables, SyncRuntimeConfig config, Config all,
            Instance<ObjectMapper> objectMapper) {
        this.entityTables = entityTables;
        // The application's mapper, so that an entity form is the JSON its REST endpoints write.
        this.entityForms = new EntityForms(objectMapper::get);
        SyncRuntimeConfig.Replication replication = config.replication();
        this.engine = new SyncEngine(new EngineConfig(
                all.getValue("quarkus.datasource.jdbc.url", String.class),
                all.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                all.getOptionalValue("quarkus.datasource.password", String.class).orElse(null),
                Path.of(config.storageDir()), config.chunkBytesThreshold().asLongValue(),
                replication.slot(), replication.temporarySlot(), replication.publication(),
                replication.flushInterval()), dataSource);
        this.responder = new ShapeResponder(dataSource, engine, config.cacheMaxAge().toSeconds(),
                config.cacheStaleAge().toSeconds(), config.longPollTimeout().toMillis());
        engine.onAppend(waiters::wake);
    }

    void start(@Observes StartupEvent event) throws Exception {
        engine.start();
    }

    @PreDestroy
    void stop() {
        waiters.close();
        engine.close();
    }

    /** The waiting requests of dynamic shapes, which interrupts reach. */
    public InFlightRequests inFlight() {
        return inFlight;
    }

    /** Parked live requests, woken by the engine when their shape's log grows. */
    public LiveWaiters<ActiveShape> waiters() {
        return waiters;
    }

    public SyncEngine engine() {
        return engine;
    }

    /** Blocking: reads the database and the shape log. A live request with nothing new comes back as a Wait. */
    public ShapeResponder.Outcome serve(SyncShape concrete, java.util.Set<String> queryNames,
            Function<String, String> query, Function<String, String> header) {
        return responder.respond(definition(concrete), queryNames, query, header);
    }

    /**
     * Blocking: the 409 that sends a client from its shape to the one this definition now gives. An interrupt wakes
     * many requests whose suppliers give the same new shape at once: those asking together share one answer (one
     * connection, one catalog check) instead of each building its own.
     */
    public ShapeResponse refetch(ShapeDefinition definition) {
        CompletableFuture<ShapeResponse> mine = new CompletableFuture<>();
        CompletableFuture<ShapeResponse> running = refetching.putIfAbsent(definition, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            ShapeResponse response = responder.refetch(definition);
            mine.complete(response);
            return response;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            refetching.remove(definition, mine);
        }
    }

    /** Blocking: serves a shape the client defined (the Electric endpoint); definition errors are 400s. */
    public ShapeResponder.Outcome serve(ShapeDefinition definition, java.util.Set<String> queryNames,
            Function<String, String> query, Function<String, String> header) {
        return responder.respond(definition, queryNames, query, header, true);
    }

    /** Blocking: the answer to a live request that was parked. */
    public ShapeResponse afterWait(ShapeResponder.Wait wait, boolean timedOut) {
        return responder.afterWait(wait, timedOut);
    }

    /** The transform step of a concrete shape: {@link MessageTransform#NONE} when it has no transform. */
    public MessageTransform transform(SyncShape concrete) {
        return entityForms.transform(concrete);
    }

    /**
     * The answer to a parked live request whose shape changed: computed once on a worker for all the requests at the
     * same offset that the change woke ({@code shared}), then given to each with its own cursor. Never blocks.
     */
    public CompletableFuture<ShapeResponse> afterChange(ShapeResponder.Wait wait, SharedAnswers shared) {
        return responder.afterChange(wait, shared, Infrastructure.getDefaultWorkerPool());
    }

    /** The definition of a concrete (not dynamic) shape. */
    public ShapeDefinition definition(SyncShape shape) {
        String schema;
        String table;
        if (shape.entity().isPresent()) {
            Class<?> entity = shape.entity().get();
            EntityTables.TableName name = entityTables.of(entity).orElseThrow(() -> new IllegalArgumentException(
                    "SyncShape.of(" + entity.getSimpleName() + ".class): " + entity.getName()
                            + " is not a JPA entity of this application (no @Entity class with that name was found at build time)"));
            schema = name.schema();
            table = name.name();
        } else {
            schema = shape.schema().orElseThrow();
            table = shape.table().orElseThrow();
        }
        java.util.Map<String, String> params = new java.util.HashMap<>();
        for (int i = 0; i < shape.params().size(); i++) {
            params.put(Integer.toString(i + 1), shape.params().get(i));
        }
        return new ShapeDefinition(schema, table, shape.columns(), shape.replica(), shape.log(), shape.where(), params);
    }
}
