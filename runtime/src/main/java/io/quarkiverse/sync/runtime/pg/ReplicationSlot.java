package io.quarkiverse.sync.runtime.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * A logical replication slot using the {@code pgoutput} plugin: the server-side cursor that keeps WAL until we
 * acknowledge it, so a restart resumes where the acknowledged data ends.
 * <p>
 * A <em>permanent</em> slot is created from any plain connection and outlives it. A <em>temporary</em> slot belongs to
 * the session that created it and is dropped when that session ends, so it must be created on the very replication
 * connection that will stream from it: {@link ReplicationClient} does that with {@link #createTemporary}. Temporary
 * slots are for tests; with one, changes made while no client is connected are lost.
 */
public final class ReplicationSlot {

    private static final Logger LOG = Logger.getLogger(ReplicationSlot.class);

    /** Postgres' own rule for slot names; pgjdbc pastes the name unquoted into replication commands, so we enforce it. */
    private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9_]{1,63}");
    private static final String DUPLICATE_OBJECT = "42710";
    static final String PLUGIN = "pgoutput";

    private final String name;

    /** @throws IllegalArgumentException unless the name is 1 to 63 of lower-case letters, digits and underscores */
    public ReplicationSlot(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A replication slot name is 1 to 63 lower-case letters, digits and "
                    + "underscores, got '" + name + "'");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * Creates the permanent slot unless it exists. Its position starts at the current end of WAL.
     *
     * @return whether this call created it
     */
    public boolean createIfMissing(Connection connection) throws SQLException {
        if (exists(connection)) {
            return false;
        }
        try {
            create(connection, false);
            LOG.debugf("Created replication slot %s", name);
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_OBJECT.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Creates a temporary slot owned by the session of {@code replicationConnection}, which must be the replication
     * connection ({@code replication=database}) that will stream from it, before it starts streaming.
     *
     * @return the slot's consistent point: changes committed after it are decoded
     */
    public Lsn createTemporary(Connection replicationConnection) throws SQLException {
        return create(replicationConnection, true);
    }

    private Lsn create(Connection connection, boolean temporary) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(
                "SELECT lsn FROM pg_catalog.pg_create_logical_replication_slot(?, ?, ?)")) {
            create.setString(1, name);
            create.setString(2, PLUGIN);
            create.setBoolean(3, temporary);
            try (ResultSet rows = create.executeQuery()) {
                rows.next();
                return Lsn.parse(rows.getString(1));
            }
        }
    }

    public boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * The position up to which the slot's consumer has confirmed it is done: on restart, transactions that committed
     * before it are not sent again. Empty when the slot does not exist.
     */
    public Optional<Lsn> confirmedFlushLsn(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT confirmed_flush_lsn::text FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next() || rows.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(Lsn.parse(rows.getString(1)));
            }
        }
    }

    /** Whether a walsender is streaming from the slot right now. */
    public boolean isActive(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT active FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    /**
     * Drops the slot so the server stops keeping WAL for it. Fails while a client streams from it.
     *
     * @return whether it existed
     */
    public boolean dropIfExists(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return false;
        }
        try (PreparedStatement drop = connection.prepareStatement("SELECT pg_catalog.pg_drop_replication_slot(?)")) {
            drop.setString(1, name);
            drop.execute();
            return true;
        }
    }
}
