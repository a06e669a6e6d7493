package io.quarkiverse.sync.runtime.http;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkiverse.sync.runtime.engine.ActiveShape;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;
import io.quarkiverse.sync.runtime.engine.ShapeDefinitionException;
import io.quarkiverse.sync.runtime.engine.ShapeInvalidatedException;
import io.quarkiverse.sync.runtime.engine.SyncEngine;
import io.quarkiverse.sync.runtime.protocol.CacheControl;
import io.quarkiverse.sync.runtime.protocol.ControlMessages;
import io.quarkiverse.sync.runtime.protocol.Cursor;
import io.quarkiverse.sync.runtime.protocol.ElectricHeaders;
import io.quarkiverse.sync.runtime.protocol.LogOffset;
import io.quarkiverse.sync.runtime.protocol.ProtocolError;
import io.quarkiverse.sync.runtime.protocol.ShapeRequest;
import io.quarkiverse.sync.runtime.protocol.SubsetParams;
import io.quarkiverse.sync.runtime.storage.Page;
import io.quarkiverse.sync.runtime.storage.ShapeLog;

/**
 * Answers one shape request, in the order of the reference server's stages: validate the position parameters, load
 * (or create) the shape, check the handle, then read the log at the offset. Blocking (it reads the database and may
 * wait for a snapshot chunk): never call it on an event loop.
 * <p>
 * Reads follow protocol §3: {@code -1} gives snapshot chunk 0; {@code 0_k} the next snapshot chunk, or the change log
 * from its start after the last one; {@code L_n} the entries after it up to the end of their chunk. A response is
 * up-to-date when it reaches the shape's last committed offset. A live request with nothing new is not answered here:
 * it comes back as a {@link Wait}, which the caller parks (without a thread) until the shape changes or the long-poll
 * timeout passes, and then completes with {@link #afterWait}.
 */
public final class ShapeResponder {

    private static final Logger LOG = Logger.getLogger(ShapeResponder.class);
    private static final long SNAPSHOT_WAIT_SECONDS = 60;
    private static final long CHUNK_POLL_MILLIS = 5;
    /** SQLSTATE lock_not_available: a lock_timeout expired. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Function<String, String> NO_HEADERS = name -> null;

    private final DataSource dataSource;
    private final SyncEngine engine;
    private final long cacheMaxAgeSeconds;
    private final long cacheStaleAgeSeconds;
    private final long longPollTimeoutMillis;
    private final RecentCatalogChecks catalogChecks = new RecentCatalogChecks();

    public ShapeResponder(DataSource dataSource, SyncEngine engine, long cacheMaxAgeSeconds, long cacheStaleAgeSeconds,
            long longPollTimeoutMillis) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.cacheMaxAgeSeconds = cacheMaxAgeSeconds;
        this.cacheStaleAgeSeconds = cacheStaleAgeSeconds;
        this.longPollTimeoutMillis = longPollTimeoutMillis;
    }

    /**
     * @param definition the shape the server owns for this endpoint
     * @param queryNames the names of the query parameters present
     * @param query a query parameter's decoded value, null when absent
     * @param requestHeader a request header's value, null when absent
     */
    public Outcome respond(ShapeDefinition definition, Set<String> queryNames, Function<String, String> query,
            Function<String, String> requestHeader) {
        return respond(definition, queryNames, query, requestHeader, false);
    }

