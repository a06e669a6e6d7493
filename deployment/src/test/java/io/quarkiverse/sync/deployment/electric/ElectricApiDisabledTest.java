package io.quarkiverse.sync.deployment.electric;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Off by default: no route serves client-defined shapes. */
class ElectricApiDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withEmptyApplication();

    @Test
    void noRoutes() {
        assertThat(given().get("/v1/shape?table=t&offset=-1").statusCode()).isEqualTo(404);
        assertThat(given().get("/v1/health").statusCode()).isEqualTo(404);
    }
}
