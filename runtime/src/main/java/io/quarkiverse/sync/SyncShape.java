package io.quarkiverse.sync;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * A shape: a table (or a Hibernate/Panache entity's table), optionally a subset of its columns, which a client keeps in
 * sync in real time. Return it from a JAX-RS resource method and the extension serves it over the Electric HTTP shape
 * protocol, so {@code @electric-sql/client}, TanStack DB and {@code @electric-sql/react} can sync it unmodified:
 *
 * <pre>{@code
 * @Path("/todos")
 * public class TodoResource {
 *     @GET
 *     @Path("/shape")
 *     public SyncShape all() {
 *         return SyncShape.of(Todo.class);
 *     }
 * }
 * }</pre>
 *
 * The server owns the shape: of the protocol's parameters only the position ones ({@code offset}, {@code handle},
 * {@code live}, {@code live_sse}, {@code cursor}) are read from the request.
 * <p>
 * Instances are immutable; every builder method returns a new shape.
 */
public final class SyncShape {

    private final Class<?> entity;
    private final String schema;
    private final String table;
    private final List<String> columns;
    private final Replica replica;
    private final LogMode log;
    private final String where;
    private final List<String> params;
    private final Supplier<SyncShape> dynamic;
    private final List<Function<ChangeMessage, List<ChangeMessage>>> transforms;
    private final Class<?> entityForm;

    private SyncShape(Class<?> entity, String schema, String table, List<String> columns, Replica replica, LogMode log,
            String where, List<String> params) {
        this(entity, schema, table, columns, replica, log, where, params, List.of(), null);
    }

    private SyncShape(Class<?> entity, String schema, String table, List<String> columns, Replica replica, LogMode log,
            String where, List<String> params, List<Function<ChangeMessage, List<ChangeMessage>>> transforms,
            Class<?> entityForm) {
        this.entity = entity;
        this.schema = schema;
        this.table = table;
        this.columns = columns;
        this.replica = replica;
        this.log = log;
        this.where = where;
        this.params = params;
        this.dynamic = null;
        this.transforms = transforms;
        this.entityForm = entityForm;
    }

    private SyncShape(Supplier<SyncShape> dynamic) {
        this.entity = null;
        this.schema = null;
        this.table = null;
        this.columns = null;
        this.replica = Replica.DEFAULT;
        this.log = LogMode.FULL;
        this.where = null;
        this.params = List.of();
        this.dynamic = dynamic;
        this.transforms = List.of();
        this.entityForm = null;
    }

    /**
     * A shape that depends on other data, decided by {@code supplier} on every request and again whenever
     * {@link Sync#interrupt} matches it while a client waits for changes: an unchanged shape goes on waiting (the
     * client sees nothing), a changed one answers 409 and the client refetches the new shape.
     *
     * <pre>{@code
     * @GET @Path("/steps")
     * public SyncShape steps(@QueryParam("user") long user) {
     *     return SyncShape.dynamic(() -> SyncShape.table("steps").where("task_id = ANY($1)", taskIdsOf(user)));
     * }
     * // after creating a task:
     * Sync.interrupt("steps");
     * }</pre>
     */
    public static SyncShape dynamic(Supplier<SyncShape> supplier) {
        return new SyncShape(Objects.requireNonNull(supplier, "supplier"));
    }

    /**
     * A {@link #dynamic(Supplier) dynamic} shape decided asynchronously, e.g. by a reactive query: {@code shape} is
     * subscribed to again on every evaluation, so build it lazily ({@code Uni.createFrom().item(() -> ...)}, a
     * Hibernate Reactive or REST client call), not from an already computed value. The extension evaluates it on a
     * worker thread, never on an event loop.
     *
     * <pre>{@code
     * return SyncShape.dynamic(tasks.idsOf(user).map(ids -> SyncShape.table("steps").where("task_id = ANY($1)", ids)));
     * }</pre>
     */
    public static SyncShape dynamic(Uni<SyncShape> shape) {
        Objects.requireNonNull(shape, "shape");
        return new SyncShape(() -> shape.await().indefinitely());
    }

    /** Whether this shape is decided by a supplier ({@link #dynamic}). */
    public boolean isDynamic() {
        return dynamic != null;
    }

    /**
     * The concrete shape: this one, or what the supplier of a {@link #dynamic} shape gives now.
     *
     * @throws IllegalStateException when the supplier gives null or another dynamic shape
     */
    public SyncShape resolve() {
        if (dynamic == null) {
            return this;
        }
        SyncShape shape = dynamic.get();
        if (shape == null || shape.isDynamic()) {
            throw new IllegalStateException("The supplier of a dynamic SyncShape must give a concrete shape, not " + shape);
        }
        return shape;
    }

