package io.quarkiverse.sync.it;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.sync.ChangeMessage;
import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.SyncShape;

/** Shapes whose messages are rewritten, dropped, duplicated or written in an entity's JSON form on the way out. */
@Path("/transforms")
public class TransformResource {

    // tag::shouting[]
    /** Every title in capitals: a rewrite. An update that leaves the title alone carries none, and stays as it is. */
    @GET
    @Path("/shouting")
    public SyncShape shouting() {
        return SyncShape.of(Todo.class).transform(TransformResource::shout);
    }

    static List<ChangeMessage> shout(ChangeMessage change) {
        String title = change.value().get("title");
        return List.of(title == null ? change : change.withValue("title", title.toUpperCase(Locale.ROOT)));
    }
    // end::shouting[]

    // tag::drop[]
    /**
     * Completed todos go quiet: their updates are dropped (an empty list). With {@code Replica.FULL} every update
     * carries the whole row, so {@code completed} is always there to look at.
     */
    @GET
    @Path("/quiet-when-done")
    public SyncShape quietWhenDone() {
        return SyncShape.of(Todo.class).replica(Replica.FULL).transform(change -> {
            boolean done = "t".equals(change.value().get("completed"));
            return change.operation() == ChangeMessage.Operation.UPDATE && done ? List.of() : List.of(change);
        });
    }
    // end::drop[]

    // tag::duplicate[]
    /** Every todo twice: the copy has a key of its own (the client keys rows by it), so clients see two rows. */
    @GET
    @Path("/twice")
    public SyncShape twice() {
        return SyncShape.of(Todo.class).transform(change -> List.of(change, change.withKey(change.key() + "/copy")));
    }
    // end::duplicate[]

    // tag::entity[]
    /** Each row as Todo's JSON: {@code "id":2001}, {@code "completed":true}, {@code "ownerId"}, ISO timestamps. */
    @GET
    @Path("/todos")
    public SyncShape todos() {
        return SyncShape.of(Todo.class).transform(Todo.class);
    }

    /** Task's JSON form: its enum as {@code @JsonValue} writes it, its converter's Duration, no ignored secret. */
    @GET
    @Path("/tasks")
    public SyncShape tasks() {
        return SyncShape.of(Task.class).transform(Task.class);
    }
    // end::entity[]

    /** A task as this application's REST API writes it: the form {@link #tasks()} sends its rows in. */
    @GET
    @Path("/tasks/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Task task(@PathParam("id") long id) {
        return Task.<Task>findByIdOptional(id).orElseThrow(NotFoundException::new);
    }

    @Inject
    TodoFocus focus;

    // tag::dynamic[]
    /** A dynamic shape's supplier gives the transform with the shape; it applies after every re-evaluation. */
    @GET
    @Path("/focus")
    public SyncShape focus(@QueryParam("owner") UUID owner) {
        return SyncShape.dynamic(() -> SyncShape.of(Todo.class)
                .where("owner_id = $1 AND completed = $2", owner, focus.showDone(owner))
                .transform(TransformResource::shout));
    }
    // end::dynamic[]

    /** Subset snapshots (TanStack DB's on-demand sync) are transformed too. */
    @GET
    @Path("/on-demand")
    public SyncShape onDemand() {
        return SyncShape.of(Todo.class).log(LogMode.CHANGES_ONLY).transform(TransformResource::shout);
    }
}
