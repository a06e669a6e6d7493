package io.quarkiverse.sync.runtime.protocol;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code electric-cursor} of live responses (protocol §5.3): the end of the current long-poll window, counted in
 * seconds since 2024-10-09, so live URLs change every window and never repeat a previous response's URL (which limits
 * CDN request collapsing to one window and busts stale caches).
 */
public final class Cursor {

    private static final long EPOCH_SECONDS = Instant.parse("2024-10-09T00:00:00Z").getEpochSecond();

    private Cursor() {
    }

    /**
     * @param windowSeconds the long-poll timeout in whole seconds
     * @param previous the request's {@code cursor} parameter, or null
     */
    public static String next(long windowSeconds, String previous, Instant now) {
        if (windowSeconds <= 0) {
            return "0";
        }
        long elapsed = now.getEpochSecond() - EPOCH_SECONDS;
        long next = ((elapsed + windowSeconds - 1) / windowSeconds) * windowSeconds;
        long prev = parse(previous);
        return Long.toString(next > prev ? next : prev + ThreadLocalRandom.current().nextLong(1, 3601));
    }

    private static long parse(String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > 18) {
            return 0;
        }
        for (int i = 0; i < cursor.length(); i++) {
            if (cursor.charAt(i) < '0' || cursor.charAt(i) > '9') {
                return 0;
            }
        }
        return Long.parseLong(cursor);
    }
}
