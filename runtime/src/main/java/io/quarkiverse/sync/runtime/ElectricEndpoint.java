package io.quarkiverse.sync.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.quarkiverse.sync.runtime.engine.ActiveShape;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;
import io.quarkiverse.sync.runtime.http.Admission;
import io.quarkiverse.sync.runtime.http.ElectricResponses;
import io.quarkiverse.sync.runtime.http.DatabaseFailures;
import io.quarkiverse.sync.runtime.http.ElectricShapeParams;
import io.quarkiverse.sync.runtime.http.LiveWaiters;
import io.quarkiverse.sync.runtime.http.PostBody;
import io.quarkiverse.sync.runtime.http.RequestParams;
import io.quarkiverse.sync.runtime.http.ServerIdentity;
import io.quarkiverse.sync.runtime.http.SseOutput;
import io.quarkiverse.sync.runtime.http.SseStream;
import io.quarkiverse.sync.runtime.http.ShapeResponder;
import io.quarkiverse.sync.runtime.http.ShapeResponse;
import io.quarkiverse.sync.runtime.protocol.Cors;

import io.quarkiverse.sync.runtime.protocol.ProtocolError;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The Electric-compatible shape endpoint ({@code /v1/shape}): the client defines the shape with {@code table},
 * {@code where}, {@code params[n]}, {@code columns}, {@code replica} and {@code log}. In the order of the reference
 * server's router: CORS preflight (no auth), the secret (401, before CORS), DELETE, admission control (503), for a
 * POST the JSON body (§4.9, read without blocking), then the read on a worker thread, since it reads the database. A
 * live request with nothing new is parked without a thread, exactly as on resource endpoints; a change answers all
 * the requests parked at the same offset with one shared response.
 */
