package io.quarkiverse.sync.runtime.http;

import io.quarkiverse.sync.runtime.protocol.CacheControl;
import io.quarkiverse.sync.runtime.protocol.ElectricHeaders;
import io.quarkiverse.sync.runtime.protocol.ProtocolError;

/** The Electric endpoint's own answers, besides shape reads (protocol §1.1, §8). */
public final class ElectricResponses {

    private ElectricResponses() {
    }

    /** A validation or lookup error of a GET/HEAD: JSON, never stored by caches. */
    public static ShapeResponse error(ProtocolError error) {
        return ShapeResponse.status(error.status())
                .header("content-type", ElectricHeaders.JSON)
                .header("cache-control", CacheControl.NO_STORE)
                .header(ElectricHeaders.SURROGATE_CONTROL, CacheControl.NO_STORE)
                .body(error.body());
    }

    /** An answer to a DELETE: every non-GET method gets {@code no-cache} (§10 rule 1). */
    public static ShapeResponse deleteError(ProtocolError error) {
        return ShapeResponse.status(error.status())
                .header("content-type", ElectricHeaders.JSON)
                .header("cache-control", "no-cache")
                .body(error.body());
    }

    /** §8.1 success: 202, empty body. */
    public static ShapeResponse deleted() {
        return ShapeResponse.status(202)
                .header("content-type", ElectricHeaders.JSON)
                .header("cache-control", "no-cache")
                .header(ElectricHeaders.HAS_DATA, "true")
                .empty();
    }

    /** §1.1: sent before CORS, so it carries none of its headers. */
    public static ShapeResponse unauthorized() {
        return ShapeResponse.status(401)
                .header("cache-control", "max-age=0, private, must-revalidate")
                .body("{\"message\":\"Unauthorized - Invalid API secret\"}");
    }

    /** The catch-all for an unexpected failure. */
    public static ShapeResponse internalError() {
        return ShapeResponse.status(500)
                .header("cache-control", "max-age=0, private, must-revalidate")
                .body("{\"error\":\"Internal server error\"}");
    }

    /** §8.2. */
    public static ShapeResponse health(boolean active) {
        return ShapeResponse.status(active ? 200 : 202)
                .header("content-type", ElectricHeaders.JSON)
                .header("cache-control", "no-cache, no-store, must-revalidate")
                .body(active ? "{\"status\":\"active\"}" : "{\"status\":\"starting\"}");
    }
}
