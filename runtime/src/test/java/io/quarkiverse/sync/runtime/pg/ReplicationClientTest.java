package io.quarkiverse.sync.runtime.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** What can be checked without a server. */
class ReplicationClientTest {

    private static ReplicationClient.Builder builder() {
        return ReplicationClient.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:1/db?password=secret").username("u")
                .password("secret").slot(new ReplicationSlot("s")).publications("p").listener(new RecordingListener());
    }

    @Test
    void startAfterCloseFailsInsteadOfHanging() {
        ReplicationClient client = builder().build();
        client.close();

        assertThatThrownBy(() -> client.start().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(client::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedStartCompletesTheFutureAndDoesNotLeakThePassword() {
        ReplicationClient client = builder().build();
        try {
            assertThatThrownBy(() -> client.start().get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(e.getCause().toString()).doesNotContain("secret"));
        } finally {
            client.close();
        }
        assertThat(client.isRunning()).isFalse();
    }

    @Test
    void acknowledgementsOnlyMoveForward() {
        ReplicationClient client = builder().build();

        client.acknowledge(Lsn.parse("1/10"));
        client.acknowledge(Lsn.parse("0/FFFFFFFF"));

        assertThat(client.acknowledged()).isEqualTo(Lsn.parse("1/10"));
        assertThat(client.lastReceivedLsn()).isEqualTo(Lsn.INVALID);
    }

    @Test
    void urlsAreShownWithoutTheirQuery() {
        assertThat(ReplicationClient.withoutQuery("jdbc:postgresql://h:5432/db?user=a&password=b"))
                .isEqualTo("jdbc:postgresql://h:5432/db?...");
        assertThat(ReplicationClient.withoutQuery("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void builderValidates() {
        assertThatThrownBy(() -> builder().publications().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().statusInterval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().reconnect(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().listener(null).build()).isInstanceOf(NullPointerException.class);
    }
}
