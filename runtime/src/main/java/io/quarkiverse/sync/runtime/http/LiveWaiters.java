package io.quarkiverse.sync.runtime.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Parked live requests, per shape. A waiter costs a small object and a scheduled timeout, not a thread: the engine
 * calls {@link #wake(Object)} after appending to a shape's log (or invalidating it), which fires every waiter of that
 * shape once; the timeout fires it otherwise. Firing removes the waiter, so the registry never holds a finished one.
 * The waiters woken by one change share a {@link SharedAnswers}: those asking the same question share one answer.
 *
 * @param <K> what a waiter waits on (a shape)
 */
public final class LiveWaiters<K> implements AutoCloseable {

    /** Why a waiter fired. */
    public enum Wake {
        CHANGED,
        TIMEOUT,
        /** An interrupt asks the request to re-evaluate its shape. */
        INTERRUPTED
    }

    private final Map<K, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer = timer();

    /**
     * One thread for every timeout. A waiter woken by a change cancels its timeout: without removal on cancel, the
     * task would stay queued until its 20 s are up, and a busy shape with thousands of clients would hold tens of
     * thousands of dead tasks.
     */
    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "sync-live-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** What a parked request does when it fires. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param shared the answers of this wake-up, shared with every waiter of the same key woken by the same change
         */
        void woken(Wake why, SharedAnswers shared);
    }

    /** A parked request; fires at most once. */
    public final class Waiter {
        private final K key;
        private final Listener onWake;
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        private Waiter(K key, Listener onWake) {
            this.key = key;
            this.onWake = onWake;
        }

        /** Fires this waiter now for an interrupt. */
        public void interrupt() {
            fire(Wake.INTERRUPTED, new SharedAnswers());
        }

        /** Fires this waiter now, as for a change (the caller found new data right after parking). */
        public void wakeNow() {
            fire(Wake.CHANGED, new SharedAnswers());
        }

        void fire(Wake why, SharedAnswers shared) {
            if (fired.compareAndSet(false, true)) {
                remove();
                ScheduledFuture<?> t = timeout;
                if (t != null) {
                    t.cancel(false);
                }
                onWake.woken(why, shared);
            }
        }

        /** Drops the waiter without firing it (the client went away). */
        public void cancel() {
            if (fired.compareAndSet(false, true)) {
                remove();
                ScheduledFuture<?> t = timeout;
                if (t != null) {
                    t.cancel(false);
                }
            }
        }

        private void remove() {
            waiters.computeIfPresent(key, (k, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /**
     * Parks a request on {@code key}. The caller must check for new data <em>after</em> this returns (and
     * {@link #wake} itself if there is some): a change that lands between its first check and this registration would
     * otherwise be missed.
     */
    public Waiter await(K key, long timeoutMillis, Listener onWake) {
        Waiter waiter = new Waiter(key, onWake);
        waiters.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        waiter.timeout = timer.schedule(() -> waiter.fire(Wake.TIMEOUT, new SharedAnswers()), timeoutMillis, TimeUnit.MILLISECONDS);
        return waiter;
    }

    /** Fires every waiter of {@code key}. */
    public void wake(K key) {
        Set<Waiter> parked = waiters.get(key);
        if (parked != null) {
            SharedAnswers shared = new SharedAnswers();
            for (Waiter waiter : java.util.List.copyOf(parked)) {
                waiter.fire(Wake.CHANGED, shared);
            }
        }
    }

    /** How many requests are parked, over all keys. */
    public int size() {
        return waiters.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
