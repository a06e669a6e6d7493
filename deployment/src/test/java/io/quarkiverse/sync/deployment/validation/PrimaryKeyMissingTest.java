package io.quarkiverse.sync.deployment.validation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sync.SyncShape;
import io.quarkus.test.QuarkusUnitTest;

/** columns(...) without the primary key stops the build (a table() shape is checked when an entity maps the table). */
class PrimaryKeyMissingTest {

    @Path("/todos")
    public static class TodoResource {
        @GET
        @Path("/shape")
        public SyncShape titles(@QueryParam("owner") String owner) {
            return SyncShape.table("todos").columns("title", "completed");
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.app(Todo.class, TodoResource.class, NotAnEntity.class)
            .assertException(BuildFailures.problems(
                    "TodoResource#titles(): columns [title, completed]: primary key column id is missing on table todos (entity Todo)"));

    @Test
    void buildFails() {
        // assertException above checks the failure; this body never runs.
    }
}
