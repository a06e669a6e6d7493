package io.quarkiverse.sync.runtime;

import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Quarkus Sync settings that decide which routes exist: fixed when the application is built (a different value at
 * start is reported with a warning, and has no effect).
 */
@ConfigMapping(prefix = "quarkus.sync")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface SyncFixedConfig {

    /** The Electric-compatible HTTP API. */
    @ConfigDocSection
    ElectricApi electricApi();

    interface ElectricApi {

        /**
         * Serve the Electric shape API: shapes defined by the client ({@code table}, {@code where}, {@code params},
         * {@code columns}, {@code replica}, {@code log}) on {@code path}, for any table of the database, plus
         * {@code /v1/health}. Electric's clients ({@code @electric-sql/client}, TanStack DB) then talk to the
         * application as to an Electric server. Off by default: it lets clients read any table, so enable it behind an
         * authenticating proxy, or with {@code quarkus.sync.electric-api.secret}.
         */
        @WithDefault("false")
        boolean enabled();

        /** The path of the shape endpoint. */
        @WithDefault("/v1/shape")
        String path();

        /** The path of the health endpoint: 200 {@code {"status":"active"}} once replication streams, else 202. */
        @WithDefault("/v1/health")
        String healthPath();
    }

}
