package io.quarkiverse.sync.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.localpg.LocalPostgres;
import io.quarkus.test.QuarkusUnitTest;

/** The dev service starts a logical-replication-ready PostgreSQL on a free local port, and stops it with the app. */
class LocalPostgresDevServiceTest {

    // The test runs in the application's class loader and the after-all check in JUnit's: a system property is what
    // both see.
    private static final String PORT_PROPERTY = "quarkus-sync.test.local-postgres-port";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.sync.devservices.server-settings.work_mem", "7MB")
            .setAfterAllCustomizer(() -> {
                String port = System.getProperty(PORT_PROPERTY);
                assertThat(port).as("the test recorded the port").isNotNull();
                assertThat(LocalPostgres.listening(Integer.parseInt(port))).as("the server is stopped with the application").isFalse();
            });

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void startsOnAFreeLoopbackPortWithLogicalWalAndTheExtraSettings() throws Exception {
        assertThat(jdbcUrl).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres");
        int port = Integer.parseInt(jdbcUrl.replaceAll(".*:(\\d+)/.*", "$1"));
        System.setProperty(PORT_PROPERTY, Integer.toString(port));
        assertThat(LocalPostgres.listening(port)).isTrue();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(show(s, "wal_level")).isEqualTo("logical");
            assertThat(show(s, "work_mem")).isEqualTo("7MB");
            assertThat(show(s, "port")).isEqualTo(Integer.toString(port));
        }
    }

    private static String show(Statement s, String setting) throws Exception {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

}
