package io.quarkiverse.sync.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Without server binaries the application does not start, and the message says what to install. */
class MissingPostgresBinariesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.sync.devservices.bin-dir", "/nonexistent/postgresql/bin")
            .assertException(e -> {
                Throwable cause = e;
                while (cause.getCause() != null && !cause.getMessage().contains("Quarkus Sync")) {
                    cause = cause.getCause();
                }
                assertThat(cause.getMessage())
                        .contains("Quarkus Sync could not start a local PostgreSQL for dev/test mode: "
                                + "initdb, pg_ctl and postgres are not all in /nonexistent/postgresql/bin.")
                        .contains("apt-get install postgresql")
                        .contains("quarkus.datasource.jdbc.url")
                        .contains("quarkus.sync.devservices.enabled=false");
            });

    @Test
    void failsAtStart() {
        // assertException above checks the failure; this body never runs.
    }
}
