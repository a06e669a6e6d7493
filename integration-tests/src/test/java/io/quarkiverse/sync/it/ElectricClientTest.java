package io.quarkiverse.sync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs the Node tests under {@code src/test/js} — the real {@code @electric-sql/client} from npm — against this
 * running app. The build installs the client with {@code npm ci}.
 */
@QuarkusTest
class ElectricClientTest {

    private static final File JS_DIR = new File("src/test/js");

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    String appUrl;

    @Inject
    SyncShapeService sync;

    @BeforeEach
    void fixture() throws Exception {
        TodoFixture.reset(dataSource, sync, """
                INSERT INTO todos (id, title, completed, owner_id, created_at) VALUES
                  (2001, 'Sync "me"
                ünïcode ✓', true, 'F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6', '2024-02-29 13:45:01.123456+02'),
                  (2002, '', false, NULL, '2024-03-01 00:00:00+00')
                """);
    }

    @Test
    void theOfficialClientSyncsTheTodoShape() throws Exception {
        String output = runNodeTests("initial-sync.test.mjs");
        assertThat(output).contains("# pass 2").contains("# fail 0");
    }

    @Test
    void theOfficialClientFetchesSubsetSnapshots() throws Exception {
        TodoFixture.reset(dataSource, sync, "INSERT INTO todos (id, title, completed) VALUES "
                + "(4001, 'a', true), (4002, 'b', false), (4003, 'c', true), (4004, 'd', false)");
        String output = runNodeTests("subset.test.mjs");
        assertThat(output).contains("# pass 3").contains("# fail 0");
    }

    @Test
    void theOfficialClientOnTheElectricEndpoint() throws Exception {
        String output = runNodeTests("electric-api.test.mjs");
        assertThat(output).contains("# pass 4").contains("# fail 0");
    }

    @Test
    void theOfficialClientFollowsLiveChanges() throws Exception {
        String output = runNodeTests("live-sync.test.mjs");
        assertThat(output).contains("# pass 4").contains("# fail 0");
    }

    @Test
    void theOfficialClientSyncsTransformedShapes() throws Exception {
        String output = runNodeTests("transforms.test.mjs");
        assertThat(output).contains("# pass 9").contains("# fail 0");
    }

    private String runNodeTests(String file) throws Exception {
        assertThat(new File(JS_DIR, "node_modules/@electric-sql/client")).as("npm ci ran in the build").exists();
        // --test-force-exit: the client keeps a timer alive for a minute after a stream ends.
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-force-exit", "--test-reporter=tap", file)
                .directory(JS_DIR)
                .redirectErrorStream(true);
        builder.environment().put("APP_URL", appUrl.replaceAll("/$", ""));
        Process node = builder.start();
        node.getOutputStream().close();
        // Reading to the end waits for node; its own test timeouts bound the run.
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = node.waitFor(30, TimeUnit.SECONDS);
        System.out.println(output);
        assertThat(done).as("node exited").isTrue();
        assertThat(node.exitValue()).as("node tests passed:%n%s", output).isZero();
        return output;
    }
}
