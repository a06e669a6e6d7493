package io.quarkiverse.sync.runtime.http;

import java.util.Map;

/** Where an SSE stream writes: the HTTP response of the request, kept open between batches. */
public interface SseOutput {

    /** Sends the status and headers; the body follows in {@link #write} calls. */
    void open(Map<String, String> headers);

    void write(String text);

    void end();

    /** Whether the client went away (or the stream ended). */
    boolean isClosed();
}