    /**
     * @param clientDefined the client sent the definition (the Electric endpoint): a definition that does not fit the
     *        database is then the client's error, a 400 keyed by its parameter (§2.3)
     */
    public Outcome respond(ShapeDefinition definition, Set<String> queryNames, Function<String, String> query,
            Function<String, String> requestHeader, boolean clientDefined) {
        ShapeRequest.Parsed parsed = ShapeRequest.parse(query);
        if (parsed instanceof ShapeRequest.Invalid invalid) {
            return new Done(error(invalid.error()));
        }
        Optional<SubsetParams.Parsed> subset = SubsetParams.parse(queryNames, query);
        if (subset.isPresent() && subset.get() instanceof SubsetParams.Invalid invalidSubset) {
            return new Done(error(invalidSubset.error()));
        }
        ShapeRequest request = ((ShapeRequest.Valid) parsed).request();
        Optional<ActiveShape> fresh = request.live() && subset.isEmpty()
                ? catalogChecks.fresh(engine, request.handle().orElseThrow(), definition)
                : Optional.empty();
        ActiveShape loaded;
        try (Connection connection = fresh.isPresent() ? null : dataSource.getConnection()) {
            if (fresh.isPresent()) {
                loaded = fresh.get();
            } else {
                loaded = engine.shape(definition, connection);
                catalogChecks.checked(loaded);
            }
        } catch (ShapeDefinitionException e) {
            if (clientDefined) {
                return new Done(error(ProtocolError.invalid(e.param(), e.getMessage())));
            }
            // The server owns the shape, so a bad definition is the application's bug, not the client's.
            LOG.errorf("Shape %s.%s cannot be served: %s", definition.schema(), definition.table(), e.getMessage());
            return new Done(error(ProtocolError.message(500,
                    "Invalid shape definition (" + e.param() + "): " + e.getMessage())));
        } catch (SQLException e) {
            Optional<ActiveShape> existing = DatabaseFailures.isConnectionFailure(e) ? servable(definition)
                    : Optional.empty();
            if (existing.isEmpty()) {
                return new Done(databaseError(definition, e));
            }
            // As the reference does: a shape that exists is served from its log while the database is away (its
            // table cannot be re-checked now; replication resumes, and catches the shape up, when it is back).
            LOG.debugf("Database unavailable (%s): serving shape %s from its log", e.getMessage(),
                    existing.get().handle());
            loaded = existing.get();
        }
        ActiveShape shape = loaded;
        if (request.handle().isPresent() && !request.handle().get().equals(shape.handle())) {
            return new Done(mustRefetch(Optional.of(shape.handle())));
        }
        if (subset.isPresent()) {
            try {
                return new Done(SubsetSnapshots.respond(dataSource, shape, request,
                        ((SubsetParams.Valid) subset.get()).params()));
            } catch (SQLException e) {
                // The shape was loaded: a connection lost now is an unreachable database, not a failed validation.
                return new Done(DatabaseFailures.isConnectionFailure(e) ? ElectricResponses.databaseUnreachable()
                        : databaseError(definition, e));
            }
        }
        return guarded(shape, () -> {
            if (request.now()) {
                return new Done(now(shape, request));
            }
            if (request.liveSse() && streamable(shape, request.offset())) {
                return new Stream(shape, request, longPollTimeoutMillis / 1000);
            }
            return read(shape, request, requestHeader, false);
        });
    }

    /** The live shape of this definition whose snapshot is complete: what can be served without the database. */
    private Optional<ActiveShape> servable(ShapeDefinition definition) {
        return engine.existing(definition).filter(active -> active.snapshotDone().isDone()
                && !active.snapshotDone().isCompletedExceptionally());
    }

    /**
     * The answer to a live request that waited: new entries, or, after the long-poll timeout, a bare up-to-date. As in
     * the reference server, {@code If-None-Match} is not looked at after a hold, so the answer depends only on the shape
     * and the request's position: waiters at the same offset can share it ({@link #afterChange}).
     */
    public ShapeResponse afterWait(Wait wait, boolean timedOut) {
        if (wait.shape().isInvalidated()) {
            return mustRefetch(Optional.empty()); // deleted or rotated while parked: its log may still look readable
        }
        Outcome outcome = guarded(wait.shape(), () -> read(wait.shape(), wait.request(), NO_HEADERS, timedOut));
        if (outcome instanceof Wait) {
            // Woken without what the request waits for: answer as at the timeout (up-to-date, or out of bounds).
            outcome = guarded(wait.shape(), () -> read(wait.shape(), wait.request(), NO_HEADERS, true));
        }
        return ((Done) outcome).response();
    }

    /**
     * The answer to a live request woken by a change of its shape. Computed once (on {@code worker}) for all the
     * requests the change woke at the same offset; each gets it with its own {@code electric-cursor}.
     */
    public CompletableFuture<ShapeResponse> afterChange(Wait wait, SharedAnswers shared, Executor worker) {
        return shared.<ShapeResponse> answer(wait.request().offset(), worker, () -> afterWait(wait, false))
                .thenApply(answer -> personal(answer, wait.request()));
    }

    /** A shared live answer with this request's cursor: the only header that depends on the request. */
    private ShapeResponse personal(ShapeResponse answer, ShapeRequest request) {
        if (!answer.headers().containsKey(ElectricHeaders.CURSOR)) {
            return answer;
        }
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put(ElectricHeaders.CURSOR, cursor(request));
        return new ShapeResponse(answer.status(), headers, answer.body());
    }

