package io.quarkiverse.sync.runtime.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** The CORS headers of protocol §1.2: browsers hide the electric-* headers unless they are exposed. */
public final class Cors {

    private Cors() {
    }

    /**
     * @param origin the request's {@code Origin}, or null
     * @param methods the {@code access-control-allow-methods} value, or null to leave it out
     */
    public static Map<String, String> headers(String origin, String methods) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (origin == null) {
            headers.put("access-control-allow-origin", "*");
        } else {
            // The echoed origin makes the response differ per origin: say so to shared caches.
            headers.put("access-control-allow-origin", origin);
            headers.put("vary", "Origin");
        }
        headers.put("access-control-expose-headers", ElectricHeaders.EXPOSE_HEADERS);
        if (methods != null) {
            headers.put("access-control-allow-methods", methods);
        }
        return headers;
    }
}
