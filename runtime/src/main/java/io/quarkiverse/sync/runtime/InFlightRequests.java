package io.quarkiverse.sync.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.quarkiverse.sync.SyncShape;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;

/**
 * The live requests of dynamic shapes that are waiting for changes, which interrupts can reach. A request leaves the
 * registry when it is answered, times out, is interrupted or its client goes away, so nothing outlives it.
 */
public final class InFlightRequests {

    /**
     * One waiting request.
     *
     * @param concrete the shape its supplier gave for this wait
     * @param definition that shape's definition
     * @param interrupt wakes the request for re-evaluation
     */
    public record InFlight(SyncShape concrete, ShapeDefinition definition, Runnable interrupt) {
    }

    private final Set<InFlight> requests = ConcurrentHashMap.newKeySet();

    void add(InFlight request) {
        requests.add(request);
    }

    void remove(InFlight request) {
        requests.remove(request);
    }

    public int size() {
        return requests.size();
    }

    /** Interrupts every waiting request the matcher accepts; returns how many. */
    public int interrupt(Predicate<InFlight> matcher) {
        int count = 0;
        for (InFlight request : requests.toArray(new InFlight[0])) {
            if (matcher.test(request) && requests.remove(request)) {
                request.interrupt().run();
                count++;
            }
        }
        return count;
    }
}
