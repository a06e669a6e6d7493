package io.quarkiverse.sync.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while logical replication streams: before, or after it failed for good, shapes would not see new changes.
 * Registered by the deployment processor only when the application has SmallRye Health.
 */
@Readiness
@ApplicationScoped
public class SyncHealthCheck implements HealthCheck {

    @Inject
    SyncShapeService sync;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("Quarkus Sync replication")
                .status(sync.engine().isStreaming())
                .withData("lastSeenLsn", Long.toUnsignedString(sync.engine().lastSeenLsn()));
        sync.engine().replicationFailure().ifPresent(failure -> builder.withData("failure", String.valueOf(failure)));
        return builder.build();
    }
}
