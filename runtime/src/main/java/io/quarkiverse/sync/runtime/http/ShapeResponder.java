package io.quarkiverse.sync.runtime.http;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkiverse.sync.runtime.engine.Shape;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;
import io.quarkiverse.sync.runtime.engine.ShapeDefinitionException;
import io.quarkiverse.sync.runtime.engine.ShapeRegistry;
import io.quarkiverse.sync.runtime.engine.Snapshotter;
import io.quarkiverse.sync.runtime.protocol.CacheControl;
import io.quarkiverse.sync.runtime.protocol.ControlMessages;
import io.quarkiverse.sync.runtime.protocol.ElectricHeaders;
import io.quarkiverse.sync.runtime.protocol.LogOffset;
import io.quarkiverse.sync.runtime.protocol.ProtocolError;
import io.quarkiverse.sync.runtime.protocol.ShapeRequest;

/**
 * Answers one shape request, in the order of the reference server's stages: validate the position parameters, load
 * the shape, check the handle, then serve the offset. Blocking (it reads the database): never call it on an event
 * loop.
 * <p>
 * This first version serves the initial snapshot ({@code offset=-1}) and the up-to-date read that follows it
 * ({@code offset=0_0}); the change log and live mode come with the replication engine.
 */
public final class ShapeResponder {

    private static final Logger LOG = Logger.getLogger(ShapeResponder.class);
    private static final LogOffset SNAPSHOT_CHUNK_0 = LogOffset.snapshotChunk(0);

    private final DataSource dataSource;
    private final ShapeRegistry registry;
    private final long cacheMaxAgeSeconds;
    private final long cacheStaleAgeSeconds;

