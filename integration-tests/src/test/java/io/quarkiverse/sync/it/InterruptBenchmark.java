package io.quarkiverse.sync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.InterruptTarget;
import io.quarkiverse.sync.SyncInterrupts;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * Benchmark (prints figures, asserts only that it measured what it says; not run by the build: its name is not a
 * test's): {@value #OWNERS} owners × {@value #PER_OWNER} parked live requests on their dynamic focus shape, 10,000 in
 * all over HTTP/2; one owner's focus changes and an interrupt targets that owner's shapes (100 requests). Measured:
 * the interrupt call, and the time from the call to the first and to the last of the 100 409s the client receives.
 *
 * <pre>
 * ./mvnw -B verify -pl integration-tests -Dtest=InterruptBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
 * </pre>
 */
@QuarkusTest
@TestProfile(InterruptBenchmark.Parked.class)
class InterruptBenchmark {

    static final int OWNERS = 100;
    static final int PER_OWNER = 100;
    static final int ROUNDS = 5;

    /** Requests stay parked for the whole run; 10,000 streams over 50 connections. */
    public static class Parked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.sync.long-poll-timeout", "300s",
                    "quarkus.http.limits.max-concurrent-streams", "1000");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncShapeService sync;

    @Inject
    SyncInterrupts interrupts;

    @Inject
    TodoFocus focus;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    private final String[] handles = new String[OWNERS];
    private final String[] offsets = new String[OWNERS];

    @Test
    void interruptHundredOfTenThousandParkedRequests() throws Exception {
        StringBuilder rows = new StringBuilder("INSERT INTO todos (title, completed, owner_id) VALUES ");
        for (int i = 0; i < OWNERS; i++) {
            focus.showDone(owner(i), false);
            rows.append(i == 0 ? "" : ", ").append("('open', false, '").append(owner(i)).append("'), ('done', true, '")
                    .append(owner(i)).append("')");
        }
        TodoFixture.reset(dataSource, sync, rows.toString());
        try (LongPollClient client = LongPollClient.http2(vertx, base, 50, 1000)) {
            List<List<CompletableFuture<LongPollClient.Answer>>> parked = new ArrayList<>();
            long parkStart = System.nanoTime();
            for (int i = 0; i < OWNERS; i++) {
                syncToUpToDate(client, i);
                parked.add(client.get(liveUri(i), PER_OWNER));
            }
            awaitRegistered(OWNERS * PER_OWNER);
            System.out.printf("InterruptBenchmark: %d live requests parked in %.1f s%n", OWNERS * PER_OWNER,
                    (System.nanoTime() - parkStart) / 1e9);

            for (int round = 0; round < ROUNDS; round++) {
                UUID owner = owner(round);
                focus.showDone(owner, true);
                long start = System.nanoTime();
                int count = interrupts.interrupt(InterruptTarget.table("todos").params(owner, false));
                long called = System.nanoTime();
                List<LongPollClient.Answer> answers = LongPollClient.await(parked.get(round), 60);
                long first = answers.stream().mapToLong(LongPollClient.Answer::nanoTime).min().orElseThrow();
                long last = answers.stream().mapToLong(LongPollClient.Answer::nanoTime).max().orElseThrow();
                assertThat(count).isEqualTo(PER_OWNER);
                assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(409));
                System.out.printf("InterruptBenchmark: round %d: %d of %d parked interrupted; call %.2f ms, first 409"
                        + " after %.1f ms, last 409 after %.1f ms%n", round + 1, count, sync.inFlight().size() + count,
                        (called - start) / 1e6, (first - start) / 1e6, (last - start) / 1e6);
                // Back to 10,000: the owner's clients follow their new shape and park again.
                syncToUpToDate(client, round);
                parked.set(round, client.get(liveUri(round), PER_OWNER));
                awaitRegistered(OWNERS * PER_OWNER);
            }
        }
        awaitRegistered(0); // the client went away: nothing stays registered
    }

    private static UUID owner(int i) {
        return new UUID(0xbe7c4L, i);
    }

    private void syncToUpToDate(LongPollClient client, int i) throws Exception {
        LongPollClient.Answer initial = client.get("/todos/focus?offset=-1&owner=" + owner(i)).get(30, TimeUnit.SECONDS);
        handles[i] = initial.handle();
        offsets[i] = initial.offset();
        LongPollClient.Answer next = client.get(uri(i)).get(30, TimeUnit.SECONDS);
        offsets[i] = next.offset();
    }

    private String liveUri(int i) {
        return uri(i) + "&live=true";
    }

    private String uri(int i) {
        return "/todos/focus?owner=" + owner(i) + "&handle=" + handles[i] + "&offset=" + offsets[i];
    }

    private void awaitRegistered(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (sync.inFlight().size() != count) {
            assertThat(System.nanoTime()).as(count + " registered, " + sync.inFlight().size() + " are")
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
