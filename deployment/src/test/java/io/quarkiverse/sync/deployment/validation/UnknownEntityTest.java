package io.quarkiverse.sync.deployment.validation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sync.SyncShape;
import io.quarkus.test.QuarkusUnitTest;

/** A class without @Entity in SyncShape.of(...) stops the build. */
class UnknownEntityTest {

    @Path("/todos")
    public static class TodoResource {
        @GET
        @Path("/shape")
        public SyncShape all(@QueryParam("owner") String owner) {
            return SyncShape.of(NotAnEntity.class);
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.app(Todo.class, TodoResource.class, NotAnEntity.class)
            .assertException(BuildFailures.problems(
                    "TodoResource#all(): SyncShape.of(NotAnEntity.class): io.quarkiverse.sync.deployment.validation.NotAnEntity is not an @Entity class"));

    @Test
    void buildFails() {
        // assertException above checks the failure; this body never runs.
    }
}
