package io.quarkiverse.sync.runtime.protocol;

/**
 * The {@code cache-control} rules of protocol §10, first match wins. Offset {@code -1} responses are cached for a
 * week (they never change for a handle); live responses briefly; other reads for the configured ages.
 */
public final class CacheControl {

    public static final String INITIAL = "public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746";
    public static final String LIVE_SSE = "public, max-age=59";
    public static final String LIVE = "public, max-age=5, stale-while-revalidate=5";
    public static final String NO_STORE = "no-store";
    public static final String NO_CACHE = "no-cache";

    private CacheControl() {
    }

    /** A 409: CDNs absorb the refetch stampede, briefly when there is no new handle to point at. */
    public static String conflict(boolean hasNewHandle) {
        return hasNewHandle ? "public, max-age=60, must-revalidate" : "public, max-age=1, must-revalidate";
    }

    /** A successful read (rules 4–7). */
    public static String read(ShapeRequest request, long maxAgeSeconds, long staleAgeSeconds) {
        if (!request.now() && request.offset().isBeforeAll()) {
            return INITIAL;
        }
        if (request.live() && request.liveSse()) {
            return LIVE_SSE;
        }
        if (request.live()) {
            return LIVE;
        }
        return "public, max-age=" + maxAgeSeconds + ", stale-while-revalidate=" + staleAgeSeconds;
    }
}
