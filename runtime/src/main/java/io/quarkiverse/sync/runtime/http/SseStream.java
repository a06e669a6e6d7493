package io.quarkiverse.sync.runtime.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import io.quarkiverse.sync.runtime.engine.ActiveShape;
import io.quarkiverse.sync.runtime.protocol.ControlMessages;
import io.quarkiverse.sync.runtime.protocol.Cursor;
import io.quarkiverse.sync.runtime.protocol.ElectricHeaders;
import io.quarkiverse.sync.runtime.protocol.JsonElements;
import io.quarkiverse.sync.runtime.protocol.LogOffset;
import io.quarkiverse.sync.runtime.protocol.ShapeRequest;
import io.quarkiverse.sync.runtime.storage.Page;

/**
 * One live request in server-sent-events mode (protocol §5.4): each message is a {@code data: <json>} event, every
 * batch ends with an up-to-date carrying the shape-local LSN (the client resumes from {@code <lsn>_0}), a keep-alive
 * comment goes out after 21 s without a message, and the stream ends after 60 s, or at once when data was already
 * there when the request came. Unlike the reference server, batches always run to the shape's last committed offset
 * (no chunk boundaries), so nothing is left unflushed in the client's buffer.
 */
public final class SseStream {

    static final long KEEP_ALIVE_MILLIS = 21_000;
    static final long LIFETIME_MILLIS = 60_000;

    private final ActiveShape shape;
    private final ShapeRequest request;
    private final SseOutput output;
    private final LiveWaiters<ActiveShape> waiters;
    private final Executor worker;
    private final long longPollTimeoutSeconds;
    private final long deadline;
    private LogOffset current;

    public SseStream(ActiveShape shape, ShapeRequest request, SseOutput output, LiveWaiters<ActiveShape> waiters,
            Executor worker, long longPollTimeoutSeconds) {
        this.shape = shape;
        this.request = request;
        this.output = output;
        this.waiters = waiters;
        this.worker = worker;
        this.longPollTimeoutSeconds = longPollTimeoutSeconds;
        this.deadline = System.currentTimeMillis() + LIFETIME_MILLIS;
        this.current = request.offset();
    }

    /** Opens the stream: sends what is there and ends, or holds the stream open for changes. */
    public void start() {
        Batch batch = read();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/event-stream");
        headers.put("connection", "keep-alive");
        headers.put("cache-control", "public, max-age=" + Math.max(1, LIFETIME_MILLIS / 1000 - 1));
        headers.put(ElectricHeaders.CURSOR, Cursor.next(longPollTimeoutSeconds, request.cursor().orElse(null),
                Instant.now()));
        headers.put(ElectricHeaders.HANDLE, shape.handle());
        headers.put(ElectricHeaders.OFFSET, batch.end.toString());
        headers.put("etag", ElectricHeaders.etag(shape.handle(), request.offset().toString(), batch.end.toString()));
        headers.put(ElectricHeaders.HAS_DATA, "true");
        headers.put(ElectricHeaders.UP_TO_DATE, "");
        output.open(headers);
        if (!batch.messages.isEmpty()) {
            send(batch);
            output.end();
            return;
        }
        park();
    }

    private void park() {
        long remaining = deadline - System.currentTimeMillis();
        if (remaining <= 0 || output.isClosed() || shape.isInvalidated()) {
            output.end();
            return;
        }
        LiveWaiters<ActiveShape>.Waiter waiter = waiters.await(shape, Math.min(remaining, KEEP_ALIVE_MILLIS),
                why -> worker.execute(() -> woken(why)));
        if (shape.isInvalidated() || shape.log().lastOffset().compareTo(current) > 0) {
            waiter.wakeNow(); // it changed while we were registering
        }
    }

    private void woken(LiveWaiters.Wake why) {
        try {
            if (output.isClosed()) {
                return;
            }
            if (shape.isInvalidated()) {
                output.end(); // the client's next request gets the 409
                return;
            }
            if (why == LiveWaiters.Wake.CHANGED) {
                Batch batch = read();
                if (!batch.messages.isEmpty()) {
                    send(batch);
                }
            } else if (System.currentTimeMillis() < deadline) {
                output.write(": keep-alive\n\n");
            }
            park();
        } catch (RuntimeException e) {
            output.end();
        }
    }

    private record Batch(List<String> messages, LogOffset end) {
    }

    /** Everything committed after the current position, across chunk boundaries. */
    private Batch read() {
        List<String> messages = new ArrayList<>();
        LogOffset end = current;
        LogOffset last = shape.log().lastOffset();
        while (end.compareTo(last) < 0) {
            Page page = shape.log().readAfter(end);
            if (page.count() == 0) {
                break;
            }
            messages.addAll(JsonElements.split(page.json()));
            end = page.end();
        }
        return new Batch(messages, end);
    }

    private void send(Batch batch) {
        StringBuilder out = new StringBuilder();
        for (String message : batch.messages) {
            out.append("data: ").append(message).append("\n\n");
        }
        long lsn = batch.end.isInSnapshot() ? 0 : batch.end.txOffset();
        out.append("data: ").append(ControlMessages.upToDate(lsn)).append("\n\n");
        output.write(out.toString());
        current = batch.end;
    }
}
