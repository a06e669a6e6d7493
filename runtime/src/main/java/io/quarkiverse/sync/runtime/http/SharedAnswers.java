package io.quarkiverse.sync.runtime.http;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The answers computed for one wake-up of a shape's parked requests. A thousand clients parked at the same offset ask
 * the same question when the shape changes: the first one computes the answer (on a worker: it reads the log), the
 * others get the same result, so a change costs one log read and one response body, not one per client.
 */
public final class SharedAnswers {

    private final Map<Object, CompletableFuture<Object>> answers = new ConcurrentHashMap<>();

    /**
     * The answer to {@code question}, computed at most once for this wake-up.
     *
     * @param worker where to compute it: never on the thread that woke the waiters (the replication stream)
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> answer(Object question, Executor worker, Supplier<T> compute) {
        CompletableFuture<Object> created = new CompletableFuture<>();
        CompletableFuture<Object> existing = answers.putIfAbsent(question, created);
        if (existing != null) {
            return (CompletableFuture<T>) existing;
        }
        try {
            worker.execute(() -> {
                try {
                    created.complete(compute.get());
                } catch (RuntimeException | Error e) {
                    created.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            created.completeExceptionally(e); // the executor refused the task (shutting down)
        }
        return (CompletableFuture<T>) created;
    }
}
