package io.quarkiverse.sync.runtime.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The benchmarks' writer: single-row autocommit transactions from several connections at once. */
public final class ParallelInserts {

    /** Opens a connection for one writer thread. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private ParallelInserts() {
    }

    /**
     * Inserts rows {@code first … first + count - 1} into a table {@code (id bigint, title text, done bool)}, one
     * transaction each; returns the elapsed nanoseconds.
     */
    public static long run(Connector connector, String qualifiedTable, long first, int count, int connections)
            throws Exception {
        String sql = "INSERT INTO " + qualifiedTable + " (id, title, done) VALUES (?, ?, ?)";
        List<Thread> threads = new ArrayList<>();
        AtomicLong next = new AtomicLong(first);
        long end = first + count;
        List<Exception> errors = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = connector.connect();
                        PreparedStatement insert = connection.prepareStatement(sql)) {
                    long id;
                    while ((id = next.getAndIncrement()) < end) {
                        insert.setLong(1, id);
                        insert.setString(2, "todo number " + id + " — ünïcode");
                        insert.setBoolean(3, id % 2 == 0);
                        insert.executeUpdate();
                    }
                } catch (SQLException e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "bench-insert-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return System.nanoTime() - start;
    }
}
