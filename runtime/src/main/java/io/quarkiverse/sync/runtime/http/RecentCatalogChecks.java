package io.quarkiverse.sync.runtime.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.quarkiverse.sync.runtime.engine.ActiveShape;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;
import io.quarkiverse.sync.runtime.engine.SyncEngine;

/**
 * Shapes whose table was looked up in the catalog within the last second. Loading a shape checks its table in
 * PostgreSQL on every request (so that a dropped or re-created table is noticed); when a change wakes a thousand
 * parked clients, they all come straight back with the same handle, and a thousand identical catalog queries would
 * compete with the delivery itself. A live request whose handle names a live shape of the same definition, checked
 * a moment ago, skips the lookup: a dropped table is then noticed at most a second later.
 */
final class RecentCatalogChecks {

    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Beyond this many entries, stale and invalidated ones are dropped. */
    private static final int PRUNE_ABOVE = 4096;

    private final Map<ActiveShape, Long> checkedAt = new ConcurrentHashMap<>();

    /** The shape of this handle when it is live, of this definition, and its table was checked a moment ago. */
    Optional<ActiveShape> fresh(SyncEngine engine, String handle, ShapeDefinition definition) {
        Optional<ActiveShape> known = engine.byHandle(handle);
        if (known.isEmpty() || known.get().isInvalidated()) {
            return Optional.empty();
        }
        Long at = checkedAt.get(known.get());
        if (at == null || System.nanoTime() - at > FRESH_NANOS
                || !known.get().shape().definition().equals(definition)) {
            return Optional.empty();
        }
        return known;
    }

    /** The table of {@code shape} was just found in the catalog. */
    void checked(ActiveShape shape) {
        long now = System.nanoTime();
        checkedAt.put(shape, now);
        if (checkedAt.size() > PRUNE_ABOVE) {
            checkedAt.entrySet().removeIf(e -> e.getKey().isInvalidated() || now - e.getValue() > FRESH_NANOS);
        }
    }
}
