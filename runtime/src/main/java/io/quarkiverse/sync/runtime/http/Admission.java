package io.quarkiverse.sync.runtime.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control of the Electric endpoint (protocol §8.3): bounded numbers of initial requests (no handle, or an
 * unknown one: they may create shapes and run snapshots) and of requests on existing shapes (mostly parked live
 * requests). Beyond a limit the request is refused with a 503 that clients retry.
 */
public final class Admission {

    /** What a request counts against. */
    public enum Kind {
        INITIAL("initial"),
        EXISTING("existing");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    private final int initialLimit;
    private final int existingLimit;
    private final AtomicInteger initial = new AtomicInteger();
    private final AtomicInteger existing = new AtomicInteger();

    public Admission(int initialLimit, int existingLimit) {
        this.initialLimit = initialLimit;
        this.existingLimit = existingLimit;
    }

    /** A held place; release it exactly once, when the response ends or the client goes away. */
    public interface Permit {
        void release();
    }

    /** A place for a request of this kind, or null when the limit is reached. */
    public Permit tryAcquire(Kind kind) {
        AtomicInteger counter = kind == Kind.INITIAL ? initial : existing;
        int limit = limit(kind);
        while (true) {
            int current = counter.get();
            if (current >= limit) {
                return null;
            }
            if (counter.compareAndSet(current, current + 1)) {
                AtomicInteger released = new AtomicInteger();
                return () -> {
                    if (released.compareAndSet(0, 1)) {
                        counter.decrementAndGet();
                    }
                };
            }
        }
    }

    public int limit(Kind kind) {
        return kind == Kind.INITIAL ? initialLimit : existingLimit;
    }

    /** The 503 refusing a request of this kind. */
    public ShapeResponse refusal(Kind kind) {
        return ShapeResponse.status(503)
                .header("content-type", "application/json; charset=utf-8")
                .header("cache-control", "no-store")
                .header("surrogate-control", "no-store")
                // Spread the retries: a burst refused together should not come back together.
                .header("retry-after", Integer.toString(5 + ThreadLocalRandom.current().nextInt(1, 6)))
                .header("electric-internal-known-error", "true")
                .body("{\"code\":\"concurrent_request_limit_exceeded\",\"message\":\"Concurrent " + kind.word
                        + " request limit exceeded (limit: " + limit(kind) + "), please retry\"}");
    }
}
