package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** With quarkus-smallrye-health in the application, readiness includes the replication check. */
@QuarkusTest
class SyncHealthCheckTest {

    @Test
    void readyWhileReplicationStreams() {
        Response response = given().get("/q/health/ready");
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> checks = response.jsonPath().getList("checks");
        assertThat(checks).anySatisfy(check -> {
            assertThat(check.get("name")).isEqualTo("Quarkus Sync replication");
            assertThat(check.get("status")).isEqualTo("UP");
        });
    }
}
