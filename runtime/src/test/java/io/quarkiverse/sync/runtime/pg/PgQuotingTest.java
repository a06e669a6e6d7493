package io.quarkiverse.sync.runtime.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class PgQuotingTest {

    @Test
    void quotesIdentifiers() {
        assertThat(PgQuoting.identifier("todos")).isEqualTo("\"todos\"");
        assertThat(PgQuoting.identifier("Has Space")).isEqualTo("\"Has Space\"");
        assertThat(PgQuoting.identifier("has\"quote")).isEqualTo("\"has\"\"quote\"");
        assertThat(PgQuoting.identifier("x\"; DROP TABLE t; --")).isEqualTo("\"x\"\"; DROP TABLE t; --\"");
        assertThat(PgQuoting.qualified("my schema", "issues for 1_0_ab")).isEqualTo("\"my schema\".\"issues for 1_0_ab\"");
        assertThat(new TableName("public", "a.b").quoted()).isEqualTo("\"public\".\"a.b\"");
    }

    @Test
    void rejectsIdentifiersPostgresCannotHold() {
        assertThatThrownBy(() -> PgQuoting.identifier("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgQuoting.identifier(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgQuoting.identifier("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotesLiterals() {
        assertThat(PgQuoting.literal("ISO, DMY")).isEqualTo("'ISO, DMY'");
        assertThat(PgQuoting.literal("it's")).isEqualTo("'it''s'");
        assertThat(PgQuoting.literal("back\\slash")).isEqualTo("'back\\slash'");
    }

    @Test
    void publicationNamesOptionQuotesEachNameAndEscapesForPgjdbcsLiteral() {
        assertThat(ReplicationClient.publicationNamesOption(List.of("quarkus_sync"))).isEqualTo("\"quarkus_sync\"");
        assertThat(ReplicationClient.publicationNamesOption(List.of("a", "My Pub", "it's \"x\"")))
                .isEqualTo("\"a\",\"My Pub\",\"it''s \"\"x\"\"\"");
    }

    @Test
    void slotNamesFollowPostgresRules() {
        assertThat(new ReplicationSlot("quarkus_sync_1").name()).isEqualTo("quarkus_sync_1");
        for (String bad : new String[] { "", "Upper", "has space", "dash-ed", "x".repeat(64), "a'b" }) {
            assertThatThrownBy(() -> new ReplicationSlot(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
