package io.quarkiverse.sync.deployment.validation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sync.SyncShape;
import io.quarkus.test.QuarkusUnitTest;

/** A where-clause that does not type-check stops the build with the checker's message. */
class WhereTypeErrorTest {

    @Path("/todos")
    public static class TodoResource {
        @GET
        @Path("/shape")
        public SyncShape recent(@QueryParam("owner") String owner) {
            return SyncShape.of(Todo.class).where("completed = $1 AND created_at > 5", owner);
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.app(Todo.class, TodoResource.class, NotAnEntity.class)
            .assertException(BuildFailures.problems(
                    "TodoResource#recent(): where \"completed = $1 AND created_at > 5\": At location 30: Could not select an operator overload on table todos (entity Todo)"));

    @Test
    void buildFails() {
        // assertException above checks the failure; this body never runs.
    }
}