    /** A 409 pointing at the shape of {@code definition} (created if needed): an interrupted request whose shape changed. */
    public ShapeResponse refetch(ShapeDefinition definition) {
        try (Connection connection = dataSource.getConnection()) {
            return mustRefetch(Optional.of(engine.shape(definition, connection).handle()));
        } catch (ShapeDefinitionException e) {
            return error(ProtocolError.message(500, "Invalid shape definition (" + e.param() + "): " + e.getMessage()));
        } catch (SQLException e) {
            return databaseError(definition, e);
        }
    }

    /** What to do with a request: answer it now, or park it until the shape changes. */
    public sealed interface Outcome permits Done, Wait, Stream {
    }

    public record Done(ShapeResponse response) implements Outcome {
    }

    /** A live request in SSE mode: hand it to an {@link SseStream}. */
    public record Stream(ActiveShape shape, ShapeRequest request, long longPollTimeoutSeconds) implements Outcome {
    }

    /**
     * SSE streams the change log. A position inside the snapshot other than its end is served as a normal page
     * first, so that no snapshot chunk is skipped.
     */
    private static boolean streamable(ActiveShape shape, LogOffset offset) throws TimeoutException {
        awaitSnapshotDone(shape);
        return !offset.isInSnapshot() || offset.opOffset() == Long.MAX_VALUE
                || offset.opOffset() >= shape.log().snapshotChunkCount() - 1;
    }

    /** A live request with nothing new yet: park it on the shape, then call {@link #afterWait}. */
    public record Wait(ActiveShape shape, ShapeRequest request, long timeoutMillis) implements Outcome {
    }

    private interface Read {
        Outcome run() throws TimeoutException;
    }

    private Outcome guarded(ActiveShape shape, Read read) {
        try {
            return read.run();
        } catch (ShapeInvalidatedException e) {
            return new Done(mustRefetch(Optional.empty()));
        } catch (IllegalStateException e) {
            if (shape.isInvalidated()) {
                return new Done(mustRefetch(Optional.empty())); // its log was closed under us
            }
            throw e;
        } catch (SnapshotFailedException e) {
            return new Done(error(ProtocolError.message(500, "Unexpected error while creating snapshot: " + e.getMessage())));
        } catch (TimeoutException e) {
            return new Done(ShapeResponse.status(503).header("content-type", ElectricHeaders.JSON)
                    .header("cache-control", CacheControl.NO_STORE)
                    .header(ElectricHeaders.SURROGATE_CONTROL, CacheControl.NO_STORE)
                    .header(ElectricHeaders.RETRY_AFTER, "5")
                    .body("{\"message\":\"Timeout waiting for the shape's snapshot\"}"));
        }
    }

    /** {@code offset=now}: no history, only where the log ends now (§3.6). */
    private ShapeResponse now(ActiveShape shape, ShapeRequest request) {
        LogOffset end = shape.snapshotDone().isDone() ? shape.log().lastOffset() : LogOffset.LAST_SNAPSHOT;
        String etag = uniqueEtag(shape.handle(), "now", end);
        return ShapeResponse.status(200)
                .header("content-type", ElectricHeaders.JSON)
                .header(ElectricHeaders.HANDLE, shape.handle())
                .header(ElectricHeaders.OFFSET, end.toString())
                .header(ElectricHeaders.SCHEMA, shape.shape().schemaHeader())
                .header(ElectricHeaders.HAS_DATA, "false")
                .header(ElectricHeaders.UP_TO_DATE, "")
                .header("etag", etag)
                .header("cache-control", CacheControl.read(request, cacheMaxAgeSeconds, cacheStaleAgeSeconds))
                .body("[" + ControlMessages.upToDate(engine.lastSeenLsn()) + "]");
    }

    /** The long-poll timeout: nothing changed (§5.1). */
    private ShapeResponse liveTimeout(ActiveShape shape, ShapeRequest request) {
        LogOffset end = request.offset();
        return ShapeResponse.status(200)
                .header("content-type", ElectricHeaders.JSON)
                .header(ElectricHeaders.HANDLE, shape.handle())
                .header(ElectricHeaders.OFFSET, end.toString())
                .header(ElectricHeaders.CURSOR, cursor(request))
                .header(ElectricHeaders.HAS_DATA, "false")
                .header(ElectricHeaders.UP_TO_DATE, "")
                .header("etag", uniqueEtag(shape.handle(), end.toString(), end))
                .header("cache-control", CacheControl.read(request, cacheMaxAgeSeconds, cacheStaleAgeSeconds))
                .body("[" + ControlMessages.upToDate(engine.lastSeenLsn()) + "]");
    }

