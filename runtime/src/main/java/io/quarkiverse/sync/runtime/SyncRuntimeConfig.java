package io.quarkiverse.sync.runtime;

import java.time.Duration;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
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
}
