package io.quarkiverse.sync.runtime.pg;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * Streams committed transactions of a publication from a logical replication slot (pgoutput, protocol version 1, text
 * values) to a {@link ReplicationListener}. The only class that uses pgjdbc's replication API.
 * <p>
 * Everything — connecting, reading, decoding, calling the listener, sending standby status — happens on one dedicated
 * platform thread owned by this client, because pgjdbc's replication stream is not thread-safe and blocks; it must
 * never run on an event loop. Other threads talk to it only through {@link #acknowledge(Lsn)} and {@link #close()},
 * which hand over a value and wake the thread.
 * <p>
 * Lifecycle: {@link #start()} once, then {@link #close()}. A lost connection is either reconnected
 * ({@link Builder#reconnect}: streaming resumes right after the last delivered transaction) or ends the client; any
 * other failure ends it (the listener hears {@link ReplicationListener#onFailure}). To resume after that, build a new
 * client that starts from the slot: nothing is lost, the slot resends every transaction after the last acknowledged
 * one (so the engine must skip those it already stored).
 */
public final class ReplicationClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReplicationClient.class);

    /**
     * Acknowledgements are coalesced: at most one forced status update per this interval, whatever the rate at which
     * the engine acknowledges (the newest value wins, and is sent once the interval is over).
     */
    private static final long ACKNOWLEDGE_MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Settings config;
    private final ReplicationListener listener;
    private final PgOutputDecoder decoder = new PgOutputDecoder();
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    /** Highest LSN the engine allowed us to acknowledge (written by any thread). */
    private final AtomicLong acknowledgeRequested = new AtomicLong();
    /** Highest LSN received from the server (a plain copy for other threads: pgjdbc's stream is not theirs to touch). */
    private final AtomicLong lastReceived = new AtomicLong();

    private volatile boolean closing;
    private volatile Thread thread;

    /** The fields below are only touched on the replication thread. */
    private long acknowledgeSent;
    private long lastForcedStatusNanos;
    /** End of the last transaction the listener returned from: where a reconnect resumes. */
    private Lsn lastDelivered = Lsn.INVALID;

    private ReplicationClient(Settings config, ReplicationListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** The builder's values, frozen. */
    private record Settings(String jdbcUrl, String username, String password, ReplicationSlot slot, boolean temporarySlot,
            List<String> publications, Lsn startLsn, Duration statusInterval, Duration idlePollInterval,
            Duration reconnectInitialDelay, Duration reconnectMaxDelay, String threadName) {
        @Override
        public String toString() { // never the password
            return "ReplicationClient.Settings[url=" + withoutQuery(jdbcUrl) + ", user=" + username + ", slot=" + slot.name()
                    + (temporarySlot ? " (temporary)" : "") + ", publications=" + publications + ", start=" + startLsn + "]";
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the replication thread, which connects, creates the slot if it is temporary, and starts streaming.
     *
     * @return completes once the server has accepted {@code START_REPLICATION} (changes committed from then on will be
     *         delivered), or exceptionally when that failed — the listener is not told about a failed start
     * @throws IllegalStateException when called twice
     */
    public synchronized CompletableFuture<Void> start() {
        if (thread != null) {
            throw new IllegalStateException("The replication client was already started");
        }
        Thread t = new Thread(this::run, config.threadName());
        t.setDaemon(true);
        thread = t;
        t.start();
        return started;
    }

    /**
     * Allows the server to forget WAL up to {@code flushed}: the slot's {@code confirmed_flush_lsn} moves there, and a
     * restarted client is sent only transactions that commit after it.
     * <p>
     * <b>Only pass an LSN that every shape log has flushed to disk</b>, normally the {@link Transaction#endLsn()} of the
     * newest transaction that all shape logs have durably stored (see {@code SyncEngine.flush()}). Acknowledging more
     * loses those transactions for good if the application stops before writing them; acknowledging too little only
     * costs the server disk space and a replay on restart.
     * <p>
     * Thread-safe and non-blocking; a value not above the previous one is ignored. The replication thread sends it
     * within about 100 ms (as pgjdbc's {@code setFlushedLSN}/{@code setAppliedLSN} plus {@code forceUpdateStatus}),
     * and repeats it in every periodic status update.
     */
    public void acknowledge(Lsn flushed) {
        Objects.requireNonNull(flushed, "flushed");
        long previous = acknowledgeRequested.getAndAccumulate(flushed.asLong(),
                (current, proposed) -> Long.compareUnsigned(proposed, current) > 0 ? proposed : current);
        if (Long.compareUnsigned(flushed.asLong(), previous) > 0) {
            wake();
        }
    }

    /** The highest LSN passed to {@link #acknowledge(Lsn)}. */
    public Lsn acknowledged() {
        return Lsn.fromLong(acknowledgeRequested.get());
    }

    /** The WAL position of the newest message (or server keepalive) received; {@link Lsn#INVALID} before any. */
    public Lsn lastReceivedLsn() {
        return Lsn.fromLong(lastReceived.get());
    }

    /** Whether the replication thread is alive (started and neither closed nor failed). */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /**
     * Stops streaming: ends the replication thread, the stream and the connection. A pending acknowledgement is sent
     * first. Waits up to 10 seconds for the thread to finish, except when called on the replication thread itself
     * (from the listener), which then stops after the current call. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        LockSupport.unpark(t);
        try {
            t.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warnf("Replication thread %s did not stop within %s", t.getName(), CLOSE_TIMEOUT);
        }
    }

    private void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void run() {
        Lsn resumeAt = config.startLsn();
        long delayNanos = config.reconnectInitialDelay() == null ? 0 : config.reconnectInitialDelay().toNanos();
        try {
            while (!closing) {
                Connection connection = null;
                PGReplicationStream stream = null;
                try {
                    connection = connect();
                    stream = startStreaming(connection, resumeAt);
                    started.complete(null);
                    delayNanos = config.reconnectInitialDelay() == null ? 0 : config.reconnectInitialDelay().toNanos();
                    stream(stream);
                    acknowledgeIfDue(stream, true);
                    return;
                } catch (Throwable e) {
                    if (closing) {
                        return;
                    }
                    if (!started.isDone()) {
                        started.completeExceptionally(e);
                        return;
                    }
                    if (!(e instanceof SQLException) || config.reconnectInitialDelay() == null) {
                        LOG.errorf(e, "Replication from slot %s stopped", config.slot().name());
                        notifyFailure(e);
                        return;
                    }
                    LOG.warnf("Replication from slot %s lost its connection (%s); reconnecting in %d ms",
                            config.slot().name(), e.getMessage(), TimeUnit.NANOSECONDS.toMillis(delayNanos));
                    notifyDisconnected(e);
                } finally {
                    closeQuietly(stream, connection);
                }
                // Resume right after the last transaction handed to the listener: the server skips every transaction
                // whose commit record starts before this position, and sends all others.
                resumeAt = resumeAt.max(lastDelivered);
                pause(delayNanos);
                delayNanos = Math.min(delayNanos * 2, config.reconnectMaxDelay().toNanos());
            }
        } finally {
            // Closed (or failed) before streaming started: whoever waits on start() must not wait forever.
            started.completeExceptionally(new IllegalStateException("The replication client was closed before it "
                    + "started streaming"));
            LOG.debugf("Replication thread for slot %s ended", config.slot().name());
        }
    }

    /** Sleeps, but returns at once when {@link #close()} is called. */
    private void pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long left;
        while (!closing && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, config.username());
        if (config.password() != null) {
            PGProperty.PASSWORD.set(properties, config.password());
        }
        PGProperty.REPLICATION.set(properties, "database");
        // The replication protocol accepts only simple queries; version 10 is the first with pgoutput.
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "10");
        PGProperty.APPLICATION_NAME.set(properties, config.threadName());
        ConnectionSettings.addStartupOptions(properties);
        Connection connection = new org.postgresql.Driver().connect(config.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + withoutQuery(config.jdbcUrl()));
        }
        try {
            // The walsender formats the values it decodes with these settings.
            ConnectionSettings.apply(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private PGReplicationStream startStreaming(Connection connection, Lsn startLsn) throws SQLException {
        if (config.temporarySlot()) {
            Lsn consistentPoint = config.slot().createTemporary(connection);
            LOG.debugf("Created temporary replication slot %s at %s", config.slot().name(), consistentPoint);
        }
        PGReplicationStream stream = connection.unwrap(PGConnection.class).getReplicationAPI()
                .replicationStream()
                .logical()
                .withSlotName(config.slot().name())
                .withStartPosition(LogSequenceNumber.valueOf(startLsn.asLong()))
                .withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", publicationNamesOption(config.publications()))
                .withStatusInterval((int) config.statusInterval().toMillis(), TimeUnit.MILLISECONDS)
                .start();
        LOG.infof("Streaming publication %s from replication slot %s at %s", config.publications(), config.slot().name(),
                startLsn.isValid() ? startLsn : "its confirmed position");
        // A new stream has sent nothing yet: repeat the current acknowledgement on it.
        acknowledgeSent = 0;
        return stream;
    }

    /** A JDBC URL may carry the password as a query parameter: never show that part. */
    static String withoutQuery(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...";
    }

    /**
     * pgoutput reads {@code publication_names} as a list of identifiers, so each name is quoted; pgjdbc puts the value
     * between single quotes without escaping, so single quotes are doubled here.
     */
    static String publicationNamesOption(List<String> publications) {
        return publications.stream().map(PgQuoting::identifier).collect(Collectors.joining(",")).replace("'", "''");
    }

    private void stream(PGReplicationStream stream) throws SQLException {
        TransactionAssembler assembler = new TransactionAssembler();
        long idleNanos = config.idlePollInterval().toNanos();
        while (!closing) {
            acknowledgeIfDue(stream, false);
            // readPending never blocks for long, so acknowledgements and close() are served promptly; it also sends
            // the periodic status update that keeps the slot's connection alive when no data flows.
            ByteBuffer message = stream.readPending();
            lastReceived.set(stream.getLastReceiveLSN().asLong());
            if (message == null) {
                if (stream.isClosed()) {
                    throw new SQLException("The server ended the replication stream");
                }
                LockSupport.parkNanos(this, idleNanos);
                continue;
            }
            PgMessage decoded = decoder.decode(message);
            if (decoded != null) {
                Transaction transaction = assembler.accept(decoded);
                if (transaction != null) {
                    listener.onTransaction(transaction);
                    lastDelivered = transaction.endLsn();
                }
            }
        }
    }

    private void acknowledgeIfDue(PGReplicationStream stream, boolean evenIfRecent) throws SQLException {
        long requested = acknowledgeRequested.get();
        if (Long.compareUnsigned(requested, acknowledgeSent) <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (!evenIfRecent && now - lastForcedStatusNanos < ACKNOWLEDGE_MIN_INTERVAL_NANOS) {
            return;
        }
        LogSequenceNumber lsn = LogSequenceNumber.valueOf(requested);
        // For a logical slot the server moves confirmed_flush_lsn to the flush position; applied is set alike
        // because Postgres reports it in pg_stat_replication.
        stream.setFlushedLSN(lsn);
        stream.setAppliedLSN(lsn);
        stream.forceUpdateStatus();
        acknowledgeSent = requested;
        lastForcedStatusNanos = now;
    }

    private void notifyDisconnected(Throwable error) {
        try {
            listener.onDisconnected(error);
        } catch (RuntimeException e) {
            LOG.warn("The replication listener failed while handling a lost connection", e);
        }
    }

    private void notifyFailure(Throwable error) {
        try {
            listener.onFailure(error);
        } catch (RuntimeException e) {
            LOG.warn("The replication listener failed while handling a failure", e);
        }
    }

    private void closeQuietly(PGReplicationStream stream, Connection connection) {
        if (stream != null) {
            try {
                stream.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debugf("Closing the replication stream: %s", e.getMessage());
            }
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debugf("Closing the replication connection: %s", e.getMessage());
            }
        }
    }

    /** Settings of a {@link ReplicationClient}; the password is never logged. */
    public static final class Builder {
        private String jdbcUrl;
        private String username;
        private String password;
        private ReplicationSlot slot;
        private boolean temporarySlot;
        private List<String> publications;
        private Lsn startLsn = Lsn.INVALID;
        private Duration statusInterval = Duration.ofSeconds(10);
        private Duration idlePollInterval = Duration.ofMillis(5);
        private Duration reconnectInitialDelay;
        private Duration reconnectMaxDelay;
        private ReplicationListener listener;
        private String threadName = "quarkus-sync-replication";

        private Builder() {
        }

        /** {@code jdbc:postgresql://host:port/database}; replication properties are added by the client. */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /** A role with the {@code REPLICATION} attribute (or a superuser). */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** A permanent slot must exist already ({@link ReplicationSlot#createIfMissing}). */
        public Builder slot(ReplicationSlot slot) {
            this.slot = slot;
            return this;
        }

        /** Create the slot as a temporary slot on the replication connection (tests): it ends with the client. */
        public Builder temporarySlot(boolean temporarySlot) {
            this.temporarySlot = temporarySlot;
            return this;
        }

        public Builder publications(String... publications) {
            return publications(List.of(publications));
        }

        /** The publications to stream; each is a name as stored (quoted by the client). */
        public Builder publications(List<String> publications) {
            this.publications = List.copyOf(publications);
            return this;
        }

        /**
         * Where to start: {@link Lsn#INVALID} (the default) starts at the slot's {@code confirmed_flush_lsn}; a later
         * LSN skips the transactions that committed before it. An earlier one is raised to the slot's position.
         */
        public Builder startLsn(Lsn startLsn) {
            this.startLsn = startLsn;
            return this;
        }

        /**
         * How often a standby status update is sent even when idle (pgjdbc {@code withStatusInterval}); it keeps the
         * connection from hitting the server's {@code wal_sender_timeout} (60 s by default). Default 10 s.
         */
        public Builder statusInterval(Duration statusInterval) {
            this.statusInterval = statusInterval;
            return this;
        }

        /** How long the thread sleeps when no data is waiting: the latency floor when idle. Default 5 ms. */
        public Builder idlePollInterval(Duration idlePollInterval) {
            this.idlePollInterval = idlePollInterval;
            return this;
        }

        /**
         * Reconnect after a lost connection (a {@link SQLException} while streaming), waiting {@code initialDelay},
         * doubling up to {@code maxDelay}, until {@link #close()}; the listener hears
         * {@link ReplicationListener#onDisconnected} each time. Without this (the default) a lost connection ends the
         * client with {@link ReplicationListener#onFailure}. Other errors (a malformed message, an exception from the
         * listener) always end it. Not available with a temporary slot, which is gone with its connection.
         */
        public Builder reconnect(Duration initialDelay, Duration maxDelay) {
            this.reconnectInitialDelay = Objects.requireNonNull(initialDelay, "initialDelay");
            this.reconnectMaxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
            return this;
        }

        public Builder listener(ReplicationListener listener) {
            this.listener = listener;
            return this;
        }

        public Builder threadName(String threadName) {
            this.threadName = threadName;
            return this;
        }

        public ReplicationClient build() {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(startLsn, "startLsn");
            Objects.requireNonNull(threadName, "threadName");
            if (publications == null || publications.isEmpty()) {
                throw new IllegalArgumentException("At least one publication is required");
            }
            if (statusInterval.isNegative() || statusInterval.isZero()) {
                throw new IllegalArgumentException("The status interval must be positive, got " + statusInterval);
            }
            if (idlePollInterval.isNegative() || idlePollInterval.isZero()) {
                throw new IllegalArgumentException("The idle poll interval must be positive, got " + idlePollInterval);
            }
            if (reconnectInitialDelay != null) {
                if (temporarySlot) {
                    throw new IllegalArgumentException("A client with a temporary slot cannot reconnect: the slot, and "
                            + "the changes made while disconnected, are gone with the connection");
                }
                if (reconnectInitialDelay.isNegative() || reconnectInitialDelay.isZero()
                        || reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
                    throw new IllegalArgumentException("Reconnect delays must be positive, the maximum at least the "
                            + "initial one, got " + reconnectInitialDelay + " and " + reconnectMaxDelay);
                }
            }
            return new ReplicationClient(new Settings(jdbcUrl, username, password, slot, temporarySlot,
                    List.copyOf(publications), startLsn, statusInterval, idlePollInterval, reconnectInitialDelay,
                    reconnectMaxDelay, threadName), listener);
        }
    }
}