    /** Responses with no new data never revalidate: their etag ends with a unique suffix (§5.6). */
    private static String uniqueEtag(String handle, String requestOffset, LogOffset end) {
        String etag = ElectricHeaders.etag(handle, requestOffset, end.toString());
        return etag.substring(0, etag.length() - 1) + ":" + System.nanoTime() + '"';
    }

    private String cursor(ShapeRequest request) {
        return Cursor.next(longPollTimeoutMillis / 1000, request.cursor().orElse(null), Instant.now());
    }

    private Outcome read(ActiveShape shape, ShapeRequest request, Function<String, String> requestHeader,
            boolean timedOut) throws TimeoutException {
        LogOffset offset = request.offset();
        ShapeLog log = shape.log();
        Page page;
        if (offset.isBeforeAll()) {
            page = awaitSnapshotChunk(shape, 0).orElseThrow();
        } else if (offset.isInSnapshot() && offset.opOffset() != Long.MAX_VALUE) {
            Optional<Page> next = awaitSnapshotChunk(shape, offset.opOffset() + 1);
            if (next.isPresent()) {
                page = next.get();
            } else if (offset.opOffset() == log.snapshotChunkCount() - 1) {
                page = log.readAfter(offset); // after the last snapshot chunk comes the change log
            } else {
                return new Done(outOfBounds());
            }
        } else {
            awaitSnapshotDone(shape);
            LogOffset last = log.lastOffset();
            // 0_inf is the start of the change log: never out of bounds once the snapshot is complete (§3.6).
            if (!offset.equals(LogOffset.LAST_SNAPSHOT) && offset.compareTo(last) > 0) {
                // A client ahead of the log (e.g. after a failover) gets half a long-poll for the log to catch up.
                return timedOut ? new Done(outOfBounds())
                        : new Wait(shape, request, longPollTimeoutMillis / 2);
            }
            if (request.live() && offset.compareTo(last) >= 0) {
                // Nothing after it: park without reading the log (the common case of a client coming back).
                return timedOut ? new Done(liveTimeout(shape, request)) : new Wait(shape, request, longPollTimeoutMillis);
            }
            page = log.readAfter(offset);
        }
        if (request.live() && page.count() == 0) {
            return timedOut ? new Done(liveTimeout(shape, request))
                    : new Wait(shape, request, longPollTimeoutMillis);
        }
        return new Done(page(shape, request, page, requestHeader));
    }

    private ShapeResponse page(ActiveShape shape, ShapeRequest request, Page page,
            Function<String, String> requestHeader) {
        LogOffset offset = request.offset();
        LogOffset end = page.end();
        // Read before the log's end: a snapshot that finishes in between only delays the up-to-date to the next
        // request. While it runs, the chunks written so far are not the shape: a client told up-to-date at chunk 1 of
        // 24 would show a fraction of the rows as complete (found with a 1M-row table and the real client).
        boolean snapshotComplete = shape.snapshotDone().isDone();
        LogOffset last = shape.log().lastOffset();
        boolean upToDate = !offset.isBeforeAll() && snapshotComplete
                && end.compareTo(last.compareTo(offset) >= 0 ? last : offset) >= 0;
        String etag = ElectricHeaders.etag(shape.handle(), offset.toString(), end.toString());
        String cacheControl = CacheControl.read(request, cacheMaxAgeSeconds, cacheStaleAgeSeconds);
        ShapeResponse.Builder builder = ShapeResponse.status(200)
                .header(ElectricHeaders.HANDLE, shape.handle())
                .header(ElectricHeaders.OFFSET, end.toString())
                .header(ElectricHeaders.HAS_DATA, "true")
                .header("etag", etag)
                .header("cache-control", cacheControl);
        if (upToDate) {
            builder.header(ElectricHeaders.UP_TO_DATE, "");
        }
        if (request.live()) {
            builder.header(ElectricHeaders.CURSOR, cursor(request)); // live responses only: clients compare cursors
        }
        if (ElectricHeaders.matches(requestHeader.apply("if-none-match"), etag)) {
            return ShapeResponse.status(304).headers(builder).empty();
        }
        builder.header("content-type", ElectricHeaders.JSON);
        if (!request.live()) {
            builder.header(ElectricHeaders.SCHEMA, shape.shape().schemaHeader());
        }
        String tail = "]";
        if (upToDate) {
            long chunkLsn = end.isInSnapshot() ? 0 : end.txOffset();
            long globalLsn = request.live() ? chunkLsn : Math.max(engine.lastSeenLsn(), chunkLsn);
            tail = (page.count() > 0 ? "," : "") + ControlMessages.upToDate(globalLsn) + "]";
        }
        // The stored bytes as they are, between the brackets: no decoding and re-encoding of the page.
        byte[] json = page.json();
        byte[] closing = tail.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[1 + json.length + closing.length];
        body[0] = '[';
        System.arraycopy(json, 0, body, 1, json.length);
        System.arraycopy(closing, 0, body, 1 + json.length, closing.length);
        return builder.body(body);
    }

