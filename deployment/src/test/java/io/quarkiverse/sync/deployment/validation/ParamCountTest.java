package io.quarkiverse.sync.deployment.validation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sync.SyncShape;
import io.quarkus.test.QuarkusUnitTest;

/** A where-clause with more \$n than the call passes stops the build. */
class ParamCountTest {

    @Path("/todos")
    public static class TodoResource {
        @GET
        @Path("/shape")
        public SyncShape mine(@QueryParam("owner") String owner) {
            return SyncShape.of(Todo.class).where("owner_id = $1 AND title = $2", owner);
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.app(Todo.class, TodoResource.class, NotAnEntity.class)
            .assertException(BuildFailures.problems(
                    "TodoResource#mine(): where \"owner_id = $1 AND title = $2\": uses $2 but the call passes 1 parameter"));

    @Test
    void buildFails() {
        // assertException above checks the failure; this body never runs.
    }
}
