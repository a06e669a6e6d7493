package io.quarkiverse.sync.deployment.validation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sync.SyncShape;
import io.quarkus.test.QuarkusUnitTest;

/** A where-clause that does not parse stops the build with the checker's message. */
class WhereSyntaxErrorTest {

    @Path("/todos")
    public static class TodoResource {
        @GET
        @Path("/shape")
        public SyncShape broken(@QueryParam("owner") String owner) {
            return SyncShape.of(Todo.class).where("title = ");
        }
    }

    // Syntax errors count from the start of "SELECT 1 WHERE <clause>", as Electric's parser reports them: 15 + 8.
    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.app(Todo.class, TodoResource.class, NotAnEntity.class)
            .assertException(BuildFailures.problems(
                    "TodoResource#broken(): where \"title = \": At location 23: syntax error at end of input on table todos (entity Todo)"));

    @Test
    void buildFails() {
        // assertException above checks the failure; this body never runs.
    }
}