    /** Snapshot chunk k once it is written, or empty when the snapshot completed with fewer chunks. */
    private static Optional<Page> awaitSnapshotChunk(ActiveShape shape, long k) throws TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SNAPSHOT_WAIT_SECONDS);
        ShapeLog log = shape.log();
        while (true) {
            if (shape.isInvalidated()) {
                throw new ShapeInvalidatedException(shape.handle());
            }
            if (k < log.snapshotChunkCount()) {
                return log.readSnapshotChunk((int) k);
            }
            if (shape.snapshotDone().isDone()) {
                rethrowSnapshotFailure(shape);
                if (k < log.snapshotChunkCount()) {
                    return log.readSnapshotChunk((int) k);
                }
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException();
            }
            try {
                Thread.sleep(CHUNK_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TimeoutException();
            }
        }
    }

    private static void awaitSnapshotDone(ActiveShape shape) throws TimeoutException {
        try {
            shape.snapshotDone().get(SNAPSHOT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException();
        } catch (ExecutionException e) {
            rethrowSnapshotFailure(shape);
        }
    }

    private static void rethrowSnapshotFailure(ActiveShape shape) {
        if (!shape.snapshotDone().isCompletedExceptionally()) {
            return;
        }
        try {
            shape.snapshotDone().join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ShapeInvalidatedException invalidated) {
                throw invalidated;
            }
            throw new SnapshotFailedException(cause.getMessage());
        }
    }

    private static final class SnapshotFailedException extends RuntimeException {
        SnapshotFailedException(String message) {
            super(message, null, false, false);
        }
    }

    private static ShapeResponse outOfBounds() {
        return error(ProtocolError.invalid("offset", "out of bounds for this shape"));
    }

    private static ShapeResponse mustRefetch(Optional<String> newHandle) {
        ShapeResponse.Builder builder = ShapeResponse.status(409)
                .header("content-type", ElectricHeaders.JSON)
                .header("cache-control", CacheControl.conflict(newHandle.isPresent()));
        newHandle.ifPresent(handle -> builder.header(ElectricHeaders.HANDLE, handle).header("etag", '"' + handle + "::\""));
        return builder.body(ControlMessages.MUST_REFETCH_BODY);
    }

    private static ShapeResponse databaseError(ShapeDefinition definition, SQLException e) {
        if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
            LOG.warnf("Shape %s.%s: the table is locked by open transactions; the client will retry",
                    definition.schema(), definition.table());
            return ShapeResponse.status(503).header("content-type", ElectricHeaders.JSON)
                    .header("cache-control", CacheControl.NO_STORE)
                    .header(ElectricHeaders.SURROGATE_CONTROL, CacheControl.NO_STORE)
                    .header(ElectricHeaders.RETRY_AFTER, "5")
                    .body("{\"message\":\"Failed to create shape, please retry: its table is locked by open transactions\"}");
        }
        if (!DatabaseFailures.isConnectionFailure(e)) {
            LOG.errorf(e, "Could not serve shape %s.%s", definition.schema(), definition.table());
            return error(ProtocolError.message(500, "Unable to load shape: " + e.getMessage()));
        }
        // Clients retry 5xx but give up on 400: an outage must never look like a bad request.
        LOG.warnf("Database unavailable while serving a shape: %s", e.getMessage());
        return ShapeResponse.status(503).header("content-type", ElectricHeaders.JSON)
                .header("cache-control", CacheControl.NO_STORE)
                .header(ElectricHeaders.SURROGATE_CONTROL, CacheControl.NO_STORE)
                .header(ElectricHeaders.RETRY_AFTER, "1")
                .body("{\"message\":\"Cannot connect to the database to verify the shape. Please try again later.\"}");
    }

    static ShapeResponse error(ProtocolError error) {
        return ShapeResponse.status(error.status())
                .header("content-type", ElectricHeaders.JSON)
                .header("cache-control", CacheControl.NO_STORE)
                .header(ElectricHeaders.SURROGATE_CONTROL, CacheControl.NO_STORE)
                .body(error.body());
    }
}
