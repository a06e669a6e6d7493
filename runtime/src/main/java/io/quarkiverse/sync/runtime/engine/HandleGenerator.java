package io.quarkiverse.sync.runtime.engine;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes shape handles: {@code <hash of the definition>-<microseconds since the epoch>}, like the reference server.
 * The time part is strictly increasing within a process and starts at the wall clock, so a handle is never issued
 * twice, also across restarts.
 */
final class HandleGenerator {

    private final AtomicLong lastMicros = new AtomicLong();

    String next(ShapeDefinition definition) {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long micros = lastMicros.updateAndGet(last -> Math.max(last + 1, now));
        return Integer.toUnsignedString(definition.hashCode()) + "-" + micros;
    }
}
