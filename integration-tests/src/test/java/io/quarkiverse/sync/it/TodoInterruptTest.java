package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.InterruptTarget;
import io.quarkiverse.sync.SyncInterrupts;
import io.quarkiverse.sync.SyncShape;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Interrupts of dynamic shapes (Phoenix.Sync's interrupt mechanics, spec phoenix-sync.md §2). */
@QuarkusTest
class TodoInterruptTest {

    private static final UUID ANN = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-0000000000b2");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncShapeService sync;

    @Inject
    SyncInterrupts interrupts;

    @Inject
    TodoFocus focus;

    private final List<CompletableFuture<Response>> parked = new ArrayList<>();

    @BeforeEach
    void todos() throws Exception {
        focus.showDone(ANN, false);
        focus.showDone(BOB, false);
        TodoFixture.reset(dataSource, sync, "INSERT INTO todos (id, title, completed, owner_id) VALUES "
                + "(5001, 'ann open', false, '" + ANN + "'), (5002, 'ann done', true, '" + ANN + "'), "
                + "(5003, 'bob open', false, '" + BOB + "')");
    }

    @AfterEach
    void drain() throws Exception {
        for (CompletableFuture<Response> request : parked) {
            request.get(10, TimeUnit.SECONDS);
        }
        assertThat(sync.inFlight().size()).as("no request stays registered").isZero();
    }

    /** Syncs the focus shape of an owner to up-to-date and parks a live request on it. */
    private CompletableFuture<Response> park(UUID owner) throws Exception {
        return park("/todos/focus", owner);
    }

    private CompletableFuture<Response> park(String path, UUID owner) throws Exception {
        Response initial = given().get(path + "?offset=-1&owner=" + owner);
        String handle = initial.header("electric-handle");
        Response upToDate = given().get(path + "?offset=0_0&owner=" + owner + "&handle=" + handle);
        int before = sync.inFlight().size();
        CompletableFuture<Response> live = CompletableFuture.supplyAsync(() -> given()
                .get(path + "?live=true&owner=" + owner + "&handle=" + handle + "&offset="
                        + upToDate.header("electric-offset")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sync.inFlight().size() <= before) {
            assertThat(System.nanoTime()).as("parked").isLessThan(deadline);
            Thread.sleep(5);
        }
        parked.add(live);
        return live;
    }

    @Test
    void eachKindOfTargetInterruptsExactlyTheMatchingRequests() throws Exception {
        park(ANN);
        park(ANN);
        park(BOB);
        // Unchanged shapes: each interrupted request re-parks (on a worker thread): counts are taken once all three
        // are registered again.
        awaitRegistered(3);
        assertThat(interrupts.interrupt(Todo.class)).isEqualTo(3);
        awaitRegistered(3);
        assertThat(interrupts.interrupt("todos")).isEqualTo(3);
        awaitRegistered(3);
        assertThat(interrupts.interrupt("steps")).isZero();
        awaitRegistered(3);
        assertThat(interrupts.interrupt(InterruptTarget.table("todos").schema("public")
                .where("owner_id = $1 AND completed = $2").params(ANN, false))).isEqualTo(2);
        awaitRegistered(3);
        assertThat(interrupts.interrupt(InterruptTarget.any().params(BOB, false))).isEqualTo(1);
        awaitRegistered(3);
        assertThat(interrupts.interrupt(InterruptTarget.table("todos").columns("id"))).isZero();
        awaitRegistered(3);
        assertThat(interrupts.interrupt(SyncShape.of(Todo.class).where("owner_id = $1 AND completed = $2", BOB, false)))
                .isEqualTo(1);
        awaitRegistered(3);
        assertThat(interrupts.interrupt(SyncShape.of(Todo.class))).as("exact: a where must match too").isZero();
        awaitRegistered(3);
        assertThat(interrupts.interrupt(shape -> shape.params().contains(ANN.toString()))).isEqualTo(2);
        assertThat(parked).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void anUnchangedShapeKeepsWaitingAndThenGetsTheNextChange() throws Exception {
        CompletableFuture<Response> live = park(ANN);
        assertThat(interrupts.interrupt(Todo.class)).isEqualTo(1);
        Thread.sleep(200);
        assertThat(live).as("the client sees nothing").isNotDone();
        sql("INSERT INTO todos (id, title, completed, owner_id) VALUES (5004, 'ann new', false, '" + ANN + "')");
        Response response = live.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> messages = response.jsonPath().getList("$");
        assertThat(((Map<?, ?>) messages.get(0).get("value")).get("title")).isEqualTo("ann new");
    }

    @Test
    void aShapeDecidedByAUniIsReEvaluatedWhenInterrupted() throws Exception {
        CompletableFuture<Response> live = park("/todos/focus-reactive", ANN);
        given().put("/todos/focus?owner=" + ANN + "&done=true");
        Response conflict = live.get(5, TimeUnit.SECONDS);
        assertThat(conflict.statusCode()).isEqualTo(409);
        String newHandle = conflict.header("electric-handle");
        Response refetched = given().get("/todos/focus-reactive?offset=-1&owner=" + ANN + "&handle=" + newHandle);
        assertThat(refetched.header("electric-handle")).isEqualTo(newHandle);
        List<Map<String, Object>> rows = refetched.jsonPath().getList("$");
        assertThat(((Map<?, ?>) rows.get(0).get("value")).get("title")).isEqualTo("ann done");
    }

    @Test
    void aChangedShapeAnswers409WithTheNewShapesHandle() throws Exception {
        CompletableFuture<Response> annLive = park(ANN);
        CompletableFuture<Response> bobLive = park(BOB);
        Response set = given().put("/todos/focus?owner=" + ANN + "&done=true");
        assertThat(set.header("x-interrupted")).isEqualTo("2");

        Response conflict = annLive.get(5, TimeUnit.SECONDS);
        assertThat(conflict.statusCode()).isEqualTo(409);
        String newHandle = conflict.header("electric-handle");
        assertThat(newHandle).isNotNull();
        assertThat(bobLive).as("bob's shape did not change").isNotDone();

        Response refetched = given().get("/todos/focus?offset=-1&owner=" + ANN + "&handle=" + newHandle);
        assertThat(refetched.header("electric-handle")).isEqualTo(newHandle);
        List<Map<String, Object>> rows = refetched.jsonPath().getList("$");
        assertThat(((Map<?, ?>) rows.get(0).get("value")).get("title")).isEqualTo("ann done");
        sql("INSERT INTO todos (id, title, completed, owner_id) VALUES (5005, 'bob new', false, '" + BOB + "')");
    }

    private void awaitRegistered(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sync.inFlight().size() != count) {
            assertThat(System.nanoTime()).as(count + " requests registered").isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
