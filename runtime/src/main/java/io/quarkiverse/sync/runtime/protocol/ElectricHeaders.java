package io.quarkiverse.sync.runtime.protocol;

/** Header names and fixed values of the protocol (§1.2, §10). */
public final class ElectricHeaders {

    public static final String HANDLE = "electric-handle";
    public static final String OFFSET = "electric-offset";
    public static final String SCHEMA = "electric-schema";
    public static final String CURSOR = "electric-cursor";
    public static final String UP_TO_DATE = "electric-up-to-date";
    public static final String HAS_DATA = "electric-has-data";
    public static final String SURROGATE_CONTROL = "surrogate-control";
    public static final String RETRY_AFTER = "retry-after";

    public static final String JSON = "application/json; charset=utf-8";

    /** Browsers hide response headers that CORS does not expose; clients fail without these (MissingHeadersError). */
    public static final String EXPOSE_HEADERS = "electric-cursor,electric-handle,electric-has-data,electric-offset,"
            + "electric-schema,electric-up-to-date,electric-internal-known-error,retry-after";

    private ElectricHeaders() {
    }

    /** {@code "<handle>:<request offset>:<response offset>"}: stable for a given page, so CDNs can revalidate. */
    public static String etag(String handle, String requestOffset, String responseOffset) {
        return '"' + handle + ':' + requestOffset + ':' + responseOffset + '"';
    }

    /** True when an {@code If-None-Match} value names this etag (comma-separated, quotes optional). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String bare = etag.substring(1, etag.length() - 1);
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.strip();
            if (trimmed.startsWith("W/")) {
                trimmed = trimmed.substring(2);
            }
            if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
                trimmed = trimmed.substring(1, trimmed.length() - 1);
            }
            if (trimmed.equals(bare)) {
                return true;
            }
        }
        return false;
    }
}
