package io.quarkiverse.sync.runtime.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete answer of the shape endpoint: status, headers in order, body bytes. */
public record ShapeResponse(int status, Map<String, String> headers, byte[] body) {

    static Builder status(int status) {
        return new Builder(status);
    }

    static final class Builder {
        private final int status;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(int status) {
            this.status = status;
        }

        Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Copies the headers set so far on another builder (a 304 repeats the 200's headers). */
        Builder headers(Builder other) {
            headers.putAll(other.headers);
            return this;
        }

        ShapeResponse body(String body) {
            return new ShapeResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
        }

        ShapeResponse body(byte[] body) {
            return new ShapeResponse(status, headers, body);
        }

        ShapeResponse empty() {
            return new ShapeResponse(status, headers, new byte[0]);
        }
    }
}