    public ShapeResponder(DataSource dataSource, ShapeRegistry registry, long cacheMaxAgeSeconds,
            long cacheStaleAgeSeconds) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.cacheMaxAgeSeconds = cacheMaxAgeSeconds;
        this.cacheStaleAgeSeconds = cacheStaleAgeSeconds;
    }

    /**
     * @param definition the shape the server owns for this endpoint
     * @param query a query parameter's decoded value, null when absent
     * @param requestHeader a request header's value, null when absent
     */
    public ShapeResponse respond(ShapeDefinition definition, Function<String, String> query,
            Function<String, String> requestHeader) {
        ShapeRequest.Parsed parsed = ShapeRequest.parse(query);
        if (parsed instanceof ShapeRequest.Invalid invalid) {
            return error(invalid.error());
        }
        ShapeRequest request = ((ShapeRequest.Valid) parsed).request();
        try (Connection connection = dataSource.getConnection()) {
            Shape shape = registry.resolve(definition, connection);
            if (request.handle().isPresent() && !request.handle().get().equals(shape.handle())) {
                return mustRefetch(shape.handle());
            }
            if (request.live()) {
                return error(ProtocolError.message(501, "Live mode (live=true) is not available yet"));
            }
            if (request.now()) {
                return error(ProtocolError.message(501, "offset=now is not available yet"));
            }
            if (request.offset().isBeforeAll()) {
                return initialSnapshot(connection, shape, requestHeader);
            }
            if (request.offset().equals(SNAPSHOT_CHUNK_0)) {
                return upToDate(shape, request, requestHeader);
            }
            // Beyond the end of this shape's log: only snapshot chunk 0 exists until the change log does.
            return error(ProtocolError.invalid("offset", "out of bounds for this shape"));
        } catch (ShapeDefinitionException e) {
            // The server owns the shape, so a bad definition is the application's bug, not the client's.
            LOG.errorf("Shape %s.%s cannot be served: %s", definition.schema(), definition.table(), e.getMessage());
            return error(ProtocolError.message(500, "Invalid shape definition (" + e.param() + "): " + e.getMessage()));
        } catch (SQLException e) {
            if (!isConnectionFailure(e)) {
                LOG.errorf(e, "Could not serve shape %s.%s", definition.schema(), definition.table());
                return error(ProtocolError.message(500, "Unexpected error while creating snapshot: " + e.getMessage()));
            }
            // Clients retry 5xx but give up on 400: an outage must never look like a bad request.
            LOG.warnf("Database unavailable while serving a shape: %s", e.getMessage());
            return ShapeResponse.status(503).header("content-type", ElectricHeaders.JSON)
                    .header("cache-control", CacheControl.NO_STORE)
                    .header(ElectricHeaders.SURROGATE_CONTROL, CacheControl.NO_STORE)
                    .header(ElectricHeaders.RETRY_AFTER, "1")
                    .body("{\"message\":\"Cannot connect to the database to verify the shape. Please try again later.\"}");
        }
    }

    /** SQLState class 08 is "connection exception"; a pool timeout is a transient connection failure. */
    private static boolean isConnectionFailure(SQLException e) {
        return e instanceof SQLTransientConnectionException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    private ShapeResponse initialSnapshot(Connection connection, Shape shape, Function<String, String> requestHeader)
            throws SQLException {
        String etag = ElectricHeaders.etag(shape.handle(), "-1", SNAPSHOT_CHUNK_0.toString());
        if (ElectricHeaders.matches(requestHeader.apply("if-none-match"), etag)) {
            return notModified(shape, SNAPSHOT_CHUNK_0, etag, CacheControl.INITIAL, false);
        }
        StringBuilder body = new StringBuilder("[");
        Snapshotter.Visibility visibility = Snapshotter.run(connection, shape,
                message -> body.append(message).append(','));
        body.append(visibility.snapshotEndMessage()).append(']');
        return ShapeResponse.status(200)
                .header("content-type", ElectricHeaders.JSON)
                .header(ElectricHeaders.HANDLE, shape.handle())
                .header(ElectricHeaders.OFFSET, SNAPSHOT_CHUNK_0.toString())
                .header(ElectricHeaders.SCHEMA, shape.schemaHeader())
                .header(ElectricHeaders.HAS_DATA, "true")
                .header("etag", etag)
                .header("cache-control", CacheControl.INITIAL)
                .body(body.toString());
    }

    private ShapeResponse upToDate(Shape shape, ShapeRequest request, Function<String, String> requestHeader) {
        String etag = ElectricHeaders.etag(shape.handle(), request.offset().toString(), SNAPSHOT_CHUNK_0.toString());
        String cacheControl = CacheControl.read(request, cacheMaxAgeSeconds, cacheStaleAgeSeconds);
        if (ElectricHeaders.matches(requestHeader.apply("if-none-match"), etag)) {
            return notModified(shape, SNAPSHOT_CHUNK_0, etag, cacheControl, true);
        }
        return ShapeResponse.status(200)
                .header("content-type", ElectricHeaders.JSON)
                .header(ElectricHeaders.HANDLE, shape.handle())
                .header(ElectricHeaders.OFFSET, SNAPSHOT_CHUNK_0.toString())
                .header(ElectricHeaders.SCHEMA, shape.schemaHeader())
                .header(ElectricHeaders.HAS_DATA, "true")
                .header(ElectricHeaders.UP_TO_DATE, "")
                .header("etag", etag)
                .header("cache-control", cacheControl)
                .body("[" + ControlMessages.upToDate(0) + "]");
    }

    private static ShapeResponse notModified(Shape shape, LogOffset offset, String etag, String cacheControl,
            boolean upToDate) {
        ShapeResponse.Builder builder = ShapeResponse.status(304)
                .header(ElectricHeaders.HANDLE, shape.handle())
                .header(ElectricHeaders.OFFSET, offset.toString())
                .header(ElectricHeaders.HAS_DATA, "true")
                .header("etag", etag)
                .header("cache-control", cacheControl);
        if (upToDate) {
            builder.header(ElectricHeaders.UP_TO_DATE, "");
        }
        return builder.empty();
    }

    private static ShapeResponse mustRefetch(String newHandle) {
        return ShapeResponse.status(409)
                .header("content-type", ElectricHeaders.JSON)
                .header(ElectricHeaders.HANDLE, newHandle)
                .header("etag", '"' + newHandle + "::\"")
                .header("cache-control", CacheControl.conflict(true))
                .body(ControlMessages.MUST_REFETCH_BODY);
    }

    private static ShapeResponse error(ProtocolError error) {
        ShapeResponse.Builder builder = ShapeResponse.status(error.status())
                .header("content-type", ElectricHeaders.JSON)
                .header("cache-control", CacheControl.NO_STORE);
        if (error.status() >= 400) {
            builder.header(ElectricHeaders.SURROGATE_CONTROL, CacheControl.NO_STORE);
        }
        return builder.body(error.body());
    }
}
