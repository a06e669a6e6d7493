package io.quarkiverse.sync.runtime;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Quarkus Sync settings read when the application starts. */
@ConfigMapping(prefix = "quarkus.sync")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface SyncRuntimeConfig {

    /**
     * How long browsers and CDNs may cache a non-live shape response ({@code max-age} of its {@code cache-control}).
     * Initial-snapshot responses ({@code offset=-1}) are always cached for a week, and live ones for 5 seconds.
     */
    @WithDefault("60s")
    Duration cacheMaxAge();

    /**
     * How long a cache may keep serving a stale non-live shape response while it revalidates it
     * ({@code stale-while-revalidate} of its {@code cache-control}).
     */
    @WithDefault("300s")
    Duration cacheStaleAge();

    /**
     * How long a live request ({@code live=true}) is held when the shape has nothing new; it is then answered with
     * an up-to-date message and the client asks again. Clients give up on a request after 45 seconds.
     */
    @WithDefault("20s")
    Duration longPollTimeout();

    /**
     * Where shape logs are stored, one directory per shape. They survive restarts: a client holding a handle and
     * an offset continues where it was. In dev and test mode the default is {@code target/quarkus-sync-storage}.
     */
    @WithDefault("quarkus-sync-data")
    String storageDir();

    /**
     * A shape log response holds at most one chunk: a chunk closes once its entries reach this size. Smaller chunks
     * mean smaller responses and more of them; every chunk but the last is cacheable for good.
     */
    @WithDefault("10M")
    MemorySize chunkBytesThreshold();

    /**
     * Whether {@code DELETE} on the Electric API's shape path deletes shapes. Deleting a shape invalidates it at
     * once: every client holding its handle, live requests included, gets a 409 and re-syncs. When disabled a
     * {@code DELETE} is answered with 405.
     */
    @WithDefault("false")
    boolean allowShapeDeletion();

    /**
     * How many initial requests (no handle, or one the server does not know) the Electric API serves at once; beyond
     * that it answers 503 with {@code retry-after}, and clients retry.
     */
    @WithDefault("300")
    int maxConcurrentInitialRequests();

    /**
     * How many requests on an existing handle (catch-up and held live long-polls) the Electric API serves at once;
     * beyond that it answers 503 with {@code retry-after}, and clients retry.
     */
    @WithDefault("10000")
    int maxConcurrentLiveRequests();

    /** The Electric-compatible API ({@code quarkus.sync.electric-api.enabled}). */
    @ConfigDocSection
    ElectricApi electricApi();

    interface ElectricApi {

        /**
         * Serve the Electric shape API: shapes defined by the client ({@code table}, {@code where}, {@code params},
         * {@code columns}, {@code replica}, {@code log}) on {@code path}, for any table of the database, plus
         * {@code /v1/health}. Electric's clients ({@code @electric-sql/client}, TanStack DB) then talk to the
         * application as to an Electric server. Off by default: it lets clients read any table, so enable it behind an
         * authenticating proxy, or with {@code quarkus.sync.electric-api.secret}. A run-time setting: a packaged
         * application can be started with {@code -Dquarkus.sync.electric-api.enabled=true}.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * When set, every request to the Electric shape path except {@code OPTIONS} must carry it as the
         * {@code secret} (or the deprecated {@code api_secret}) query parameter, and is answered with 401 otherwise.
         * Put an authenticating proxy in front that adds it. Never logged.
         */
        Optional<String> secret();
    }

    /** Logical replication. */
    @ConfigDocSection
    Replication replication();

    interface Replication {

        /**
         * The logical replication slot the engine streams from. It keeps the changes the engine has not stored
         * yet, across restarts. Each application (or cluster of instances sharing one storage) needs its own.
         */
        @WithDefault("quarkus_sync")
        String slot();

        /**
         * Use a temporary slot, dropped when the application stops: nothing survives a restart. The default in test
         * mode.
         */
        @WithDefault("false")
        boolean temporarySlot();

        /** The publication the engine manages: tables are added to it as their first shape is created. */
        @WithDefault("quarkus_sync")
        String publication();

        /**
         * How often shape logs that changed are synced to disk, after which the slot is told it may forget those
         * changes. Shorter means less to replay after a crash, and more disk syncs.
         */
        @WithDefault("100ms")
        Duration flushInterval();
    }
}
