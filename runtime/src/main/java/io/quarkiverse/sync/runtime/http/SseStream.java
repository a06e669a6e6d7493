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
    private final long opened;
    private long deadline;
    /** Ahead of the shape's log (§3.5): the stream ends after half a long-poll unless the log reaches it. */
    private boolean outOfBounds;
    private LogOffset current;

    public SseStream(ActiveShape shape, ShapeRequest request, SseOutput output, LiveWaiters<ActiveShape> waiters,
            Executor worker, long longPollTimeoutSeconds) {
        this.shape = shape;
        this.request = request;
        this.output = output;
        this.waiters = waiters;
        this.worker = worker;
        this.longPollTimeoutSeconds = longPollTimeoutSeconds;
        this.opened = System.currentTimeMillis();
        this.deadline = opened + LIFETIME_MILLIS;
        this.current = request.offset();
    }

    /** Opens the stream: sends what is there and ends, or holds the stream open for changes. */
    public void start() {
        LogOffset last = shape.log().lastOffset();
        // 0_inf is the start of the change log, never out of bounds (§3.6).
        outOfBounds = !current.equals(LogOffset.LAST_SNAPSHOT) && current.compareTo(last) > 0;
        Batch batch = read();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/event-stream");
        headers.put("connection", "keep-alive");
        headers.put("cache-control", "public, max-age=" + Math.max(1, LIFETIME_MILLIS / 1000 - 1));
        headers.put(ElectricHeaders.CURSOR, Cursor.next(longPollTimeoutSeconds, request.cursor().orElse(null),
                Instant.now()));
        headers.put(ElectricHeaders.HANDLE, shape.handle());
        // Out of bounds, as the reference server: the shape's end, not up-to-date, and a shorter wait (§3.5).
        LogOffset end = outOfBounds ? last : batch.end;
        headers.put(ElectricHeaders.OFFSET, end.toString());
        headers.put("etag", ElectricHeaders.etag(shape.handle(), request.offset().toString(), end.toString()));
        headers.put(ElectricHeaders.HAS_DATA, "true");
        if (outOfBounds) {
            deadline = opened + longPollTimeoutSeconds * 1000 / 2;
        } else {
            headers.put(ElectricHeaders.UP_TO_DATE, "");
        }
        output.open(headers);
        if (!batch.messages.isEmpty()) {
            send(batch);
            output.end();
            return;
        }
        park();
    }

    private void park() {
        if (outOfBounds && shape.log().lastOffset().compareTo(current) >= 0) {
            outOfBounds = false; // the log caught up: a normal stream from here
            deadline = opened + LIFETIME_MILLIS;
        }
        long remaining = deadline - System.currentTimeMillis();
        if (remaining <= 0 || output.isClosed() || shape.isInvalidated()) {
            output.end();
            return;
        }
        LiveWaiters<ActiveShape>.Waiter waiter = waiters.await(shape, Math.min(remaining, KEEP_ALIVE_MILLIS),
                (why, shared) -> {
                    if (why == LiveWaiters.Wake.CHANGED && !output.isClosed() && !shape.isInvalidated()) {
                        // Every stream at this position sends the same events: frame them once.
                        shared.answer(new BatchAt(current), worker, () -> frame(read()))
                                .whenComplete((framed, error) -> sendAndPark(framed, error));
                    } else {
                        worker.execute(() -> woken(why));
                    }
                });
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
                sendAndPark(frame(read()), null);
                return;
            }
            if (System.currentTimeMillis() < deadline) {
                output.write(": keep-alive\n\n");
            }
            park();
        } catch (RuntimeException e) {
            output.end();
        }
    }

    private void sendAndPark(Framed framed, Throwable error) {
        try {
            if (error != null) {
                output.end();
                return;
            }
            if (framed.text() != null) {
                output.write(framed.text());
                current = framed.end();
            }
            park();
        } catch (RuntimeException e) {
            output.end();
        }
    }

    /** The question streams woken by one change share: what follows this position. */
    private record BatchAt(LogOffset position) {
    }

    /** A batch as SSE text (null when there was nothing new), and where it ends. */
    private record Framed(String text, LogOffset end) {
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
        Framed framed = frame(batch);
        output.write(framed.text());
        current = framed.end();
    }

    private static Framed frame(Batch batch) {
        if (batch.messages.isEmpty()) {
            return new Framed(null, batch.end);
        }
        StringBuilder out = new StringBuilder();
        for (String message : batch.messages) {
            out.append("data: ").append(message).append("\n\n");
        }
        long lsn = batch.end.isInSnapshot() ? 0 : batch.end.txOffset();
        out.append("data: ").append(ControlMessages.upToDate(lsn)).append("\n\n");
        return new Framed(out.toString(), batch.end);
    }
}
