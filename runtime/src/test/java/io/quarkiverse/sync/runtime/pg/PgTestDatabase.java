package io.quarkiverse.sync.runtime.pg;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkiverse.sync.localpg.LocalPostgres;

/** A throwaway local Postgres (wal_level=logical) shared by the tests of one class, with small SQL helpers. */
final class PgTestDatabase implements AutoCloseable {

    private static final AtomicInteger NAMES = new AtomicInteger();

    final LocalPostgres pg;

    PgTestDatabase() {
        pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-repl")).build().start();
    }

    /** A plain connection with our session settings, autocommit on. */
    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
        ConnectionSettings.apply(connection);
        return connection;
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    String queryString(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** A name unique in this JVM, usable for slots (lower case, digits, underscores). */
    static String uniqueName(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet();
    }

    ReplicationClient.Builder client(String slot, String... publications) {
        return ReplicationClient.builder()
                .jdbcUrl(pg.jdbcUrl())
                .username(pg.username())
                .password(pg.password())
                .slot(new ReplicationSlot(slot))
                .publications(publications);
    }

    @Override
    public void close() {
        pg.close();
    }
}
