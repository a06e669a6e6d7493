package io.quarkiverse.sync.runtime.pg;

/**
 * Receives what {@link ReplicationClient} streams. Called on the client's replication thread, one call at a time, in
 * commit order; while a call runs, nothing more is read from Postgres (which is the back-pressure).
 * <p>
 * A call must not block for long: while it runs, no standby status is sent either, and a replication connection that
 * stays silent beyond the server's {@code wal_sender_timeout} (60 s by default) is dropped by the server.
 */
public interface ReplicationListener {

    /** A committed transaction. Acknowledge its {@link Transaction#endLsn()} once every shape log has flushed it. */
    void onTransaction(Transaction transaction);

    /**
     * Streaming stopped on an error (connection lost, server shut down, malformed message, or an exception thrown by
     * {@link #onTransaction}); the client is closed afterwards and nothing more is delivered. Not called for
     * {@link ReplicationClient#close()}, nor for a lost connection the client is configured to
     * {@link ReplicationClient.Builder#reconnect reconnect} after.
     */
    void onFailure(Throwable error);

    /**
     * The connection was lost and the client will reconnect (only with {@link ReplicationClient.Builder#reconnect}).
     * Delivery resumes with the first transaction after the last one delivered: none is repeated or skipped. Called on
     * the replication thread, before each wait.
     */
    default void onDisconnected(Throwable error) {
    }
}
