package io.quarkiverse.sync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.SyncInterrupts;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * The registry of waiting requests of dynamic shapes (and the parked waiters under it) holds nothing once requests
 * end, however they end: answered by a change, answered after an interrupt left their shape unchanged, 409 after an
 * interrupt changed it, timed out, or their client went away. {@value #TOTAL} live requests by default
 * ({@code -Dinflight.requests=N}), in rounds of {@value #BATCH} parked at once.
 */
@QuarkusTest
@TestProfile(InFlightCleanupTest.LongPolls.class)
class InFlightCleanupTest {

    /**
     * Long polls that outlast parking a whole batch on a busy machine (each request reads the catalog first): the
     * default 20 s, not the 2 s of the test profile.
     */
    public static class LongPolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.sync.long-poll-timeout", "20s");
        }
    }

    static final int TOTAL = 100_000;
    static final int BATCH = 1_000;

    private static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-00000000c1ea");

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

    private String handle;
    private String offset;

    @Test
    void noRequestStaysRegisteredHoweverItEnds() throws Exception {
        int total = Integer.getInteger("inflight.requests", TOTAL);
        focus.showDone(OWNER, false);
        TodoFixture.reset(dataSource, sync, "INSERT INTO todos (title, completed, owner_id) VALUES ('first', false, '"
                + OWNER + "')");
        syncToUpToDate();
        long started = System.nanoTime();
        int sent = 0;
        int[] byKind = new int[5];
        try (LongPollClient client = new LongPollClient(vertx, base, BATCH)) {
            for (int round = 0; sent < total; round++) {
                int kind = kindOf(round);
                int count = Math.min(BATCH, total - sent);
                if (kind == 4) {
                    disconnected(count);
                } else {
                    List<CompletableFuture<LongPollClient.Answer>> live = park(client, count);
                    if (kind == 0) {
                        answered(live);
                    } else if (kind == 1) {
                        unchangedThenAnswered(live);
                    } else if (kind == 2) {
                        refetched(live);
                    } else {
                        timedOut(live);
                    }
                }
                sent += count;
                byKind[kind] += count;
                if (round % 10 == 9) {
                    System.out.printf("InFlightCleanupTest: %d requests after %.1f s%n", sent,
                            (System.nanoTime() - started) / 1e9);
                }
                assertThat(sync.inFlight().size()).as("registered after round " + round + " (kind " + kind + ")").isZero();
            }
        }
        awaitZero(() -> sync.waiters().size(), "parked waiters");
        assertThat(sync.inFlight().size()).isZero();
        System.out.printf("InFlightCleanupTest: %d live requests (answered %d, interrupted then answered %d, 409 %d,"
                + " timed out %d, disconnected %d) in %.1f s; registry empty%n", sent, byKind[0], byKind[1],
                byKind[2], byKind[3], byKind[4], (System.nanoTime() - started) / 1e9);
    }

    /** Mostly answered and 409 rounds (cheap); a disconnect round every 25 and one timeout round (20 s). */
    private static int kindOf(int round) {
        if (round == 7) {
            return 3;
        }
        if (round % 25 == 3) {
            return 4;
        }
        return round % 3;
    }

    private List<CompletableFuture<LongPollClient.Answer>> park(LongPollClient client, int count)
            throws InterruptedException {
        List<CompletableFuture<LongPollClient.Answer>> live = client.get(liveUri(), count);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sync.inFlight().size() != count) {
            CompletableFuture<LongPollClient.Answer> early = live.stream().filter(CompletableFuture::isDone).findAny()
                    .orElse(null);
            assertThat(early).as("a live request answered before anything happened, " + sync.inFlight().size()
                    + " parked").isNull();
            assertThat(System.nanoTime()).as(count + " registered, " + sync.inFlight().size() + " are")
                    .isLessThan(deadline);
            Thread.sleep(2);
        }
        return live;
    }

    private void answered(List<CompletableFuture<LongPollClient.Answer>> live) throws Exception {
        insertMatching();
        List<LongPollClient.Answer> answers = LongPollClient.await(live, 60);
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        offset = answers.get(0).offset();
    }

    private void unchangedThenAnswered(List<CompletableFuture<LongPollClient.Answer>> live) throws Exception {
        assertThat(interrupts.interrupt(Todo.class)).isEqualTo(live.size());
        awaitRegistered(live.size()); // re-parked: the shape did not change
        answered(live);
    }

    private void refetched(List<CompletableFuture<LongPollClient.Answer>> live) throws Exception {
        focus.showDone(OWNER, !focus.showDone(OWNER));
        assertThat(interrupts.interrupt(Todo.class)).isEqualTo(live.size());
        List<LongPollClient.Answer> answers = LongPollClient.await(live, 60);
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(409));
        syncToUpToDate();
    }

    private void timedOut(List<CompletableFuture<LongPollClient.Answer>> live) throws Exception {
        List<LongPollClient.Answer> answers = LongPollClient.await(live, 60);
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
    }

    private void disconnected(int count) throws Exception {
        List<CompletableFuture<LongPollClient.Answer>> live;
        try (LongPollClient own = new LongPollClient(vertx, base, count)) {
            live = park(own, count);
        }
        awaitZero(() -> sync.inFlight().size(), "registered after the clients went away");
        assertThat(live).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
    }

    private void insertMatching() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO todos (title, completed, owner_id) VALUES ('more', " + focus.showDone(OWNER) + ", '"
                    + OWNER + "')");
        }
    }

    /** Follows the focus shape from its start to up-to-date, so that the next live requests park. */
    private void syncToUpToDate() throws Exception {
        try (LongPollClient client = new LongPollClient(vertx, base, 1)) {
            LongPollClient.Answer initial = client.get("/todos/focus?offset=-1&owner=" + OWNER).get(30, TimeUnit.SECONDS);
            handle = initial.handle();
            offset = initial.offset();
            LongPollClient.Answer next = client.get(uri(false)).get(30, TimeUnit.SECONDS);
            assertThat(next.status()).isEqualTo(200);
            offset = next.offset();
        }
    }

    private String liveUri() {
        return uri(true);
    }

    private String uri(boolean live) {
        return "/todos/focus?owner=" + OWNER + "&handle=" + handle + "&offset=" + offset + (live ? "&live=true" : "");
    }

    private void awaitRegistered(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sync.inFlight().size() != count) {
            assertThat(System.nanoTime()).as(count + " registered, " + sync.inFlight().size() + " are")
                    .isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    private static void awaitZero(IntSupplier size, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (size.getAsInt() != 0) {
            assertThat(System.nanoTime()).as(what + ": " + size.getAsInt()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
