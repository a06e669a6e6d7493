package io.quarkiverse.sync.deployment.validation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A declarative shape's path must not be one a resource method serves (its route would answer first): the build fails
 * naming the method, for literal paths, templates, and under {@code quarkus.rest.path}.
 */
class DeclarativePathConflictTest {

    @Path("/todos")
    public static class TodoListResource {
        @GET
        public String list() {
            return "[]";
        }

        @GET
        @Path("{id: \\d+}/")
        public String one(@PathParam("id") long id) {
            return "{}";
        }

        @POST
        @Path("/archive")
        public void archive() {
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.app(Todo.class, TodoListResource.class)
            .overrideConfigKey("quarkus.rest.path", "/api")
            .overrideConfigKey("quarkus.sync.shapes.\"all\".path", "/api/todos/")
            .overrideConfigKey("quarkus.sync.shapes.\"all\".entity", "Todo")
            .overrideConfigKey("quarkus.sync.shapes.\"one\".path", "/api/todos/42")
            .overrideConfigKey("quarkus.sync.shapes.\"one\".entity", "Todo")
            .overrideConfigKey("quarkus.sync.shapes.\"archive\".path", "/api/todos/archive")
            .overrideConfigKey("quarkus.sync.shapes.\"archive\".entity", "Todo")
            .overrideConfigKey("quarkus.sync.shapes.\"free\".path", "/todos")
            .overrideConfigKey("quarkus.sync.shapes.\"free\".entity", "Todo")
            .assertException(BuildFailures.problems(
                    "quarkus.sync.shapes.\"all\": path /api/todos/ is also served by TodoListResource#list() (GET /api/todos)",
                    "quarkus.sync.shapes.\"one\": path /api/todos/42 is also served by TodoListResource#one() (GET /api/todos/{id: \\d+})",
                    "quarkus.sync.shapes.\"archive\": path /api/todos/archive is also served by TodoListResource#archive() (POST /api/todos/archive)"));

    @Test
    void buildFails() {
        // assertException above checks the failure; this body never runs.
    }
}
