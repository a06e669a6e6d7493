package io.quarkiverse.sync.runtime.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects what a {@link ReplicationClient} delivers, for tests to wait on. */
final class RecordingListener implements ReplicationListener {

    static final Duration WAIT = Duration.ofSeconds(20);

    final BlockingQueue<Transaction> transactions = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> disconnects = new LinkedBlockingQueue<>();
    volatile Thread deliveryThread;

    @Override
    public void onTransaction(Transaction transaction) {
        deliveryThread = Thread.currentThread();
        transactions.add(transaction);
    }

    @Override
    public void onFailure(Throwable error) {
        failures.add(error);
    }

    @Override
    public void onDisconnected(Throwable error) {
        disconnects.add(error);
    }

    /** The next transaction that has changes (servers before 15 also send empty ones). */
    Transaction next() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Transaction transaction = transactions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(transaction).as("a transaction within %s (failures: %s)", WAIT, failures).isNotNull();
            if (!transaction.changes().isEmpty()) {
                return transaction;
            }
        }
    }

    void assertNoChangesWithin(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        Transaction transaction;
        while ((transaction = transactions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            assertThat(transaction.changes()).as("unexpected transaction %s", transaction).isEmpty();
        }
    }

    Throwable nextFailure() throws InterruptedException {
        Throwable failure = failures.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(failure).as("a failure within %s", WAIT).isNotNull();
        return failure;
    }
}
