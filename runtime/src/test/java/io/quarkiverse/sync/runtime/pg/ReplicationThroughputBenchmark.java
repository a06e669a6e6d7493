package io.quarkiverse.sync.runtime.pg;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkiverse.sync.localpg.LocalPostgres;

/**
 * Decoding throughput of {@link ReplicationClient}, end to end: N single-row insert transactions, written pgbench-style
 * (several connections, one autocommit INSERT per transaction), read back through pgoutput, decoded and grouped into
 * {@link Transaction}s, with an acknowledgement every 1,000 transactions.
 * <p>
 * Two figures: <em>backlog</em> — the rows are inserted first and the client then drains the slot, which measures the
 * replication path alone; <em>live</em> — the client streams while the rows are inserted, bounded by the insert rate.
 * Not run by the build. Arguments: {@code [transactions=50000] [connections=4]}.
 */
public final class ReplicationThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        try (LocalPostgres pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-bench")).build().start()) {
            new ReplicationThroughputBenchmark(pg).run(transactions, connections);
        }
    }

    private final LocalPostgres pg;
    private final TableName table = new TableName("public", "bench");
    private final ReplicationSlot slot = new ReplicationSlot("bench_slot");
    private final String publication = "bench_pub";

    private ReplicationThroughputBenchmark(LocalPostgres pg) {
        this.pg = pg;
    }

    private void run(int transactions, int connections) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table.quoted() + " (id bigint PRIMARY KEY, title text NOT NULL, "
                    + "done bool NOT NULL, at timestamptz NOT NULL DEFAULT now())");
            Publication pub = new Publication(publication);
            pub.createIfMissing(connection);
            pub.addTable(connection, table);
            Publication.setReplicaIdentityFull(connection, table);
            slot.createIfMissing(connection);
        }
        System.out.printf("PostgreSQL %s, %d transactions, %d inserting connections, %d CPUs%n", serverVersion(),
                transactions, connections, Runtime.getRuntime().availableProcessors());

        // Backlog: everything is in WAL before the client starts.
        long insertNanos = ParallelInserts.run(this::connect, table.quoted(), 0, transactions, connections);
        report("insert (pgbench-style, autocommit)", transactions, insertNanos);
        Counter backlog = new Counter(transactions);
        long start = System.nanoTime();
        try (ReplicationClient client = client(backlog)) {
            backlog.client = client;
            client.start().get(60, TimeUnit.SECONDS);
            backlog.await();
            long nanos = System.nanoTime() - start;
            report("replication backlog (start to last decoded)", backlog.transactions.get(), nanos);
            long cpu = ManagementFactory.getThreadMXBean().getThreadCpuTime(backlog.thread.getId());
            System.out.printf("  replication thread CPU (connect, read, decode, assemble): %.2f s = %.1f µs/txn%n",
                    cpu / 1e9, cpu / 1e3 / backlog.transactions.get());
        }

        // Live: the client streams while the rows are written.
        Counter live = new Counter(transactions);
        try (ReplicationClient client = client(live)) {
            live.client = client;
            client.start().get(60, TimeUnit.SECONDS);
            long liveStart = System.nanoTime();
            ParallelInserts.run(this::connect, table.quoted(), transactions, transactions, connections);
            live.await();
            report("replication live (first insert to last decoded)", live.transactions.get(), System.nanoTime() - liveStart);
        }

        // How a JDBC batch under autocommit arrives (one Sync per batch).
        Counter batch = new Counter(1);
        try (ReplicationClient client = client(batch)) {
            batch.client = client;
            client.start().get(60, TimeUnit.SECONDS);
            try (Connection connection = connect();
                    PreparedStatement insert = connection.prepareStatement(insertSql())) {
                for (int i = 0; i < 100; i++) {
                    bind(insert, 2L * transactions + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            batch.await();
            Thread.sleep(500);
            System.out.printf("a JDBC batch of 100 inserts under autocommit arrived as %d transaction(s) with %d rows%n",
                    batch.transactions.get(), batch.rows.get());
        }
    }

    private ReplicationClient client(Counter counter) {
        return ReplicationClient.builder().jdbcUrl(pg.jdbcUrl()).username(pg.username()).password(pg.password())
                .slot(slot).publications(publication).listener(counter).build();
    }


    private String insertSql() {
        return "INSERT INTO " + table.quoted() + " (id, title, done) VALUES (?, ?, ?)";
    }

    private static void bind(PreparedStatement insert, long id) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, "todo number " + id + " — ünïcode");
        insert.setBoolean(3, id % 2 == 0);
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
        ConnectionSettings.apply(connection);
        return connection;
    }

    private String serverVersion() throws SQLException {
        try (Connection connection = connect()) {
            return connection.getMetaData().getDatabaseProductVersion();
        }
    }

    private static void report(String what, long transactions, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf("%-50s %,9d txn in %6.2f s = %,10.0f txn/s%n", what, transactions, seconds, transactions / seconds);
    }

    /** Counts transactions with changes; acknowledges every 1,000th, as an engine that flushes in batches would. */
    private static final class Counter implements ReplicationListener {
        private final AtomicLong transactions = new AtomicLong();
        private final AtomicLong rows = new AtomicLong();
        private final CountDownLatch done;
        private final long expected;
        private volatile Throwable failure;
        volatile ReplicationClient client;
        volatile Thread thread;

        Counter(long expected) {
            this.expected = expected;
            this.done = new CountDownLatch(1);
        }

        @Override
        public void onTransaction(Transaction transaction) {
            thread = Thread.currentThread();
            if (transaction.changes().isEmpty()) {
                return;
            }
            rows.addAndGet(transaction.changes().size());
            long n = transactions.incrementAndGet();
            if (n % 1_000 == 0) {
                client.acknowledge(transaction.endLsn());
            }
            if (n == expected) {
                client.acknowledge(transaction.endLsn());
                done.countDown();
            }
        }

        @Override
        public void onFailure(Throwable error) {
            failure = error;
            done.countDown();
        }

        void await() throws Exception {
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Timed out after " + transactions.get() + " transactions");
            }
            if (failure != null) {
                throw new IllegalStateException("Replication failed", failure);
            }
        }
    }
}
