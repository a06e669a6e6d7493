package io.quarkiverse.sync.deployment.validation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sync.SyncShape;
import io.quarkus.test.QuarkusUnitTest;

/** A where-clause naming a column the entity does not map stops the build. */
class UnknownWhereColumnTest {

    @Path("/todos")
    public static class TodoResource {
        @GET
        @Path("/mine")
        public SyncShape mine(@QueryParam("owner") String owner) {
            return SyncShape.of(Todo.class).where("ownr_id = $1", owner);
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.app(Todo.class, TodoResource.class)
            .assertException(BuildFailures.problems(
                    "TodoResource#mine(): where \"ownr_id = $1\": unknown column ownr_id on table todos (entity Todo)"));

    @Test
    void buildFails() {
        // assertException above checks the failure; this body never runs.
    }
}
