package io.quarkiverse.sync.runtime.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.runtime.pg.ConnectionSettings;
import io.quarkiverse.sync.runtime.pg.CopyTextDecoder;
import io.quarkiverse.sync.runtime.pg.PgQuoting;
import io.quarkiverse.sync.runtime.pg.TableSchema.Column;
import io.quarkiverse.sync.runtime.protocol.ControlMessages;
import io.quarkiverse.sync.runtime.where.WhereClause;

/**
 * Takes a shape's initial snapshot: one {@code REPEATABLE READ READ ONLY} transaction that records
 * {@code pg_current_snapshot()} and streams the rows with {@code COPY (SELECT …) TO STDOUT}, row by row, so a large
 * table is never held in memory whole. Values are the types' output text, identical to what pgoutput sends.
 */
public final class Snapshotter {

    private Snapshotter() {
    }

    /** The snapshot's visibility: 64-bit xids from {@code pg_current_snapshot()}. */
    public record Visibility(long xmin, long xmax, List<Long> xip) {

        static Visibility parse(String text) {
            String[] parts = text.split(":", -1);
            List<Long> xip = new ArrayList<>();
            if (parts.length == 3 && !parts[2].isEmpty()) {
                for (String xid : parts[2].split(",")) {
                    xip.add(Long.parseLong(xid));
                }
            }
            return new Visibility(Long.parseLong(parts[0]), Long.parseLong(parts[1]), xip);
        }

        public String snapshotEndMessage() {
            return ControlMessages.snapshotEnd(xmin, xmax, xip);
        }

        /**
         * Whether the transaction with this 32-bit xid (as replication reports it) had committed when the snapshot was
         * taken, so that its changes are already in the snapshot. The xid is widened to the 64-bit value nearest to
         * {@code xmax}: live transactions are never 2^31 apart, so that is the one Postgres means.
         */
        public boolean sawCommitOf(long xid32) {
            long full = (xmax & ~0xFFFFFFFFL) | (xid32 & 0xFFFFFFFFL);
            if (full > xmax + (1L << 31)) {
                full -= 1L << 32;
            } else if (full < xmax - (1L << 31)) {
                full += 1L << 32;
            }
            return full < xmin || (full < xmax && !xip.contains(full));
        }
    }

    /**
     * Runs the snapshot on {@code connection}, handing each insert message (JSON text) to {@code sink}.
     */
    public static Visibility run(Connection connection, Shape shape, Consumer<String> sink) throws SQLException {
        return run(connection, shape, visibility -> {
        }, sink);
    }

    /**
     * Runs the snapshot, telling {@code onVisibility} which transactions it sees before the first row is read, so that
     * replicated transactions can be sorted into "already in the snapshot" and "to apply" while the rows stream.
     */
    public static Visibility run(Connection connection, Shape shape, Consumer<Visibility> onVisibility,
            Consumer<String> sink) throws SQLException {
        StringBuilder message = new StringBuilder(256);
        String where = shape.where().map(WhereClause::normalizedSql).orElse(null);
        return query(connection, shape, where, null, (visibility, walLsn) -> onVisibility.accept(visibility),
                shape.definition().log() == LogMode.FULL ? row -> {
                    message.setLength(0);
                    shape.messages().appendSnapshotInsert(message, row);
                    sink.accept(message.toString());
                } : null);
    }

    /** Told what a snapshot transaction sees before its rows are read. */
    @FunctionalInterface
    public interface Start {
        void started(Visibility visibility, long walLsn);
    }

    /**
     * Reads the shape's table in one {@code REPEATABLE READ READ ONLY} transaction: {@code pg_current_snapshot()} and
     * {@code pg_current_wal_lsn()} first, then the rows, through {@code COPY (SELECT …) TO STDOUT} so values are the
     * types' output text.
     *
     * @param whereSql a condition in normalised SQL (identifiers quoted, values as literals), or null
     * @param tailSql {@code ORDER BY … LIMIT … OFFSET …} built from validated parts, or null
     * @param rows receives each row (text values in table column order), or null to read no rows
     */
    public static Visibility query(Connection connection, Shape shape, String whereSql, String tailSql, Start start,
            Consumer<String[]> rows) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        boolean readOnly = connection.isReadOnly();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            Visibility visibility;
            long walLsn;
            // The display settings of protocol §4.5, local to the transaction so the pooled connection keeps its own.
            ConnectionSettings.applyToTransaction(connection);
            try (Statement statement = connection.createStatement();
                    // The first query fixes the transaction's snapshot; the COPY below sees exactly this one.
                    ResultSet rs = statement.executeQuery(
                            "SELECT pg_current_snapshot()::text, pg_current_wal_lsn() - '0/0'::pg_lsn")) {
                rs.next();
                visibility = Visibility.parse(rs.getString(1));
                walLsn = rs.getBigDecimal(2).longValue();
            }
            start.started(visibility, walLsn);
            if (rows != null) {
                copyRows(connection, shape, whereSql, tailSql, rows);
            }
            connection.commit();
            return visibility;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
            connection.setTransactionIsolation(isolation);
            connection.setReadOnly(readOnly);
        }
    }

    private static void copyRows(Connection connection, Shape shape, String whereSql, String tailSql,
            Consumer<String[]> rows) throws SQLException {
        // Every column is read, in table order, because keys may use columns the shape does not select.
        List<Column> columns = shape.table().columns();
        StringBuilder sql = new StringBuilder("COPY (SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(PgQuoting.identifier(columns.get(i).name()));
        }
        sql.append(" FROM ").append(PgQuoting.qualified(shape.table().schema(), shape.table().name()));
        if (whereSql != null) {
            sql.append(" WHERE ").append(whereSql);
        }
        if (tailSql != null) {
            sql.append(' ').append(tailSql);
        }
        sql.append(") TO STDOUT");
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql.toString());
        try {
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                rows.accept(CopyTextDecoder.decode(line, columns.size()));
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
