package io.quarkiverse.sync.deployment.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Declarative shapes are validated like code shapes, with their parameters' actual values; one line per problem. */
class DeclarativeShapeFailureTest {

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.app(Todo.class)
            .overrideConfigKey("quarkus.sync.shapes.\"todos\".path", "/sync/todos")
            .overrideConfigKey("quarkus.sync.shapes.\"todos\".entity", "Todo")
            .overrideConfigKey("quarkus.sync.shapes.\"todos\".where", "ownr_id = $1")
            .overrideConfigKey("quarkus.sync.shapes.\"todos\".params", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
            .overrideConfigKey("quarkus.sync.shapes.\"mine\".path", "/sync/mine")
            .overrideConfigKey("quarkus.sync.shapes.\"mine\".table", "todos")
            .overrideConfigKey("quarkus.sync.shapes.\"mine\".where", "owner_id = $1")
            .overrideConfigKey("quarkus.sync.shapes.\"mine\".params", "not-a-uuid")
            .overrideConfigKey("quarkus.sync.shapes.\"both\".path", "/sync/both")
            .overrideConfigKey("quarkus.sync.shapes.\"both\".table", "todos")
            .overrideConfigKey("quarkus.sync.shapes.\"both\".entity", "Todo")
            .overrideConfigKey("quarkus.sync.shapes.\"titles\".path", "/sync/titles")
            .overrideConfigKey("quarkus.sync.shapes.\"titles\".entity", "io.quarkiverse.sync.deployment.validation.Todo")
            .overrideConfigKey("quarkus.sync.shapes.\"titles\".columns", "title")
            .overrideConfigKey("quarkus.sync.shapes.\"titles\".log", "sometimes")
            .assertException(BuildFailures.problems(
                    "quarkus.sync.shapes.\"todos\": where \"ownr_id = $1\": unknown column ownr_id on table todos (entity Todo)",
                    "quarkus.sync.shapes.\"mine\": where \"owner_id = $1\": At location 11: invalid input syntax for type uuid: \"not-a-uuid\" on table todos (entity Todo)",
                    "quarkus.sync.shapes.\"both\": set exactly one of table and entity",
                    "quarkus.sync.shapes.\"titles\": log \"sometimes\" must be full or changes_only"));

    @Test
    void buildFails() {
        // assertException above checks the failure; this body never runs.
    }
}
