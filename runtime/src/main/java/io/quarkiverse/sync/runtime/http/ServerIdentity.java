package io.quarkiverse.sync.runtime.http;

import java.security.SecureRandom;
import java.util.Base64;

import io.vertx.ext.web.RoutingContext;

/**
 * The headers every response of the Electric API carries (protocol §1): {@code electric-server}, and
 * {@code x-request-id}, the client's own when it sent a usable one (20 to 200 characters, as Plug.RequestId accepts),
 * otherwise a new random one, so that a request can be followed from a proxy's log to ours.
 */
public final class ServerIdentity {

    /** The version of the reference server whose protocol this server speaks (spec §13). */
    public static final String SERVER = "ElectricSQL/1.7.12";
    static final String REQUEST_ID = "x-request-id";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerIdentity() {
    }

    public static void put(RoutingContext routing) {
        routing.response().putHeader("electric-server", SERVER);
        routing.response().putHeader(REQUEST_ID, requestId(routing.request().getHeader(REQUEST_ID)));
    }

    /** The client's id when usable (it is echoed in a header, so only a safe alphabet), otherwise a new one. */
    static String requestId(String given) {
        if (given != null && given.length() >= 20 && given.length() <= 200 && safe(given)) {
            return given;
        }
        byte[] random = new byte[15];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static boolean safe(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '+' || c == '/' || c == '=' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
