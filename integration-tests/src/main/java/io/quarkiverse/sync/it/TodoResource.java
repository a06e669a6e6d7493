package io.quarkiverse.sync.it;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Sync;
import io.quarkiverse.sync.SyncShape;
import io.smallrye.mutiny.Uni;

@Path("/todos")
public class TodoResource {

    /** The whole todos table, kept in sync by any Electric client: {@code new ShapeStream({url: '/todos/shape'})}. */
    @GET
    @Path("/shape")
    public SyncShape shape() {
        return SyncShape.of(Todo.class);
    }

    /**
     * The todos without their current rows: clients load what they need with subset snapshots, as TanStack DB's
     * on-demand sync does ({@code stream.requestSnapshot({where, orderBy, limit})}), then follow the changes.
     */
    @GET
    @Path("/on-demand")
    public SyncShape onDemand() {
        return SyncShape.of(Todo.class).log(LogMode.CHANGES_ONLY);
    }

    /**
     * The same shape over POST: clients that send their subset parameters in a JSON body ({@code subsetMethod: 'POST'}
     * in {@code @electric-sql/client}, for where-clauses too long for a URL) post to the same path.
     */
    @POST
    @Path("/on-demand")
    public SyncShape onDemandSubsets() {
        return onDemand();
    }

    /** A shape decided asynchronously, e.g. after a reactive lookup: quarkus-rest awaits the Uni first. */
    @GET
    @Path("/completed")
    public Uni<SyncShape> completed() {
        return Uni.createFrom().item(() -> SyncShape.of(Todo.class).where("completed"));
    }

    /** The open todos of one owner: a where-clause with a parameter, which is always a value, never SQL. */
    @GET
    @Path("/open")
    public SyncShape open(@QueryParam("owner") UUID owner) {
        return SyncShape.of(Todo.class).where("owner_id = $1 AND NOT completed", owner);
    }

    @Inject
    TodoFocus focus;

    /**
     * An owner's focus view: open todos, or done ones, as {@link TodoFocus} says at the time. Dynamic, so that a
     * change of focus reaches clients that are waiting for changes at once.
     */
    @GET
    @Path("/focus")
    public SyncShape focus(@QueryParam("owner") UUID owner) {
        return SyncShape.dynamic(() -> SyncShape.of(Todo.class)
                .where("owner_id = $1 AND completed = $2", owner, focus.showDone(owner)));
    }

    /** The same focus view decided by a {@code Uni}, as a reactive lookup would: subscribed again at each evaluation. */
    @GET
    @Path("/focus-reactive")
    public SyncShape focusReactive(@QueryParam("owner") UUID owner) {
        return SyncShape.dynamic(Uni.createFrom().item(() -> SyncShape.of(Todo.class)
                .where("owner_id = $1 AND completed = $2", owner, focus.showDone(owner))));
    }

    /**
     * Switches an owner's focus view, then interrupts the waiting requests of todos shapes to re-evaluate them, on
     * every instance of the application when the event bus is clustered. The count is this instance's.
     * {@code interrupt=false} only switches (the cluster test uses it to change one instance's view quietly).
     */
    @PUT
    @Path("/focus")
    public Response setFocus(@QueryParam("owner") UUID owner, @QueryParam("done") boolean done,
            @QueryParam("interrupt") @DefaultValue("true") boolean interrupt) {
        focus.showDone(owner, done);
        int interrupted = interrupt ? Sync.interrupt(Todo.class) : 0;
        return Response.ok().header("x-interrupted", interrupted).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Todo> list() {
        return Todo.listAll();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Todo get(@PathParam("id") long id) {
        return Todo.<Todo>findByIdOptional(id).orElseThrow(NotFoundException::new);
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(Todo todo) {
        todo.id = null;
        todo.persist();
        Todo.getEntityManager().flush();
        Todo.getEntityManager().refresh(todo); // created_at comes from the database default
        return Response.created(URI.create("/todos/" + todo.id)).entity(todo).build();
    }

    @PUT
    @Path("/{id}")
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Todo update(@PathParam("id") long id, Todo changes) {
        Todo todo = get(id);
        todo.title = changes.title;
        todo.completed = changes.completed;
        todo.ownerId = changes.ownerId;
        return todo;
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        return Todo.deleteById(id) ? Response.noContent().build() : Response.status(404).build();
    }
}
