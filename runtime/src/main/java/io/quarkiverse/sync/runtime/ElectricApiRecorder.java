package io.quarkiverse.sync.runtime;

import java.util.function.Supplier;

import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The handlers of the Electric API's routes. The routes always exist (their paths are fixed at build time); whether
 * they answer is decided at start by {@code quarkus.sync.electric-api.enabled}: when the API is off they hand every
 * request on, as if they were not there.
 */
@Recorder
public class ElectricApiRecorder {

    private final RuntimeValue<SyncRuntimeConfig> config;

    public ElectricApiRecorder(RuntimeValue<SyncRuntimeConfig> config) {
        this.config = config;
    }

    /** The shape endpoint (GET, HEAD, POST, DELETE, OPTIONS); runs on the event loop, never blocks it. */
    public Handler<RoutingContext> shape() {
        return whenEnabled(ElectricEndpoint::new);
    }

    /** {@code /v1/health}. */
    public Handler<RoutingContext> health() {
        return whenEnabled(ElectricEndpoint.Health::new);
    }

    /** {@code /} (root true) and the plain-text 404 under the API's prefix (root false). */
    public Handler<RoutingContext> fallback(boolean root) {
        return whenEnabled(() -> new ElectricEndpoint.Fallback(root));
    }

    private Handler<RoutingContext> whenEnabled(Supplier<Handler<RoutingContext>> handler) {
        return config.getValue().electricApi().enabled() ? handler.get() : RoutingContext::next;
    }
}
