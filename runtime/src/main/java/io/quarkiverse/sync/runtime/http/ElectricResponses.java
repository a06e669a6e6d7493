package io.quarkiverse.sync.runtime.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The body of the 503 answering any request that met an unreachable database outside shape validation (§8.3). */
    static final String DATABASE_UNREACHABLE_BODY = "{\"code\":\"database_unreachable\",\"error\":\"Database is unreachable\"}";

    /**
     * §8.3: the database could not be reached while serving (e.g. for a subset query). No content-type, explicit
     * no-store on every method.
     */
    public static ShapeResponse databaseUnreachable() {
        return ShapeResponse.status(503)
                .header(ElectricHeaders.RETRY_AFTER, "10")
                .header("cache-control", CacheControl.NO_STORE)
                .header(ElectricHeaders.SURROGATE_CONTROL, CacheControl.NO_STORE)
                .body(DATABASE_UNREACHABLE_BODY);
    }

    /**
     * §10 rule 1: a POST's answers are {@code no-cache}, without {@code surrogate-control}; the
     * {@code database_unreachable} 503 keeps the headers it sets itself.
     */
    public static ShapeResponse forPost(ShapeResponse response) {
        if (response.status() == 503 && Arrays.equals(response.body(),
                DATABASE_UNREACHABLE_BODY.getBytes(StandardCharsets.UTF_8))) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("cache-control", CacheControl.NO_CACHE);
        headers.remove(ElectricHeaders.SURROGATE_CONTROL);
        return new ShapeResponse(response.status(), headers, response.body());
    }

    /** §1: the 404 of any other path under the Electric API. Plain text, without a content-type. */
    public static ShapeResponse notFound() {
        return ShapeResponse.status(404)
                .header("cache-control", "max-age=0, private, must-revalidate")
                .body("Not found");
    }

    /** §1: {@code GET /}, 200 with an empty body. */
    public static ShapeResponse root() {
        return ShapeResponse.status(200)
                .header("cache-control", "max-age=0, private, must-revalidate")
                .empty();
    }

    /** §8.2. */
    public static ShapeResponse health(boolean active) {
        return ShapeResponse.status(active ? 200 : 202)
                .header("content-type", ElectricHeaders.JSON)
                .header("cache-control", "no-cache, no-store, must-revalidate")
                .body(active ? "{\"status\":\"active\"}" : "{\"status\":\"starting\"}");
    }
}
