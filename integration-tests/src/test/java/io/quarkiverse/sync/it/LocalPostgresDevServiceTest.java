package io.quarkiverse.sync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The app boots on the PostgreSQL that Quarkus Sync starts itself: no URL is configured in application.properties. */
@QuarkusTest
class LocalPostgresDevServiceTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void theDatasourcePointsAtALocalServerOnAFreePort() {
        assertThat(jdbcUrl).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres");
        assertThat(Integer.parseInt(jdbcUrl.replaceAll(".*:(\\d+)/.*", "$1"))).isNotEqualTo(5432);
    }

    @Test
    void theServerIsReadyForLogicalReplication() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(show(s, "wal_level")).isEqualTo("logical");
            assertThat(Integer.parseInt(show(s, "max_replication_slots"))).isGreaterThanOrEqualTo(10);
            assertThat(Integer.parseInt(show(s, "max_wal_senders"))).isGreaterThanOrEqualTo(10);
            try (ResultSet rs = s.executeQuery("SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the user may open replication connections").isTrue();
            }
        }
    }

    @Test
    void flywayCreatedTheTodoSchema() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 'todos'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
        }
    }

    private static String show(Statement s, String setting) throws Exception {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
