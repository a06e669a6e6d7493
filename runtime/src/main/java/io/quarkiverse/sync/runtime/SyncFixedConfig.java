package io.quarkiverse.sync.runtime;

import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Quarkus Sync settings that decide where routes are: fixed when the application is built (a different value at start
 * is reported with a warning, and has no effect). Whether the Electric API answers on them is a run-time setting.
 */
@ConfigMapping(prefix = "quarkus.sync")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface SyncFixedConfig {

    /** The Electric-compatible HTTP API. */
    @ConfigDocSection
    ElectricApi electricApi();

    interface ElectricApi {

        /** The path of the shape endpoint. */
        @WithDefault("/v1/shape")
        String path();

        /** The path of the health endpoint: 200 {@code {"status":"active"}} once replication streams, else 202. */
        @WithDefault("/v1/health")
        String healthPath();
    }

}
