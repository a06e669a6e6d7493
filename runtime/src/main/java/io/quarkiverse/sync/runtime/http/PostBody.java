package io.quarkiverse.sync.runtime.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads the body of a POST shape request (protocol §4.9), at most {@link RequestParams#MAX_BODY_BYTES}: without
 * blocking on a Vert.x route, or from a stream on a worker thread.
 */
public final class PostBody {

    private PostBody() {
    }

    /**
     * Reads the whole body on the request's event loop.
     *
     * @param rejected called instead of {@code read} with the 413 or 400 to send
     * @param read called with the body
     */
    public static void read(HttpServerRequest request, Consumer<ShapeResponse> rejected, Consumer<byte[]> read) {
        if (request.isEnded()) {
            read.accept(new byte[0]);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = new boolean[1];
        request.handler(chunk -> {
            // Past the limit the rest is read and dropped: the answer waits for the end of the request.
            if (!tooLarge[0] && body.length() + chunk.length() > RequestParams.MAX_BODY_BYTES) {
                tooLarge[0] = true;
            } else if (!tooLarge[0]) {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(error -> rejected.accept(RequestParams.unreadable()));
        request.endHandler(end -> {
            if (tooLarge[0]) {
                rejected.accept(RequestParams.tooLarge());
            } else {
                read.accept(body.getBytes());
            }
        });
        request.resume();
    }

    /** Reads the whole body from a blocking stream; null when it is larger than the limit. */
    public static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(RequestParams.MAX_BODY_BYTES + 1);
        return body.length > RequestParams.MAX_BODY_BYTES ? null : body;
    }
}
