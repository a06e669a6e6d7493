package io.quarkiverse.sync.runtime.pg;

/**
 * Receives what {@link ReplicationClient} streams. Called on the client's replication thread, one call at a time, in
 * commit order; while a call runs, nothing more is read from Postgres (which is the back-pressure).
 */
public interface ReplicationListener {

    /** A committed transaction. Acknowledge its {@link Transaction#endLsn()} once every shape log has flushed it. */
    void onTransaction(Transaction transaction);

    /**
     * Streaming stopped on an error (connection lost, server shut down, malformed message, or an exception thrown by
     * {@link #onTransaction}); the client is closed afterwards and nothing more is delivered. Not called for
     * {@link ReplicationClient#close()}.
     */
    void onFailure(Throwable error);
}
