package io.quarkiverse.sync.it;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request filter that aborts: while the secured endpoints are closed for maintenance they answer 503 before any
 * resource method, and so before any shape, is reached.
 */
public class MaintenanceFilter {

    @Inject
    Maintenance maintenance;

    @ServerRequestFilter
    public Optional<Response> closedForMaintenance(UriInfo uri) {
        if (maintenance.closed() && uri.getPath().startsWith("/secured/")) {
            return Optional.of(Response.status(503).header("retry-after", "60").build());
        }
        return Optional.empty();
    }
}
