package io.quarkiverse.sync.deployment.electric;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The Electric API with its defaults for deletion (off), a secret, on a custom path, in an application without
 * SmallRye Health, enabled by run-time configuration alone.
 */
class ElectricApiDeletionDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            // only at start, not at build: a packaged application enables the API without a rebuild
            .overrideRuntimeConfigKey("quarkus.sync.electric-api.enabled", "true")
            .overrideConfigKey("quarkus.sync.electric-api.path", "/electric/v1/shape")
            .overrideConfigKey("quarkus.sync.electric-api.secret", "s3cret");

    @Test
    void deleteIs405() {
        Response response = given().delete("/electric/v1/shape?table=t&secret=s3cret");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body().asString()).isEqualTo("{\"message\":\"DELETE not allowed\"}");
        assertThat(response.header("access-control-allow-methods")).isEqualTo("GET, POST, HEAD, DELETE, OPTIONS");
    }

    @Test
    void theSecretIsRequired() {
        Response response = given().get("/electric/v1/shape?table=t&offset=-1");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body().asString()).isEqualTo("{\"message\":\"Unauthorized - Invalid API secret\"}");
        assertThat(response.header("access-control-allow-origin")).isNull();
        Response withSecret = given().get("/electric/v1/shape?table=t&offset=-1&secret=s3cret");
        assertThat(withSecret.statusCode()).isEqualTo(400);
        assertThat(withSecret.body().asString()).isEqualTo("{\"message\":\"Invalid request\",\"errors\":{\"table\":"
                + "[\"Table \\\"public\\\".\\\"t\\\" does not exist. If the table name contains capitals or special "
                + "characters you must quote it.\"]}}");
    }

    @Test
    void noHealthCheckWithoutSmallRyeHealthButTheElectricHealthEndpoint() {
        assertThat(given().get("/v1/health").body().asString()).isEqualTo("{\"status\":\"active\"}");
        assertThat(given().get("/q/health/ready").statusCode()).isEqualTo(404);
    }
}
