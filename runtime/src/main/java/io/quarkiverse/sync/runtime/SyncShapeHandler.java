package io.quarkiverse.sync.runtime;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;
import org.jboss.resteasy.reactive.server.vertx.VertxResteasyReactiveRequestContext;

import io.quarkiverse.sync.SyncShape;
import io.quarkiverse.sync.runtime.http.LiveWaiters;
import io.quarkiverse.sync.runtime.http.ShapeResponder;
import io.quarkiverse.sync.runtime.http.ShapeResponse;
import io.quarkiverse.sync.runtime.protocol.ElectricHeaders;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs in the quarkus-rest handler chain right after a resource method that returns {@link SyncShape}: it replaces
 * the returned shape by the protocol response, so the shape is never handed to a JSON serializer. A live request with
 * nothing new is suspended, holding no thread, until its shape changes or the long-poll timeout passes.
 */
public class SyncShapeHandler implements ServerRestHandler {

    @Override
    public void handle(ResteasyReactiveRequestContext requestContext) {
        if (!(requestContext.getResult() instanceof SyncShape shape)) {
            return;
        }
        RoutingContext routing = ((VertxResteasyReactiveRequestContext) requestContext).getContext();
        if (BlockingOperationControl.isBlockingAllowed()) {
            serve(requestContext, shape, routing, false);
            return;
        }
        // A @NonBlocking resource method: serving reads the database, so leave the event loop.
        requestContext.suspend();
        Infrastructure.getDefaultWorkerPool().execute(() -> serve(requestContext, shape, routing, true));
    }

    private static void serve(ResteasyReactiveRequestContext requestContext, SyncShape shape, RoutingContext routing,
            boolean suspended) {
        SyncShapeService service = Arc.container().instance(SyncShapeService.class).get();
        ShapeResponder.Outcome outcome;
        try {
            outcome = service.serve(shape, routing.queryParams()::get, routing.request()::getHeader);
        } catch (RuntimeException e) {
            fail(requestContext, e, suspended);
            return;
        }
        if (outcome instanceof ShapeResponder.Done done) {
            complete(requestContext, routing, done.response(), suspended);
            return;
        }
        ShapeResponder.Wait wait = (ShapeResponder.Wait) outcome;
        if (!suspended) {
            requestContext.suspend();
        }
        LiveWaiters<io.quarkiverse.sync.runtime.engine.ActiveShape>.Waiter waiter = service.waiters().await(
                wait.shape(), wait.timeoutMillis(), why -> Infrastructure.getDefaultWorkerPool().execute(() -> {
                    try {
                        complete(requestContext, routing,
                                service.afterWait(wait, why == LiveWaiters.Wake.TIMEOUT), true);
                    } catch (RuntimeException e) {
                        fail(requestContext, e, true);
                    }
                }));
        // Race guard: a change committed between the read and the registration would not wake us.
        if (wait.shape().isInvalidated() || wait.shape().log().lastOffset().compareTo(wait.request().offset()) > 0) {
            waiter.wakeNow();
        }
    }

    private static void complete(ResteasyReactiveRequestContext requestContext, RoutingContext routing,
            ShapeResponse response, boolean suspended) {
        requestContext.setResult(toJaxRs(response, routing));
        if (suspended) {
            requestContext.resume();
        }
    }

    private static void fail(ResteasyReactiveRequestContext requestContext, Throwable error, boolean suspended) {
        requestContext.handleException(error, true);
        if (suspended) {
            requestContext.resume();
        }
    }

    private static Response toJaxRs(ShapeResponse response, RoutingContext routing) {
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
