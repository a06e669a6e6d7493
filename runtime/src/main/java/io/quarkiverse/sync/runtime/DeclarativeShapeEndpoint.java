package io.quarkiverse.sync.runtime;

import io.quarkiverse.sync.SyncShape;
import io.quarkiverse.sync.runtime.http.Admission;
import io.quarkiverse.sync.runtime.http.ElectricResponses;
import io.quarkiverse.sync.runtime.protocol.ProtocolError;
import io.quarkus.arc.Arc;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves one shape fixed in configuration ({@code quarkus.sync.shapes."<name>"}) on its path, as a resource method
 * returning it would be served: the client's shape parameters are ignored, only the position ones ({@code offset},
 * {@code handle}, {@code live}, {@code live_sse}, {@code cursor}) and subset snapshots are honoured. Same admission
 * control, worker-thread reads and parked live requests as the Electric endpoint.
 */
public class DeclarativeShapeEndpoint implements Handler<RoutingContext> {

    static final String METHODS = "GET, HEAD, OPTIONS";

    private final SyncShape shape;
    private volatile Context context;

    private record Context(SyncShapeService service, Admission admission) {
    }

    public DeclarativeShapeEndpoint(SyncShape shape) {
        this.shape = shape;
    }

    private Context context() {
        Context c = context;
        if (c == null) {
            SyncRuntimeConfig config = Arc.container().instance(SyncRuntimeConfig.class).get();
            c = new Context(Arc.container().instance(SyncShapeService.class).get(),
                    new Admission(config.maxConcurrentInitialRequests(), config.maxConcurrentLiveRequests()));
            context = c;
        }
        return c;
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpMethod method = routing.request().method();
        if (method == HttpMethod.OPTIONS) {
            ElectricEndpoint.preflight(routing, METHODS);
            return;
        }
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            ElectricEndpoint.send(routing,
                    ElectricResponses.error(ProtocolError.message(405, "Method not allowed")), METHODS);
            return;
        }
        Context c = context();
        String handle = routing.queryParams().get("handle");
        Admission.Kind kind = handle != null && !handle.isBlank() && c.service().engine().byHandle(handle).isPresent()
                ? Admission.Kind.EXISTING
                : Admission.Kind.INITIAL;
        Admission.Permit permit = c.admission().tryAcquire(kind);
        if (permit == null) {
            ElectricEndpoint.send(routing, c.admission().refusal(kind), METHODS);
            return;
        }
        routing.addEndHandler(ended -> permit.release());
        ElectricEndpoint.onWorker(routing, () -> {
            MultiMap query = routing.queryParams();
            ElectricEndpoint.answer(routing, c.service(),
                    c.service().serve(shape, query.names(), query::get, routing.request()::getHeader), METHODS);
        });
    }
}
