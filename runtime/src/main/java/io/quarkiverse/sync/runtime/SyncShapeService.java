package io.quarkiverse.sync.runtime;

import java.util.function.Function;

import jakarta.inject.Singleton;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.SyncShape;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;
import io.quarkiverse.sync.runtime.engine.ShapeRegistry;
import io.quarkiverse.sync.runtime.http.ShapeResponder;
import io.quarkiverse.sync.runtime.http.ShapeResponse;

/** Serves the {@link SyncShape}s that resource methods return, on the application's default datasource. */
@Singleton
public class SyncShapeService {

    private final EntityTables entityTables;
    private final ShapeResponder responder;

    SyncShapeService(AgroalDataSource dataSource, EntityTables entityTables, SyncRuntimeConfig config) {
        this.entityTables = entityTables;
        this.responder = new ShapeResponder(dataSource, new ShapeRegistry(), config.cacheMaxAge().toSeconds(),
                config.cacheStaleAge().toSeconds());
    }

    /** Blocking: reads the database. */
    public ShapeResponse serve(SyncShape shape, Function<String, String> query, Function<String, String> header) {
        return responder.respond(definition(shape), query, header);
    }

    ShapeDefinition definition(SyncShape shape) {
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
        return new ShapeDefinition(schema, table, shape.columns(), shape.replica(), shape.log());
    }
}
