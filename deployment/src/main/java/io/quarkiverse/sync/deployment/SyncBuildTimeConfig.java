package io.quarkiverse.sync.deployment;

import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Quarkus Sync settings fixed when the application is built. */
@ConfigMapping(prefix = "quarkus.sync")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface SyncBuildTimeConfig {

    /**
     * Whether a readiness check ({@code Quarkus Sync replication}: up while logical replication streams) is added
     * when the application uses {@code quarkus-smallrye-health}.
     */
    @WithName("health.enabled")
    @WithDefault("true")
    boolean healthEnabled();

    /** The local PostgreSQL started for dev and test mode. */
    @ConfigDocSection
    DevServices devservices();

    interface DevServices {

        /**
         * Whether dev and test mode start a throwaway local PostgreSQL, from the server binaries on the machine, when
         * no datasource URL is configured. It listens on a free port of 127.0.0.1 with {@code wal_level=logical}, keeps
         * its data under {@code target/} and stops with the application. Turn it off to use your own database, or
         * Quarkus' container-based Dev Services (which also start when no binaries are found but Docker is there).
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The directory holding {@code initdb}, {@code pg_ctl} and {@code postgres}. By default they are looked up on
         * the {@code PATH}, then under {@code /usr/lib/postgresql/<version>/bin} (newest first).
         */
        Optional<String> binDir();

        /**
         * Extra server settings for the local PostgreSQL, as in {@code postgresql.conf}; they override the defaults.
         * Example: {@code quarkus.sync.devservices.server-settings.max_connections=300}.
         */
        @ConfigDocMapKey("setting")
        Map<String, String> serverSettings();
    }
}
