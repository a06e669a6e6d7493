package io.quarkiverse.sync.deployment;

import java.util.List;
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

    /**
     * Declarative shapes, served without code.
     * <p>
     * Each is validated when the application is built, like the shapes resource methods return, and served on its
     * {@code path} over the Electric shape protocol: the counterpart of the router {@code sync} macro of Phoenix
     * Sync. Example:
     *
     * <pre>
     * quarkus.sync.shapes."open-todos".path=/sync/open-todos
     * quarkus.sync.shapes."open-todos".entity=io.quarkiverse.sync.it.Todo
     * quarkus.sync.shapes."open-todos".where=NOT completed
     * </pre>
     */
    @ConfigDocMapKey("name")
    @ConfigDocSection
    Map<String, DeclarativeShape> shapes();

    /** A shape served without code. */
    interface DeclarativeShape {

        /** The HTTP path the shape is served at (GET, HEAD and the CORS preflight), e.g. {@code /sync/todos}. */
        String path();

        /**
         * The table, named as in the catalog (case kept). Set either this or {@code entity}. A table that no entity
         * maps is checked when first served.
         */
        Optional<String> table();

        /** The table's schema, with {@code table}. */
        @WithDefault("public")
        String schema();

        /**
         * The {@code @Entity} class whose table is served: its fully qualified name, or its simple name when only one
         * entity has it. Set either this or {@code table}.
         */
        Optional<String> entity();

        /** The where-clause, over column names, with {@code $1}, {@code $2}… standing for {@code params}. */
        Optional<String> where();

        /**
         * The values of {@code $1}, {@code $2}…, as PostgreSQL text, in order (a comma inside a value is written
         * {@code \,}).
         */
        Optional<List<String>> params();

        /** Only these columns; they must include the primary key. All columns by default. */
        Optional<List<String>> columns();

        /** What updates and deletes carry: {@code default} or {@code full}. */
        @WithDefault("default")
        String replica();

        /** Whether the log starts with the current rows ({@code full}) or only changes ({@code changes_only}). */
        @WithDefault("full")
        String log();
    }

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
