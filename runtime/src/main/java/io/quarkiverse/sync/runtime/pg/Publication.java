package io.quarkiverse.sync.runtime.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jboss.logging.Logger;

/**
 * The publication we stream from, managed table by table: it starts empty and a table is added when its first shape
 * is created, so Postgres decodes only the tables someone syncs.
 * <p>
 * Every method is idempotent and safe to race with another node doing the same: a concurrent "already exists" /
 * "already a member" / "not a member" error counts as success. All SQL runs on the given plain JDBC connection, in
 * its current transaction mode; names are always quoted.
 */
public final class Publication {

    private static final Logger LOG = Logger.getLogger(Publication.class);

    /** SQLSTATE duplicate_object: the publication exists, or the table is already a member. */
    private static final String DUPLICATE_OBJECT = "42710";
    /** SQLSTATE undefined_object: the table is not a member. */
    private static final String UNDEFINED_OBJECT = "42704";

    private final String name;

    public Publication(String name) {
        this.name = Objects.requireNonNull(name, "name");
        PgQuoting.identifier(name); // rejects names Postgres cannot hold, early
    }

    public String name() {
        return name;
    }

    /** @return whether this call created it */
    public boolean createIfMissing(Connection connection) throws SQLException {
        if (exists(connection)) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE PUBLICATION " + PgQuoting.identifier(name));
            LOG.debugf("Created publication %s", name);
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_OBJECT.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    public boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Adds the table; its changes are decoded from the next transaction on. Does not change its replica identity, see
     * {@link #setReplicaIdentityFull}.
     *
     * @return whether this call added it
     */
    public boolean addTable(Connection connection, TableName table) throws SQLException {
        if (contains(connection, table)) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER PUBLICATION " + PgQuoting.identifier(name) + " ADD TABLE " + table.quoted());
            LOG.debugf("Added %s to publication %s", table, name);
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_OBJECT.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** @return whether this call removed it */
    public boolean dropTable(Connection connection, TableName table) throws SQLException {
        if (!contains(connection, table)) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER PUBLICATION " + PgQuoting.identifier(name) + " DROP TABLE " + table.quoted());
            LOG.debugf("Dropped %s from publication %s", table, name);
            return true;
        } catch (SQLException e) {
            if (UNDEFINED_OBJECT.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    public boolean contains(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_publication_tables "
                + "WHERE pubname = ? AND schemaname = ? AND tablename = ?")) {
            query.setString(1, name);
            query.setString(2, table.schema());
            query.setString(3, table.table());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    public List<TableName> tables(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT schemaname, tablename "
                + "FROM pg_catalog.pg_publication_tables WHERE pubname = ? ORDER BY 1, 2")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                List<TableName> tables = new ArrayList<>();
                while (rows.next()) {
                    tables.add(new TableName(rows.getString(1), rows.getString(2)));
                }
                return tables;
            }
        }
    }

    /**
     * Makes Postgres send whole old rows with updates and deletes, so a change can be matched against shapes whose
     * where-clause uses non-key columns (a row moving out of a shape). {@code ALTER TABLE} takes an exclusive lock,
     * so it is only run when the table is not already FULL.
     *
     * @return whether this call changed it
     */
    public static boolean setReplicaIdentityFull(Connection connection, TableName table) throws SQLException {
        if (replicaIdentity(connection, table) == 'f') {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + table.quoted() + " REPLICA IDENTITY FULL");
            LOG.debugf("Set REPLICA IDENTITY FULL on %s", table);
            return true;
        }
    }

    /**
     * {@code pg_class.relreplident}: {@code 'd'} default, {@code 'n'} nothing, {@code 'f'} full, {@code 'i'} index.
     *
     * @throws SQLException when the table does not exist
     */
    public static char replicaIdentity(Connection connection, TableName table) throws SQLException {
        // to_regclass takes the quoted name as text, so odd names are resolved exactly and a missing table is NULL.
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT c.relreplident FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass(?)")) {
            query.setString(1, table.quoted());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("Table " + table + " does not exist", "42P01");
                }
                return rows.getString(1).charAt(0);
            }
        }
    }
}
