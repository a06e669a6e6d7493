package io.quarkiverse.sync.runtime.http;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.quarkiverse.sync.runtime.engine.ActiveShape;
import io.quarkiverse.sync.runtime.engine.ShapeDefinitionException;
import io.quarkiverse.sync.runtime.engine.Snapshotter;
import io.quarkiverse.sync.runtime.engine.SubsetWhere;
import io.quarkiverse.sync.runtime.protocol.CacheControl;
import io.quarkiverse.sync.runtime.protocol.ElectricHeaders;
import io.quarkiverse.sync.runtime.protocol.LogOffset;
import io.quarkiverse.sync.runtime.protocol.ProtocolError;
import io.quarkiverse.sync.runtime.protocol.ShapeRequest;
import io.quarkiverse.sync.runtime.protocol.SubsetParams;
import io.quarkiverse.sync.runtime.where.WhereClause;

/**
 * Subset snapshots (protocol §4.9), what TanStack DB's on-demand sync asks for: the rows of the shape that also match
 * a further where-clause, ordered and paged, read in their own snapshot transaction, with the metadata the client
 * needs to reconcile them with the live stream.
 */
final class SubsetSnapshots {

    private SubsetSnapshots() {
    }

    static ShapeResponse respond(DataSource dataSource, ActiveShape shape, ShapeRequest request, SubsetParams subset)
            throws SQLException {
        String where;
        try {
            where = SubsetWhere.sql(shape.shape(), subset.where(), subset.params(),
                    subset.orderBy().map(o -> o.columns()).orElse(java.util.List.of()));
        } catch (ShapeDefinitionException e) {
            return ShapeResponder.error(ProtocolError.invalidNested("subset",
                    java.util.Map.of(e.param(), java.util.List.of(e.getMessage()))));
        }
        // The stream adopts this offset after injecting the rows: it must be read before the snapshot starts, so that
        // every change the snapshot does not see lies after it.
        LogOffset offset = request.now() || request.offset().isBeforeAll() ? LogOffset.snapshotChunk(0)
                : shape.log().readAfter(request.offset()).end();
        int mark = ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
        String extraHeaders = ",\"snapshot_mark\":" + mark;
        StringBuilder data = new StringBuilder("[");
        long[] walLsn = new long[1];
        Snapshotter.Visibility visibility;
        try (Connection connection = dataSource.getConnection()) {
            visibility = Snapshotter.query(connection, shape.shape(), where, subset.tailSql(),
                    (seen, lsn) -> walLsn[0] = lsn,
                    row -> {
                        if (data.length() > 1) {
                            data.append(',');
                        }
                        shape.shape().messages().appendSnapshotInsert(data, row, extraHeaders);
                    });
        }
        data.append(']');
        StringBuilder xip = new StringBuilder();
        visibility.xip().forEach(x -> xip.append(xip.length() > 0 ? "," : "").append('"').append(x).append('"'));
        String body = "{\"metadata\":{\"xmin\":\"" + visibility.xmin() + "\",\"xmax\":\"" + visibility.xmax()
                + "\",\"xip_list\":[" + xip + "],\"database_lsn\":\"" + Long.toUnsignedString(walLsn[0])
                + "\",\"snapshot_mark\":" + mark + "}, \"data\": " + data + "}";
        return ShapeResponse.status(200)
                .header("content-type", ElectricHeaders.JSON)
                .header("cache-control", CacheControl.NO_CACHE)
                .header("electric-snapshot", "true")
                .header(ElectricHeaders.HANDLE, shape.handle())
                .header(ElectricHeaders.OFFSET, offset.toString())
                .header(ElectricHeaders.SCHEMA, shape.shape().schemaHeader())
                .body(body);
    }
}
