package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** The Electric API with a secret, deletion off and no room for initial requests (§1.1, §8.1, §8.3). */
@QuarkusTest
@TestProfile(ElectricApiGuardedTest.Guarded.class)
class ElectricApiGuardedTest {

    public static class Guarded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.sync.electric-api.secret", "s3cret",
                    "quarkus.sync.allow-shape-deletion", "false",
                    "quarkus.sync.max-concurrent-initial-requests", "0");
        }
    }

    @Test
    void withoutTheSecret401WithoutCors() {
        for (String query : new String[] { "", "&secret=wrong", "&api_secret=wrong" }) {
            Response response = given().get("/v1/shape?table=todos&offset=-1" + query);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body().asString()).isEqualTo("{\"message\":\"Unauthorized - Invalid API secret\"}");
            assertThat(response.header("access-control-allow-origin")).isNull();
        }
        assertThat(given().delete("/v1/shape?handle=x").statusCode()).isEqualTo(401);
    }

    @Test
    void preflightNeedsNoSecret() {
        assertThat(given().options("/v1/shape").statusCode()).isEqualTo(204);
    }

    @Test
    void beyondTheInitialLimit503() {
        for (String secret : new String[] { "secret=s3cret", "api_secret=s3cret" }) {
            Response response = given().get("/v1/shape?table=todos&offset=-1&" + secret);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body().asString()).isEqualTo("{\"code\":\"concurrent_request_limit_exceeded\","
                    + "\"message\":\"Concurrent initial request limit exceeded (limit: 0), please retry\"}");
            assertThat(Integer.parseInt(response.header("retry-after"))).isBetween(6, 10);
            assertThat(response.header("electric-internal-known-error")).isEqualTo("true");
            assertThat(response.header("surrogate-control")).isEqualTo("no-store");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("*");
        }
    }

    @Test
    void deletionDisabled405() {
        Response response = given().delete("/v1/shape?table=todos&secret=s3cret");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body().asString()).isEqualTo("{\"message\":\"DELETE not allowed\"}");
    }
}