    private SyncShape concrete(String method) {
        if (dynamic != null) {
            throw new IllegalStateException("SyncShape." + method + "(...) cannot be applied to a dynamic shape: "
                    + "apply it to the shape its supplier returns");
        }
        return this;
    }

    /**
     * The table a JPA entity is mapped to ({@code @Table}, or the entity name), as Hibernate ORM maps it.
     *
     * @param entity a class annotated {@code @Entity}
     */
    public static SyncShape of(Class<?> entity) {
        return new SyncShape(Objects.requireNonNull(entity, "entity"), null, null, null, Replica.DEFAULT, LogMode.FULL, null,
                List.of());
    }

    /**
     * A table by name, in schema {@code public}. The name is taken as it is written, case included: {@code "Todos"} is
     * the table created as {@code "Todos"}, not {@code todos}.
     */
    public static SyncShape table(String name) {
        return table("public", name);
    }

    /** A table by schema and name, both taken as written (no case folding, no quoting needed). */
    public static SyncShape table(String schema, String name) {
        return new SyncShape(null, requireName(schema, "schema"), requireName(name, "table"), null, Replica.DEFAULT,
                LogMode.FULL, null, List.of());
    }

    /**
     * Only these columns, named as in the table. They must include every primary key column.
     */
    public SyncShape columns(String... columns) {
        concrete("columns");
        if (columns.length == 0) {
            throw new IllegalArgumentException("columns(...) needs at least one column");
        }
        List<String> list = List.of(columns);
        list.forEach(c -> requireName(c, "column"));
        return new SyncShape(entity, schema, table, list, replica, log, where, params, transforms, entityForm);
    }

    /**
     * Only the rows for which this SQL condition is true. It is written over the table's column names, with
     * {@code $1}, {@code $2}, … standing for the parameters, which are always passed as values, never pasted into
     * SQL:
     *
     * <pre>{@code
     * SyncShape.of(Todo.class).where("owner_id = $1 AND NOT completed", user.id())
     * SyncShape.table("steps").where("task_id = ANY($1)", List.of(1, 2, 3))
     * }</pre>
     *
     * Parameters may be strings, numbers, booleans, {@link java.util.UUID}s, {@code java.time} values, enums (their
     * name) and collections or arrays of those (for {@code = ANY($1)}). The language is the Electric where-clause
     * subset of PostgreSQL: comparisons, {@code AND/OR/NOT}, {@code IN}, {@code LIKE/ILIKE}, {@code IS NULL},
     * arithmetic, casts, array operators and immutable functions. A constant clause is checked when the application is
     * built (unknown columns, syntax and type errors stop the build); a clause computed at run time is checked when
     * the shape is served (a 500 naming the problem).
     *
     * @throws IllegalArgumentException for a parameter of a type that has no PostgreSQL text form here
     */
    public SyncShape where(String sql, Object... params) {
        concrete("where");
        Objects.requireNonNull(sql, "sql");
        List<String> texts = new java.util.ArrayList<>(params.length);
        for (int i = 0; i < params.length; i++) {
            texts.add(ParamText.of(params[i], i + 1));
        }
        return new SyncShape(entity, schema, table, columns, replica, log, sql, List.copyOf(texts), transforms,
                entityForm);
    }

    /** What updates and deletes carry; {@link Replica#DEFAULT} unless set. */
    public SyncShape replica(Replica replica) {
        concrete("replica");
        return new SyncShape(entity, schema, table, columns, Objects.requireNonNull(replica, "replica"), log, where,
                params, transforms, entityForm);
    }

    /** Whether the log starts with the current rows; {@link LogMode#FULL} unless set. */
    public SyncShape log(LogMode log) {
        concrete("log");
        return new SyncShape(entity, schema, table, columns, replica, Objects.requireNonNull(log, "log"), where,
                params, transforms, entityForm);
    }

