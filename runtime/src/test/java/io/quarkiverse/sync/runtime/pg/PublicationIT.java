package io.quarkiverse.sync.runtime.pg;

import static io.quarkiverse.sync.runtime.pg.PgTestDatabase.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.TimeZone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publication, ReplicationSlot and ConnectionSettings against a real server. */
class PublicationIT {

    private static PgTestDatabase db;

    @BeforeAll
    static void startPostgres() {
        db = new PgTestDatabase();
    }

    @AfterAll
    static void stopPostgres() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void publicationIsCreatedEmptyAndManagedTableByTable() throws SQLException {
        Publication publication = new Publication(uniqueName("Sync \"Pub\" 'x'"));
        TableName odd = new TableName("public", "issues for 7_0_ff \"q\"");
        TableName plain = new TableName("public", uniqueName("plain"));
        db.execute("CREATE TABLE " + odd.quoted() + " (id int PRIMARY KEY, \"has,comma\" text)",
                "CREATE TABLE " + plain.quoted() + " (id int PRIMARY KEY)");
        try (Connection connection = db.connect()) {
            assertThat(publication.exists(connection)).isFalse();
            assertThat(publication.createIfMissing(connection)).isTrue();
            assertThat(publication.createIfMissing(connection)).isFalse();
            assertThat(publication.exists(connection)).isTrue();
            assertThat(publication.tables(connection)).isEmpty();
            assertThat(db.queryString("SELECT puballtables::text FROM pg_publication WHERE pubname = '"
                    + publication.name().replace("'", "''") + "'")).isEqualTo("false");

            assertThat(publication.addTable(connection, odd)).isTrue();
            assertThat(publication.addTable(connection, odd)).isFalse();
            assertThat(publication.addTable(connection, plain)).isTrue();
            assertThat(publication.contains(connection, odd)).isTrue();
            assertThat(publication.tables(connection)).containsExactlyInAnyOrder(odd, plain);

            assertThat(publication.dropTable(connection, odd)).isTrue();
            assertThat(publication.dropTable(connection, odd)).isFalse();
            assertThat(publication.tables(connection)).containsExactly(plain);
        }
    }

    @Test
    void addingAMissingTableFails() throws SQLException {
        Publication publication = new Publication(uniqueName("missing_pub"));
        try (Connection connection = db.connect()) {
            publication.createIfMissing(connection);
            assertThatThrownBy(() -> publication.addTable(connection, new TableName("public", "no such table")))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void replicaIdentityFullIsSetOnce() throws SQLException {
        TableName table = new TableName("public", uniqueName("Identity Table"));
        db.execute("CREATE TABLE " + table.quoted() + " (id int PRIMARY KEY)");
        try (Connection connection = db.connect()) {
            assertThat(Publication.replicaIdentity(connection, table)).isEqualTo('d');
            assertThat(Publication.setReplicaIdentityFull(connection, table)).isTrue();
            assertThat(Publication.setReplicaIdentityFull(connection, table)).isFalse();
            assertThat(Publication.replicaIdentity(connection, table)).isEqualTo('f');
            assertThatThrownBy(() -> Publication.replicaIdentity(connection, new TableName("public", "nope")))
                    .isInstanceOf(SQLException.class).hasMessageContaining("does not exist");
        }
    }

    @Test
    void permanentSlotIsCreatedOnceAndReportsItsPosition() throws SQLException {
        ReplicationSlot slot = new ReplicationSlot(uniqueName("perm"));
        try (Connection connection = db.connect()) {
            assertThat(slot.confirmedFlushLsn(connection)).isEmpty();
            assertThat(slot.createIfMissing(connection)).isTrue();
            assertThat(slot.createIfMissing(connection)).isFalse();
            assertThat(slot.exists(connection)).isTrue();
            assertThat(slot.isActive(connection)).isFalse();
            Lsn confirmed = slot.confirmedFlushLsn(connection).orElseThrow();
            assertThat(confirmed.isValid()).isTrue();
            assertThat(confirmed).isLessThanOrEqualTo(Lsn.parse(db.queryString("SELECT pg_current_wal_lsn()::text")));
            assertThat(db.queryString("SELECT plugin || ' ' || temporary FROM pg_replication_slots WHERE slot_name = '"
                    + slot.name() + "'")).isEqualTo("pgoutput false");

            assertThat(slot.dropIfExists(connection)).isTrue();
            assertThat(slot.dropIfExists(connection)).isFalse();
            assertThat(slot.exists(connection)).isFalse();
        }
    }

    @Test
    void settingsApplyToAPlainConnection() throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            assertThat(show(statement, "DateStyle")).isEqualTo("ISO, DMY");
            assertThat(show(statement, "TimeZone")).isEqualTo("UTC");
            assertThat(show(statement, "extra_float_digits")).isEqualTo("1");
            assertThat(show(statement, "bytea_output")).isEqualTo("hex");
            assertThat(show(statement, "IntervalStyle")).isEqualTo("iso_8601");
            connection.setAutoCommit(false);
            connection.rollback(); // session settings survive transactions
            assertThat(show(statement, "TimeZone")).isEqualTo("UTC");
        }
    }

    @Test
    void startupOptionsAloneLoseTimeZoneToPgjdbcsOwnStartupParameter() throws SQLException {
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        Properties properties = new Properties();
        properties.setProperty("user", db.pg.username());
        properties.setProperty("password", db.pg.password());
        ConnectionSettings.addStartupOptions(properties);
        try (Connection connection = DriverManager.getConnection(db.pg.jdbcUrl(), properties);
                Statement statement = connection.createStatement()) {
            // pgjdbc's TimeZone startup parameter wins over "-c TimeZone=UTC": hence ConnectionSettings.apply.
            assertThat(show(statement, "TimeZone")).isEqualTo("Asia/Kolkata");
            assertThat(show(statement, "IntervalStyle")).isEqualTo("iso_8601");
            ConnectionSettings.apply(connection);
            assertThat(show(statement, "TimeZone")).isEqualTo("UTC");
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
