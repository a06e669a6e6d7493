package io.quarkiverse.sync.localpg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class LocalPostgresIT {

    private static final Path ROOT = Path.of("target", "local-postgres-it");

    @Test
    void startsALogicalReplicationReadyServerOnLoopbackAndRemovesItOnClose() throws Exception {
        LocalPostgres pg = LocalPostgres.builder().dataRoot(ROOT).setting("work_mem", "8MB").build().start();
        Path instance = pg.instanceDir();
        int port = pg.port();
        try {
            assertThat(port).isPositive();
            assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
            assertThat(pg.isRunning()).isTrue();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
                assertThat(show(c, "wal_level")).isEqualTo("logical");
                assertThat(show(c, "port")).isEqualTo(Integer.toString(port));
                assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(Integer.parseInt(show(c, "max_replication_slots"))).isGreaterThanOrEqualTo(10);
                assertThat(Integer.parseInt(show(c, "max_wal_senders"))).isGreaterThanOrEqualTo(10);
                assertThat(show(c, "work_mem")).as("extra server setting").isEqualTo("8MB");
                assertThat(show(c, "server_encoding")).isEqualTo("UTF8");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.username(), "wrong"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        } finally {
            pg.close();
        }
        assertThat(pg.isRunning()).isFalse();
        assertThat(Files.exists(instance)).as("data removed").isFalse();
        assertThat(LocalPostgres.listening(port)).as("port closed after stop").isFalse();
    }

    @Test
    void aServerLeftBehindByADeadJvmIsStoppedByTheNextStart() throws Exception {
        LocalPostgres orphan = LocalPostgres.builder().dataRoot(ROOT).build().start();
        int orphanPort = orphan.port();
        Path orphanDir = orphan.instanceDir();
        // Pretend the owner died: a pid that cannot be alive.
        Files.writeString(orphanDir.resolve("owner.pid"), "999999999");
        try (LocalPostgres next = LocalPostgres.builder().dataRoot(ROOT).build().start()) {
            assertThat(LocalPostgres.listening(orphanPort)).isFalse();
            assertThat(Files.exists(orphanDir)).isFalse();
            assertThat(next.isRunning()).isTrue();
        } finally {
            orphan.close();
        }
    }

    @Test
    void rejectsSettingNamesAndValuesThatWouldWriteOtherLines() {
        assertThatThrownBy(() -> LocalPostgres.builder().setting("a\nfsync", "on"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalPostgres.builder().setting("work_mem", "1MB\nfsync = on"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

}