public class ElectricEndpoint implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(ElectricEndpoint.class);
    static final String SHAPE_METHODS = "GET, POST, HEAD, DELETE, OPTIONS";
    static final String OTHER_METHODS = "GET, HEAD";
    /** The request headers a client may send on a cross-origin shape request. */
    private static final String[] ALLOWED_HEADERS = { "if-none-match", "traceparent" };

    private volatile Context context;

    private record Context(SyncShapeService service, SyncRuntimeConfig config, Admission admission) {
    }

    private Context context() {
        Context c = context;
        if (c == null) {
            SyncRuntimeConfig config = Arc.container().instance(SyncRuntimeConfig.class).get();
            c = new Context(Arc.container().instance(SyncShapeService.class).get(), config,
                    new Admission(config.maxConcurrentInitialRequests(), config.maxConcurrentLiveRequests()));
            context = c;
        }
        return c;
    }

    @Override
    public void handle(RoutingContext routing) {
        ServerIdentity.put(routing);
        HttpMethod method = routing.request().method();
        if (method == HttpMethod.OPTIONS) {
            preflight(routing);
            return;
        }
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.POST
                && method != HttpMethod.DELETE) {
            send(routing, ElectricResponses.notFound(), SHAPE_METHODS); // the reference router has no such route
            return;
        }
        Context c = context();
        if (!authorized(routing.queryParams(), c.config().electricApi().secret())) {
            send(routing, ElectricResponses.unauthorized(), null);
            return;
        }
        if (method == HttpMethod.DELETE) {
            if (!c.config().allowShapeDeletion()) {
                send(routing, ElectricResponses.deleteError(ProtocolError.message(405, "DELETE not allowed")),
                        SHAPE_METHODS);
                return;
            }
            onWorker(routing, () -> delete(routing, c));
            return;
        }
        String handle = blankToNull(routing.queryParams().get("handle"));
        Admission.Kind kind = handle != null && c.service().engine().byHandle(handle).isPresent()
                ? Admission.Kind.EXISTING
                : Admission.Kind.INITIAL;
        Admission.Permit permit = c.admission().tryAcquire(kind);
        if (permit == null) {
            send(routing, c.admission().refusal(kind), SHAPE_METHODS);
            return;
        }
        // Ends with the response, or when the client goes away while its request is parked.
        routing.addEndHandler(ended -> permit.release());
        MultiMap query = routing.queryParams();
        RequestParams params = RequestParams.of(query.names(), query::get);
        if (method != HttpMethod.POST) {
            onWorker(routing, () -> read(routing, c, params));
            return;
        }
        // §4.9: a POST carries the subset parameters in a JSON body (read on the event loop, without blocking).
        PostBody.read(routing.request(), rejection -> send(routing, rejection, SHAPE_METHODS), body -> {
            RequestParams.WithBody merged = params.withBody(body);
            if (merged instanceof RequestParams.Rejected rejected) {
                send(routing, rejected.response(), SHAPE_METHODS);
                return;
            }
            onWorker(routing, () -> read(routing, c, ((RequestParams.Merged) merged).params()));
        });
    }

    private void read(RoutingContext routing, Context c, RequestParams query) {
        ElectricShapeParams.Parsed parsed = ElectricShapeParams.forRead(query::get, query.names());
        if (parsed instanceof ElectricShapeParams.Invalid invalid) {
            answer(routing, ElectricResponses.error(invalid.error()));
            return;
        }
        ShapeDefinition definition = ((ElectricShapeParams.Valid) parsed).definition().orElseThrow();
        SyncShapeService service = c.service();
        answer(routing, service, service.serve(definition, query.names(), query::get, routing.request()::getHeader),
                SHAPE_METHODS);
    }

    /**
     * Writes a read's outcome to a Vert.x route's response: at once, as an SSE stream, or after parking the live
     * request until its shape changes or the long-poll timeout passes. Shared with the routes of declarative shapes.
     */
    static void answer(RoutingContext routing, SyncShapeService service, ShapeResponder.Outcome outcome,
            String corsMethods) {
        if (outcome instanceof ShapeResponder.Done done) {
            answer(routing, done.response(), corsMethods);
            return;
        }
        if (outcome instanceof ShapeResponder.Stream stream) {
            new SseStream(stream.shape(), stream.request(), new RoutingSseOutput(routing, corsMethods),
                    service.waiters(), Infrastructure.getDefaultWorkerPool(), stream.longPollTimeoutSeconds()).start();
            return;
        }
        ShapeResponder.Wait wait = (ShapeResponder.Wait) outcome;
        LiveWaiters<ActiveShape>.Waiter waiter = service.waiters().await(wait.shape(), wait.timeoutMillis(),
                (why, shared) -> {
                    if (why == LiveWaiters.Wake.CHANGED) {
                        // One answer for every request at this offset, computed once; Vert.x writes it on each
                        // request's own event loop.
                        service.afterChange(wait, shared).whenComplete((response, error) -> {
                            if (error != null) {
                                failed(routing, error);
                            } else {
                                answer(routing, response, corsMethods);
                            }
                        });
                    } else {
                        onWorker(routing, () -> answer(routing, service.afterWait(wait, true), corsMethods));
                    }
                });
        // The client went away: forget it. (An end handler, not closeHandler, which would replace Vert.x's own.)
        routing.addEndHandler(ended -> waiter.cancel());
        // Race guard: a change committed between the read and the registration would not wake us.
        if (wait.shape().isInvalidated() || wait.shape().log().lastOffset().compareTo(wait.request().offset()) > 0) {
            waiter.wakeNow();
        }
    }

    /** Sends the answer to a shape read: a POST's answers follow the method's cache rule (§10 rule 1). */
    private static void answer(RoutingContext routing, ShapeResponse response) {
        answer(routing, response, SHAPE_METHODS);
    }

    static void answer(RoutingContext routing, ShapeResponse response, String corsMethods) {
        send(routing, routing.request().method() == HttpMethod.POST ? ElectricResponses.forPost(response) : response,
                corsMethods);
    }

    /** §8.1: by definition (optionally checked against a handle) or by handle alone. */
    private void delete(RoutingContext routing, Context c) {
        MultiMap query = routing.queryParams();
        ElectricShapeParams.Parsed parsed = ElectricShapeParams.forDelete(query::get, query.names());
        if (parsed instanceof ElectricShapeParams.Invalid invalid) {
            send(routing, ElectricResponses.deleteError(invalid.error()), SHAPE_METHODS);
            return;
        }
        Optional<ShapeDefinition> definition = ((ElectricShapeParams.Valid) parsed).definition();
        String handle = blankToNull(query.get("handle"));
        Optional<ActiveShape> shape = definition.isPresent() ? c.service().engine().existing(definition.get())
                : c.service().engine().byHandle(handle).filter(active -> !active.isInvalidated());
        if (shape.isEmpty()) {
            send(routing, ElectricResponses.deleteError(ProtocolError.message(404, "No existing shape found")),
                    SHAPE_METHODS);
            return;
        }
        if (definition.isPresent() && handle != null && !handle.equals(shape.get().handle())) {
            send(routing, ElectricResponses.deleteError(ProtocolError.message(400,
                    "The specified shape definition and handle do not match. Please ensure the shape definition is "
                            + "correct or omit the shape handle from the request to obtain a new one.")),
                    SHAPE_METHODS);
            return;
        }
        // Invalidation wakes the shape's parked live requests, which then answer 409.
        c.service().engine().invalidate(shape.get(), "deleted by a DELETE request");
        send(routing, ElectricResponses.deleted(), SHAPE_METHODS);
    }

    /** §1.2: always 204, no auth; requested headers are echoed when allowed. */
    private static void preflight(RoutingContext routing) {
        preflight(routing, SHAPE_METHODS);
    }

    static void preflight(RoutingContext routing, String methods) {
        HttpServerResponse response = routing.response().setStatusCode(204);
        cors(routing, response, methods);
        response.putHeader("access-control-max-age", "86400").putHeader("connection", "keep-alive");
        String requested = routing.request().getHeader("access-control-request-headers");
        if (requested != null) {
            StringBuilder allowed = new StringBuilder();
            for (String header : requested.split(",")) {
                String name = header.strip();
                for (String candidate : ALLOWED_HEADERS) {
                    if (candidate.equalsIgnoreCase(name)) {
                        allowed.append(allowed.length() > 0 ? "," : "").append(name);
                    }
                }
            }
            if (allowed.length() > 0) {
                response.putHeader("access-control-allow-headers", allowed.toString());
            }
        }
        response.end();
    }

    /** Compared in constant time; the secret never reaches a log. */
    private static boolean authorized(MultiMap query, Optional<String> secret) {
        if (secret.isEmpty()) {
            return true;
        }
        String given = query.get("secret");
        if (given == null) {
            given = query.get("api_secret");
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                secret.get().getBytes(StandardCharsets.UTF_8));
    }

    static void onWorker(RoutingContext routing, Runnable work) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                failed(routing, e);
            }
        });
    }

    /** The catch-all: a lost database connection is a 503 the client retries (§8.3), anything else a 500. */
    private static void failed(RoutingContext routing, Throwable error) {
        if (DatabaseFailures.isConnectionFailure(error)) {
            LOG.warnf("Electric API request %s: the database is unreachable: %s", routing.request().path(),
                    error.getMessage());
            send(routing, ElectricResponses.databaseUnreachable(), SHAPE_METHODS);
            return;
        }
        LOG.errorf(error, "Electric API request %s failed", routing.request().path());
        send(routing, ElectricResponses.internalError(), null);
    }

    /** An SSE stream written straight to the route's response. */
    private static final class RoutingSseOutput implements SseOutput {
        private final RoutingContext routing;
        private final String corsMethods;

        RoutingSseOutput(RoutingContext routing, String corsMethods) {
            this.routing = routing;
            this.corsMethods = corsMethods;
        }

        @Override
        public void open(Map<String, String> headers) {
            HttpServerResponse response = routing.response();
            response.setStatusCode(200);
            headers.forEach(response::putHeader);
            cors(routing, response, corsMethods);
            response.setChunked(true);
            response.write(Buffer.buffer()); // the headers go out now: the client sees the stream open
        }

        @Override
        public void write(String text) {
            if (!isClosed()) {
                routing.response().write(text);
            }
        }

        @Override
        public void end() {
            if (!isClosed()) {
                routing.response().end();
            }
        }

        @Override
        public boolean isClosed() {
            return routing.response().ended() || routing.response().closed();
        }
    }

    /** @param corsMethods the allow-methods value, or null for a response without CORS headers (the 401) */
    static void send(RoutingContext routing, ShapeResponse answer, String corsMethods) {
        HttpServerResponse response = routing.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.putHeader(header.getKey(), header.getValue());
        }
        if (corsMethods != null) {
            cors(routing, response, corsMethods);
        }
        response.end(Buffer.buffer(answer.body()));
    }

    private static void cors(RoutingContext routing, HttpServerResponse response, String methods) {
        Cors.headers(routing.request().getHeader("origin"), methods).forEach(response::putHeader);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** {@code GET /v1/health} (§8.2): active while replication streams. No auth. */
    public static class Health implements Handler<RoutingContext> {

        @Override
        public void handle(RoutingContext routing) {
            HttpMethod method = routing.request().method();
            if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
                routing.next();
                return;
            }
            ServerIdentity.put(routing);
            SyncShapeService service = Arc.container().instance(SyncShapeService.class).get();
            send(routing, ElectricResponses.health(service.engine().isStreaming()), OTHER_METHODS);
        }
    }

    /**
     * The rest of the reference server's router (§1): {@code GET /} answers 200 with an empty body, and any other
     * path under the Electric API's prefix (or another method on {@code /}) a plain-text 404. Registered after the
     * application's own routes, so that an application's {@code /} or {@code /v1/...} resources win.
     */
    public static class Fallback implements Handler<RoutingContext> {

        private final boolean root;

        /** @param root true for the {@code /} route, false for the 404 of the prefix */
        public Fallback(boolean root) {
            this.root = root;
        }

        @Override
        public void handle(RoutingContext routing) {
            ServerIdentity.put(routing);
            HttpMethod method = routing.request().method();
            boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
            send(routing, root && read ? ElectricResponses.root() : ElectricResponses.notFound(), OTHER_METHODS);
        }
    }
}
