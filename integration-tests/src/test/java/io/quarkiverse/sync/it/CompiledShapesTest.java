package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.runtime.where.CompiledWheres;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The todo app's static where-clauses run as the classes the build generated, against the tables its Flyway
 * migrations create ({@code title text}, where the entity model says {@code varchar}): none falls back to the
 * interpreter for a type mismatch.
 */
@QuarkusTest
class CompiledShapesTest {

    @Test
    void theAppsStaticWhereClausesRunCompiled() {
        CompiledWheres.Stats before = CompiledWheres.stats();
        // A fresh owner and title each run, so that each request creates its shape (and compiles its where).
        String owner = UUID.randomUUID().toString();
        assertThat(given().get("/todos/open?owner=" + owner + "&offset=-1").statusCode()).isEqualTo(200);
        assertThat(given().auth().preemptive().basic("bob", "bob-secret").queryParam("title", "t-" + owner)
                .get("/secured/todos/titled?offset=-1").statusCode()).isEqualTo(200);
        CompiledWheres.Stats after = CompiledWheres.stats();
        assertThat(after.compiled() - before.compiled()).as("clauses run by a generated class").isEqualTo(2);
        assertThat(after.otherColumnTypes()).as("clauses interpreted for a type mismatch")
                .isEqualTo(before.otherColumnTypes());
        assertThat(after.unseenText()).as("clauses the build never saw").isEqualTo(before.unseenText());
    }
}
