package io.quarkiverse.sync.it;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;

import io.quarkiverse.sync.SyncShape;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Shapes behind Quarkus security, like any other endpoint: the security checks and request filters run before the
 * resource method, so a refused request never builds a shape, never creates one in the engine and never queries the
 * database for it.
 */
@Path("/secured/todos")
public class SecuredTodoResource {

    /** How many times a shape method of this resource ran (tests check refused requests never get here). */
    public static final AtomicInteger CALLS = new AtomicInteger();

    /** Every todo's id, title and owner: administrators only. */
    @GET
    @Path("/overview")
    @RolesAllowed("admin")
    public SyncShape overview() {
        CALLS.incrementAndGet();
        return SyncShape.of(Todo.class).columns("id", "title", "owner_id");
    }

    /** The signed-in user's todos: the owner comes from the identity, never from the request. */
    @GET
    @Path("/mine")
    @Authenticated
    public SyncShape mine(@Context SecurityIdentity identity) {
        CALLS.incrementAndGet();
        return SyncShape.of(Todo.class).where("owner_id = $1", ownerOf(identity));
    }

    /** The signed-in user's todos with exactly this title: the title is a parameter value, never SQL. */
    @GET
    @Path("/titled")
    @Authenticated
    public SyncShape titled(@Context SecurityIdentity identity, @QueryParam("title") String title) {
        CALLS.incrementAndGet();
        return SyncShape.of(Todo.class).where("owner_id = $1 AND title = $2", ownerOf(identity), title);
    }

    /** The owner id of a user of this app: derived from the user name (a real app would look it up). */
    public static UUID ownerOf(SecurityIdentity identity) {
        return ownerOf(identity.getPrincipal().getName());
    }

    public static UUID ownerOf(String userName) {
        return UUID.nameUUIDFromBytes(("todo-owner:" + userName).getBytes(StandardCharsets.UTF_8));
    }
}
