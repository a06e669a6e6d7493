package io.quarkiverse.sync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.localpg.LocalPostgres;
import io.restassured.path.json.JsonPath;

/**
 * Two instances of the packaged todo app on one clustered Vert.x event bus (Hazelcast, TCP on 127.0.0.1) and one
 * database: an interrupt made on instance A reaches a live request parked on instance B, which then behaves exactly as
 * for a local interrupt: an unchanged shape keeps waiting, a changed one answers 409 with the new shape's handle.
 */
class ClusteredInterruptIT {

    private static final UUID ANN = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    /** B's debug line for an interrupt published by another instance, with how many of its requests it woke. */
    private static final Pattern REMOTE_INTERRUPT = Pattern.compile("Interrupt from another instance: (\\d+) requests");

    private static LocalPostgres postgres;
    private static PackagedApp a;
    private static PackagedApp b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "clustered-interrupt-it"));
        postgres = LocalPostgres.builder().dataRoot(work.resolve("pg")).build().start();
        int hazelcastA = freePort();
        int hazelcastB = freePort();
        String cluster = "quarkus-sync-it-" + UUID.randomUUID();
        // A first: it runs the Flyway migration, which B then finds done.
        a = PackagedApp.start("a", work, freePort(), instance(work, "a", cluster, hazelcastA, hazelcastA, hazelcastB))
                .awaitReady(Duration.ofSeconds(90));
        b = PackagedApp.start("b", work, freePort(), instance(work, "b", cluster, hazelcastB, hazelcastA, hazelcastB))
                .awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] { b, a, postgres }) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    /** The system properties of one clustered instance: the shared database, its Hazelcast port, all members. */
    private static Map<String, String> instance(Path work, String name, String cluster, int port, int... members)
            throws IOException {
        String template;
        try (InputStream in = ClusteredInterruptIT.class.getResourceAsStream("/hazelcast-localhost.xml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String memberList = java.util.Arrays.stream(members)
                .mapToObj(p -> "        <member>127.0.0.1:" + p + "</member>").collect(Collectors.joining("\n"));
        Path config = Files.createDirectories(work.resolve(name)).resolve("hazelcast.xml");
        Files.writeString(config, template.replace("@CLUSTER_NAME@", cluster).replace("@PORT@", Integer.toString(port))
                .replace("@MEMBERS@", memberList));
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password(),
                "quarkus.vertx.cluster.clustered", "true",
                "quarkus.vertx.cluster.host", "127.0.0.1",
                "vertx.cluster.managerClass", "io.vertx.spi.cluster.hazelcast.HazelcastClusterManager",
                "vertx.hazelcast.config", config.toAbsolutePath().toString(),
                "quarkus.log.category.\"io.quarkiverse.sync\".level", "DEBUG",
                "quarkus.sync.long-poll-timeout", "40s");
    }

    @Test
    void anInterruptOnAWakesAnUnchangedRequestOnBWhichKeepsWaitingForTheNextChange() throws Exception {
        b.put("/todos/focus?interrupt=false&done=false&owner=" + ANN);
        CompletableFuture<HttpResponse<String>> live = parkOnB(ANN);

        // A's own count is of A's requests (none); B reports the one it woke. Repeated until B's consumer is known to A
        // through the cluster: interrupting an unchanged shape again is harmless.
        int seen = remoteInterruptsOnB();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (remoteInterruptsOnB() == seen) {
            assertThat(System.nanoTime()).as("B saw A's interrupt:\n" + b.logTail()).isLessThan(deadline);
            HttpResponse<String> set = a.put("/todos/focus?done=false&owner=" + BOB);
            assertThat(set.headers().firstValue("x-interrupted")).hasValue("0");
            Thread.sleep(250);
        }
        Thread.sleep(300);
        assertThat(live).as("the client sees nothing").isNotDone();

        sql("INSERT INTO todos (title, completed, owner_id) VALUES ('ann via b', false, '" + ANN + "')");
        HttpResponse<String> response = live.get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(titles(response.body())).containsExactly("ann via b");
    }

    @Test
    void anInterruptOnAAnswers409ForARequestOnBWhoseShapeChanged() throws Exception {
        b.put("/todos/focus?interrupt=false&done=false&owner=" + ANN);
        sql("INSERT INTO todos (title, completed, owner_id) VALUES ('ann finished', true, '" + ANN + "')");
        CompletableFuture<HttpResponse<String>> live = parkOnB(ANN);
        // Let B resolve the live request's shape first: were the focus changed before, it would answer 409 at once.
        Thread.sleep(300);
        assertThat(live).isNotDone();

        // B's view of ann changes without an interrupt on B: its parked request does not notice by itself.
        b.put("/todos/focus?interrupt=false&done=true&owner=" + ANN);
        Thread.sleep(300);
        assertThat(live).isNotDone();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!live.isDone()) {
            assertThat(System.nanoTime()).as("B's request woke:\n" + b.logTail()).isLessThan(deadline);
            a.put("/todos/focus?done=true&owner=" + ANN);
            Thread.sleep(250);
        }
        HttpResponse<String> conflict = live.get();
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).contains("must-refetch");
        String newHandle = conflict.headers().firstValue("electric-handle").orElseThrow();

        HttpResponse<String> refetched = b.get("/todos/focus?offset=-1&owner=" + ANN + "&handle=" + newHandle);
        assertThat(refetched.headers().firstValue("electric-handle")).hasValue(newHandle);
        assertThat(titles(refetched.body())).contains("ann finished").doesNotContain("ann via b");
    }

    /** Syncs ann's focus shape on B to up-to-date, then sends the live request that parks there. */
    private static CompletableFuture<HttpResponse<String>> parkOnB(UUID owner) throws Exception {
        HttpResponse<String> initial = b.get("/todos/focus?offset=-1&owner=" + owner);
        assertThat(initial.statusCode()).as(initial.body()).isEqualTo(200);
        String handle = initial.headers().firstValue("electric-handle").orElseThrow();
        String offset = initial.headers().firstValue("electric-offset").orElseThrow();
        HttpResponse<String> next = b.get("/todos/focus?owner=" + owner + "&handle=" + handle + "&offset=" + offset);
        while (!next.body().contains("up-to-date")) {
            offset = next.headers().firstValue("electric-offset").orElseThrow();
            next = b.get("/todos/focus?owner=" + owner + "&handle=" + handle + "&offset=" + offset);
        }
        offset = next.headers().firstValue("electric-offset").orElseThrow();
        return b.getAsync("/todos/focus?live=true&owner=" + owner + "&handle=" + handle + "&offset=" + offset);
    }

    /** How many requests B has woken for interrupts published by another instance, so far. */
    private static int remoteInterruptsOnB() {
        Matcher matcher = REMOTE_INTERRUPT.matcher(b.logText());
        int total = 0;
        while (matcher.find()) {
            total += Integer.parseInt(matcher.group(1));
        }
        return total;
    }

    private static List<String> titles(String body) {
        List<Map<String, Object>> messages = JsonPath.from(body).getList("$");
        return messages.stream().filter(m -> m.containsKey("value"))
                .map(m -> (String) ((Map<?, ?>) m.get("value")).get("title")).collect(Collectors.toList());
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