    /**
     * Rewrites, drops or duplicates the change messages this shape sends: each insert, update and delete goes through
     * {@code transform}, and the messages it returns are sent in its place, in order. An empty list drops the change;
     * control messages (up-to-date, snapshot-end, …) are never transformed. Snapshot pages, live changes (long-poll and
     * SSE) and subset snapshots are all transformed, one message at a time as they are written: a response is never
     * held in memory as parsed messages.
     *
     * <pre>{@code
     * // titles in capitals; completed todos' updates dropped; values stay PostgreSQL text
     * SyncShape.of(Todo.class).replica(Replica.FULL).transform(change -> {
     *     if (change.operation() == ChangeMessage.Operation.UPDATE && "t".equals(change.value().get("completed"))) {
     *         return List.of();
     *     }
     *     String title = change.value().get("title");
     *     return List.of(title == null ? change : change.withValue("title", title.toUpperCase()));
     * })
     * }</pre>
     *
     * Several transforms run in the order they were added, each on the output of the previous one. The transform runs
     * on request threads, for every client: keep it fast and free of I/O. What happens to keys and to the {@code last}
     * header is described on {@link ChangeMessage}. A transformed response has its own ETag, never the one of the same
     * page untransformed.
     */
    public SyncShape transform(Function<ChangeMessage, List<ChangeMessage>> transform) {
        concrete("transform");
        Objects.requireNonNull(transform, "transform");
        List<Function<ChangeMessage, List<ChangeMessage>>> all = new java.util.ArrayList<>(transforms);
        all.add(transform);
        return new SyncShape(entity, schema, table, columns, replica, log, where, params, List.copyOf(all), entityForm);
    }

    /**
     * Sends each row's {@code value} (and {@code old_value}) in the JSON form of {@code type}, as the application's
     * Jackson {@code ObjectMapper} writes that class in REST responses: property names ({@code @JsonProperty}, or the
     * attribute name such as {@code ownerId} for column {@code owner_id}), numbers and booleans as JSON numbers and
     * booleans, enums and {@code java.time} values as Jackson writes them, JPA {@code @Convert} converters and
     * {@code @Enumerated} applied. Columns are matched to attributes as Hibernate ORM maps them ({@code @Column(name)},
     * else the attribute name); columns without an attribute, and {@code @JsonIgnore}d attributes, are left out. Only
     * the columns a message carries are written, so a partial update stays partial.
     *
     * <pre>{@code
     * SyncShape.of(Todo.class).transform(Todo.class)
     * // {"key":"\"public\".\"todos\"/\"1\"","value":{"id":1,"title":"Buy milk","completed":false,"ownerId":null,
     * //  "createdAt":"2024-02-29T11:45:01.123456Z"},"headers":{"operation":"insert","relation":["public","todos"]}}
     * }</pre>
     *
     * The {@code electric-schema} header then describes the entity's properties: {@code type} is the attribute's Java
     * type (e.g. {@code Long}, {@code OffsetDateTime}), which no default client parser knows, so clients keep the JSON
     * values as they are ({@code pk_index} and {@code not_null} still come from the columns). It runs after the
     * {@link #transform(Function)} functions; a second call replaces the class.
     *
     * @param type usually the shape's entity; any class whose attributes map the table's columns
     */
    public SyncShape transform(Class<?> type) {
        concrete("transform");
        return new SyncShape(entity, schema, table, columns, replica, log, where, params, transforms,
                Objects.requireNonNull(type, "type"));
    }

    /** The functions added with {@link #transform(Function)}, in order; empty when none. */
    public List<Function<ChangeMessage, List<ChangeMessage>>> transforms() {
        return transforms;
    }

    /** The class given to {@link #transform(Class)}, if any. */
    public Optional<Class<?>> entityForm() {
        return Optional.ofNullable(entityForm);
    }

    /** Whether messages of this shape are transformed before they are sent. */
    public boolean isTransformed() {
        return !transforms.isEmpty() || entityForm != null;
    }

    /** The entity class when the shape was made with {@link #of(Class)}. */
    public Optional<Class<?>> entity() {
        return Optional.ofNullable(entity);
    }

    /** The schema when the shape was made with {@link #table(String, String)}; entities are resolved when served. */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    public Optional<String> table() {
        return Optional.ofNullable(table);
    }

    /** The selected columns; empty means all. */
    public Optional<List<String>> columns() {
        return Optional.ofNullable(columns);
    }

    public Replica replica() {
        return replica;
    }

    /** The where-clause, if any. */
    public Optional<String> where() {
        return Optional.ofNullable(where);
    }

    /** The where-clause's parameters as PostgreSQL text, {@code $1} first. */
    public List<String> params() {
        return params;
    }

    public LogMode log() {
        return log;
    }

    private static String requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Invalid " + what + " name: '" + name + "'");
        }
        return name;
    }

    @Override
    public String toString() {
        if (dynamic != null) {
            return "SyncShape[dynamic]";
        }
        return "SyncShape[" + (entity != null ? "entity=" + entity.getName() : "table=" + schema + "." + table)
                + (columns != null ? ", columns=" + columns : "") + (where != null ? ", where=" + where : "")
                + ", replica=" + replica + ", log=" + log
                + (isTransformed() ? ", transformed" + (entityForm != null ? " to " + entityForm.getSimpleName() : "") : "")
                + "]";
    }
}
