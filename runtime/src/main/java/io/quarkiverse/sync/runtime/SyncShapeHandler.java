package io.quarkiverse.sync.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;
import org.jboss.resteasy.reactive.server.vertx.VertxResteasyReactiveRequestContext;

import io.quarkiverse.sync.SyncShape;
import io.quarkiverse.sync.runtime.engine.ActiveShape;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;
import io.quarkiverse.sync.runtime.http.DatabaseFailures;
import io.quarkiverse.sync.runtime.http.ElectricResponses;
import io.quarkiverse.sync.runtime.http.LiveWaiters;
import io.quarkiverse.sync.runtime.http.MessageTransform;
import io.quarkiverse.sync.runtime.http.PostBody;
import io.quarkiverse.sync.runtime.http.RequestParams;
import io.quarkiverse.sync.runtime.http.ShapeResponder;
import io.quarkiverse.sync.runtime.http.ShapeResponse;
import io.quarkiverse.sync.runtime.http.SseOutput;
import io.quarkiverse.sync.runtime.http.SseStream;
import io.quarkiverse.sync.runtime.http.TransformedResponses;
import io.quarkiverse.sync.runtime.http.TransformingSseOutput;
import io.quarkiverse.sync.runtime.protocol.Cors;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs in the quarkus-rest handler chain right after a resource method that returns {@link SyncShape}: it replaces
 * the returned shape by the protocol response, so the shape is never handed to a JSON serializer. A live request with
 * nothing new is suspended, holding no thread, until its shape changes or the long-poll timeout passes; the requests a
 * change wakes at the same offset share one response, completed on their own event loops. On a method the application
 * declares with {@code @POST}, the request's JSON body carries subset parameters (protocol §4.9).
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
        SyncShape concrete;
        MessageTransform transform;
        ShapeResponder.Outcome outcome;
        try {
            RequestParams params = RequestParams.of(routing.queryParams().names(), routing.queryParams()::get);
            if (routing.request().method() == HttpMethod.POST) {
                // §4.9: subset parameters in a JSON body (a resource method that also declares @POST).
                RequestParams.WithBody merged = withBody(requestContext, params);
                if (merged instanceof RequestParams.Rejected rejected) {
                    complete(requestContext, routing, rejected.response(), suspended);
                    return;
                }
                params = ((RequestParams.Merged) merged).params();
            }
            concrete = shape.resolve();
            transform = service.transform(concrete);
            outcome = service.serve(concrete, params.names(), params::get,
                    transform.requestHeaders(routing.request()::getHeader));
        } catch (RuntimeException e) {
            fail(requestContext, e, suspended);
            return;
        }
        if (outcome instanceof ShapeResponder.Done done) {
            complete(requestContext, routing, forMethod(routing, TransformedResponses.apply(done.response(), transform)),
                    suspended);
            return;
        }
        if (!suspended) {
            requestContext.suspend();
        }
        if (outcome instanceof ShapeResponder.Stream stream) {
            SseOutput output = TransformingSseOutput.of(new ResponseSseOutput(requestContext, routing), transform);
            new SseStream(stream.shape(), stream.request(), output, service.waiters(),
                    Infrastructure.getDefaultWorkerPool(), stream.longPollTimeoutSeconds()).start();
            return;
        }
        ShapeResponder.Wait wait = (ShapeResponder.Wait) outcome;
        park(requestContext, routing, service, shape, concrete, transform, wait,
                System.currentTimeMillis() + wait.timeoutMillis());
    }

    /**
     * Parks a live request until its shape changes, the timeout passes, or (dynamic shapes) an interrupt asks it to
     * re-evaluate: an unchanged shape parks again for the time left, a changed one answers 409.
     */
    private static void park(ResteasyReactiveRequestContext requestContext, RoutingContext routing,
            SyncShapeService service, SyncShape original, SyncShape concrete, MessageTransform transform,
            ShapeResponder.Wait wait, long deadline) {
        InFlightRequests.InFlight[] registered = new InFlightRequests.InFlight[1];
        LiveWaiters<ActiveShape>.Waiter waiter = service.waiters().await(wait.shape(),
                Math.max(0, deadline - System.currentTimeMillis()), (why, shared) -> {
                    if (registered[0] != null) {
                        service.inFlight().remove(registered[0]);
                    }
                    if (why == LiveWaiters.Wake.CHANGED) {
                        // One answer for every request at this offset; each is written from its own event loop.
                        service.afterChange(wait, shared).whenComplete((response, error) -> {
                            if (error != null) {
                                fail(requestContext, error instanceof CompletionException && error.getCause() != null
                                        ? error.getCause()
                                        : error, true);
                            } else if (transform.isNone()) {
                                completeOnEventLoop(requestContext, routing, forMethod(routing, response));
                            } else {
                                // The shared plain answer, transformed per request: user code never runs on an event loop.
                                Infrastructure.getDefaultWorkerPool().execute(() -> complete(requestContext, routing,
                                        forMethod(routing, TransformedResponses.apply(response, transform)), true));
                            }
                        });
                        return;
                    }
                    Infrastructure.getDefaultWorkerPool().execute(() -> woken(requestContext, routing, service,
                            original, transform, wait, deadline, why));
                });
        if (original.isDynamic()) {
            registered[0] = new InFlightRequests.InFlight(concrete, wait.shape().shape().definition(), waiter::interrupt);
            service.inFlight().add(registered[0]);
        }
        // A client that goes away stops waiting at once, so parked requests never outlive their connection.
        requestContext.serverResponse().addCloseHandler(() -> {
            waiter.cancel();
            if (registered[0] != null) {
                service.inFlight().remove(registered[0]);
            }
        });
        // Race guard: a change committed between the read and the registration would not wake us.
        if (wait.shape().isInvalidated() || wait.shape().log().lastOffset().compareTo(wait.request().offset()) > 0) {
            waiter.wakeNow();
        }
    }

    private static void woken(ResteasyReactiveRequestContext requestContext, RoutingContext routing,
            SyncShapeService service, SyncShape original, MessageTransform transform, ShapeResponder.Wait wait,
            long deadline, LiveWaiters.Wake why) {
        try {
            if (why == LiveWaiters.Wake.INTERRUPTED) {
                SyncShape concrete = original.resolve();
                ShapeDefinition definition = service.definition(concrete);
                if (definition.equals(wait.shape().shape().definition())) {
                    // unchanged: wait on, with the transform the supplier gives now
                    park(requestContext, routing, service, original, concrete, service.transform(concrete), wait,
                            deadline);
                } else {
                    complete(requestContext, routing, forMethod(routing, service.refetch(definition)), true);
                }
                return;
            }
            ShapeResponse response = service.afterWait(wait, why == LiveWaiters.Wake.TIMEOUT);
            complete(requestContext, routing, forMethod(routing, TransformedResponses.apply(response, transform)), true);
        } catch (RuntimeException e) {
            fail(requestContext, e, true);
        }
    }

    private static void complete(ResteasyReactiveRequestContext requestContext, RoutingContext routing,
            ShapeResponse response, boolean suspended) {
        requestContext.setResult(toJaxRs(response, routing));
        if (suspended) {
            requestContext.resume();
        }
    }

    /** Reads the POST body on this (worker) thread and merges it into the query parameters. */
    private static RequestParams.WithBody withBody(ResteasyReactiveRequestContext requestContext, RequestParams query) {
        byte[] body;
        try {
            body = PostBody.read(requestContext.getInputStream());
        } catch (IOException | UncheckedIOException e) {
            return new RequestParams.Rejected(RequestParams.unreadable());
        }
        return body == null ? new RequestParams.Rejected(RequestParams.tooLarge()) : query.withBody(body);
    }

    /** A POST's answers follow the method's cache rule (§10 rule 1). */
    private static ShapeResponse forMethod(RoutingContext routing, ShapeResponse response) {
        return routing.request().method() == HttpMethod.POST ? ElectricResponses.forPost(response) : response;
    }

    /**
     * Completes a suspended request with a ready answer without a worker: the rest of the handler chain (writing the
     * response) runs on the request's event loop.
     */
    private static void completeOnEventLoop(ResteasyReactiveRequestContext requestContext, RoutingContext routing,
            ShapeResponse response) {
        requestContext.setResult(toJaxRs(response, routing));
        Executor eventLoop = requestContext.getContextExecutor();
        if (eventLoop != null) {
            requestContext.resume(eventLoop);
        } else {
            requestContext.resume();
        }
    }

    private static void fail(ResteasyReactiveRequestContext requestContext, Throwable error, boolean suspended) {
        if (DatabaseFailures.isConnectionFailure(error)) {
            // A lost database is a 503 clients retry (§8.3), not the 500 of an unexpected exception.
            RoutingContext routing = ((VertxResteasyReactiveRequestContext) requestContext).getContext();
            complete(requestContext, routing, ElectricResponses.databaseUnreachable(), suspended);
            return;
        }
        requestContext.handleException(error, true);
        if (suspended) {
            requestContext.resume();
        }
    }

    private static Response toJaxRs(ShapeResponse response, RoutingContext routing) {
        Response.ResponseBuilder builder = Response.status(response.status());
        response.headers().forEach(builder::header);
        cors(routing).forEach(builder::header);
        if (response.body().length > 0) {
            builder.entity(response.body());
        }
        return builder.build();
    }

    private static Map<String, String> cors(RoutingContext routing) {
        return Cors.headers(routing.request().getHeader("origin"), null);
    }

    /** Writes an SSE stream straight to the suspended request's response, as quarkus-rest's own SSE sink does. */
    private static final class ResponseSseOutput implements SseOutput {
        private final ResteasyReactiveRequestContext context;
        private final RoutingContext routing;
        private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

        ResponseSseOutput(ResteasyReactiveRequestContext context, RoutingContext routing) {
            this.context = context;
            this.routing = routing;
        }

        @Override
        public void open(Map<String, String> headers) {
            ServerHttpResponse response = context.serverResponse();
            response.setStatusCode(200);
            headers.forEach(response::setResponseHeader);
            cors(routing).forEach(response::setResponseHeader);
            response.setChunked(true);
            response.write(new byte[0]); // the headers go out now: the client sees the stream open
        }

        @Override
        public void write(String text) {
            if (!isClosed()) {
                context.serverResponse().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        @Override
        public void end() {
            if (ended.compareAndSet(false, true)) {
                if (!context.serverResponse().closed()) {
                    context.serverResponse().end();
                }
                context.close();
            }
        }

        @Override
        public boolean isClosed() {
            return ended.get() || context.serverResponse().closed();
        }
    }
}
