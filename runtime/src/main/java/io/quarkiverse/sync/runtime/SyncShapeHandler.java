package io.quarkiverse.sync.runtime;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;
import org.jboss.resteasy.reactive.server.vertx.VertxResteasyReactiveRequestContext;

import io.quarkiverse.sync.SyncShape;
import io.quarkiverse.sync.runtime.http.ShapeResponse;
import io.quarkiverse.sync.runtime.protocol.ElectricHeaders;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs in the quarkus-rest handler chain right after a resource method that returns {@link SyncShape}: it replaces
 * the returned shape by the protocol response, so the shape is never handed to a JSON serializer.
 */
public class SyncShapeHandler implements ServerRestHandler {

    @Override
    public void handle(ResteasyReactiveRequestContext requestContext) {
        if (!(requestContext.getResult() instanceof SyncShape shape)) {
            return;
        }
        RoutingContext routing = ((VertxResteasyReactiveRequestContext) requestContext).getContext();
        if (BlockingOperationControl.isBlockingAllowed()) {
            requestContext.setResult(serve(shape, routing));
            return;
        }
        // A @NonBlocking resource method: serving reads the database, so leave the event loop.
        requestContext.suspend();
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                requestContext.setResult(serve(shape, routing));
            } catch (Throwable t) {
                requestContext.handleException(t, true);
            }
            requestContext.resume();
        });
    }

    private static Response serve(SyncShape shape, RoutingContext routing) {
        ShapeResponse response = Arc.container().instance(SyncShapeService.class).get()
                .serve(shape, routing.queryParams()::get, routing.request()::getHeader);
        Response.ResponseBuilder builder = Response.status(response.status());
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        String origin = routing.request().getHeader("origin");
        if (origin == null) {
            builder.header("access-control-allow-origin", "*");
        } else {
            // The echoed origin makes the response differ per origin: say so to shared caches.
            builder.header("access-control-allow-origin", origin).header("vary", "Origin");
        }
        builder.header("access-control-expose-headers", ElectricHeaders.EXPOSE_HEADERS);
        if (response.body().length > 0) {
            builder.entity(response.body());
        }
        return builder.build();
    }
}
