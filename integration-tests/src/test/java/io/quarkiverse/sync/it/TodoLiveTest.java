package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Live mode (protocol §5.1–5.3): long-polls parked until a change, the timeout answer, offset=now, invalidation. */
@QuarkusTest
class TodoLiveTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncShapeService sync;

    private String handle;

    @BeforeEach
    void oneTodo() throws Exception {
        TodoFixture.reset(dataSource, sync, "INSERT INTO todos (id, title) VALUES (3001, 'live')");
        handle = given().get("/todos/shape?offset=-1").header("electric-handle");
        given().get("/todos/shape?offset=0_0&handle=" + handle).then().statusCode(200);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void aParkedRequestIsAnsweredWithTheNextChange() throws Exception {
        CompletableFuture<Response> live = CompletableFuture.supplyAsync(
                () -> given().get("/todos/shape?offset=0_0&live=true&cursor=&handle=" + handle));
        awaitParked(1);
        long start = System.nanoTime();
        sql("INSERT INTO todos (id, title) VALUES (3002, 'arrives live')");
        Response response = live.get(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1500);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("electric-offset")).matches("\\d+_0");
        assertThat(response.header("electric-cursor")).matches("\\d+");
        assertThat(response.header("electric-up-to-date")).isEqualTo("");
        assertThat(response.header("electric-schema")).as("never on live responses").isNull();
        assertThat(response.header("cache-control")).isEqualTo("public, max-age=5, stale-while-revalidate=5");
        List<Map<String, Object>> messages = response.jsonPath().getList("$");
        assertThat(messages).hasSize(2);
        assertThat(((Map<?, ?>) messages.get(0).get("value")).get("title")).isEqualTo("arrives live");
        Map<?, ?> upToDate = (Map<?, ?>) messages.get(1).get("headers");
        assertThat(upToDate.get("global_last_seen_lsn")).isEqualTo(response.header("electric-offset").replace("_0", ""));
        assertThat(sync.waiters().size()).as("the waiter is gone once answered").isZero();
    }

    @Test
    void withNothingNewTheLongPollTimesOutWithAnUpToDate() {
        Response response = given().get("/todos/shape?offset=0_0&live=true&cursor=123&handle=" + handle);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("electric-offset")).isEqualTo("0_0");
        assertThat(response.header("electric-has-data")).isEqualTo("false");
        assertThat(response.header("electric-up-to-date")).isEqualTo("");
        assertThat(Long.parseLong(response.header("electric-cursor"))).isGreaterThan(123);
        assertThat(response.header("etag")).matches("\"" + handle + ":0_0:0_0:\\d+\"");
        assertThat(response.body().asString()).matches("\\[\\{\"headers\":\\{\"control\":\"up-to-date\","
                + "\"global_last_seen_lsn\":\"\\d+\"}}]");
        assertThat(sync.waiters().size()).isZero();
    }

    @Test
    void aTruncateWhileWaitingAnswers409() throws Exception {
        CompletableFuture<Response> live = CompletableFuture.supplyAsync(
                () -> given().get("/todos/shape?offset=0_0&live=true&handle=" + handle));
        awaitParked(1);
        sql("TRUNCATE todos");
        Response response = live.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body().asString()).isEqualTo("[{\"headers\":{\"control\":\"must-refetch\"}}]");
    }

    @Test
    void offsetNowGivesTheCurrentEndWithoutHistory() throws Exception {
        Response now = given().get("/todos/shape?offset=now");
        assertThat(now.statusCode()).isEqualTo(200);
        assertThat(now.header("electric-handle")).isEqualTo(handle);
        assertThat(now.header("electric-offset")).isEqualTo("0_0");
        assertThat(now.header("electric-has-data")).isEqualTo("false");
        assertThat(now.header("electric-up-to-date")).isEqualTo("");
        assertThat(now.header("electric-schema")).isNotNull();
        assertThat(now.header("electric-cursor")).isNull();
        assertThat(now.jsonPath().getList("$")).hasSize(1);

        sql("INSERT INTO todos (id, title) VALUES (3003, 'later')");
        Response live = given().get("/todos/shape?offset=" + now.header("electric-offset") + "&live=true&handle=" + handle);
        assertThat(live.jsonPath().getList("$")).hasSize(2);
    }

    @Test
    void sseSendsWhatIsThereAndEnds() throws Exception {
        sql("INSERT INTO todos (id, title) VALUES (3004, 'before the stream')");
        awaitOffsetMoved();
        Response response = given().get("/todos/shape?offset=0_0&live=true&live_sse=true&experimental_live_sse=true&handle="
                + handle);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("text/event-stream");
        assertThat(response.header("cache-control")).isEqualTo("public, max-age=59");
        assertThat(response.header("electric-cursor")).matches("\\d+");
        String[] events = response.body().asString().split("\n\n");
        assertThat(events).hasSize(2);
        assertThat(events[0]).startsWith("data: {\"key\":").contains("before the stream");
        String lsn = response.header("electric-offset").replace("_0", "");
        assertThat(events[1]).isEqualTo("data: {\"headers\":{\"control\":\"up-to-date\",\"global_last_seen_lsn\":\""
                + lsn + "\"}}");
    }

    @Test
    void sseHoldsTheStreamAndSendsEachChangeAsABatchEndingWithUpToDate() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                        + "/todos/shape?offset=0_0&live=true&live_sse=true&handle=" + handle)).build();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response = client.send(request,
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("electric-offset")).contains("0_0");
        java.util.Iterator<String> lines = response.body().iterator();
        awaitParked(1);
        sql("INSERT INTO todos (id, title) VALUES (3005, 'streamed')");
        assertThat(lines.next()).startsWith("data: {\"key\":").contains("streamed");
        assertThat(lines.next()).isEmpty();
        assertThat(lines.next()).startsWith("data: {\"headers\":{\"control\":\"up-to-date\"");
        assertThat(lines.next()).isEmpty();
        sql("TRUNCATE todos");
        assertThat(lines.hasNext()).as("an invalidated shape ends the stream").isFalse();
    }

    private void awaitOffsetMoved() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (given().get("/todos/shape?offset=0_0&handle=" + handle).header("electric-offset").equals("0_0")) {
            assertThat(System.nanoTime()).as("the change reached the log").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private void awaitParked(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sync.waiters().size() < count) {
            assertThat(System.nanoTime()).as("a live request parked").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
