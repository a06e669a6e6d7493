package io.quarkiverse.sync.deployment.validation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sync.SyncShape;
import io.quarkus.test.QuarkusUnitTest;

/** A where-clause that is not a condition stops the build. */
class WhereNotBooleanTest {

    @Path("/todos")
    public static class TodoResource {
        @GET
        @Path("/shape")
        public SyncShape titled(@QueryParam("owner") String owner) {
            return SyncShape.of(Todo.class).where("title");
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.app(Todo.class, TodoResource.class, NotAnEntity.class)
            .assertException(BuildFailures.problems(
                    "TodoResource#titled(): where \"title\": WHERE clause must return a boolean on table todos (entity Todo)"));

    @Test
    void buildFails() {
        // assertException above checks the failure; this body never runs.
    }
}
