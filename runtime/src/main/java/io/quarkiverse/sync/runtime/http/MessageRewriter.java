package io.quarkiverse.sync.runtime.http;

import java.io.IOException;
import java.util.List;

import io.quarkiverse.sync.ChangeMessage;

/**
 * Applies a transform to a sequence of messages, one at a time, and keeps the {@code last} header true to its meaning:
 * after the transform it marks the final emitted message of each transaction. One emitted change is held back until
 * the next one (or a control message, or the end) arrives, so that when the transform drops a transaction's
 * {@code last} message the mark can still move to the transaction's previous emitted message. A duplicated
 * {@code last} message gives the mark to its final copy only.
 */
final class MessageRewriter {

    private static final String LAST = "last";

    /** Where rewritten messages go, in order. */
    interface Sink {
        void change(ChangeMessage message) throws IOException;

        /** A control or event message, as its exact source text. */
        void raw(String json) throws IOException;
    }

    private final MessageTransform transform;
    private final Sink sink;
    private ChangeMessage held;

    MessageRewriter(MessageTransform transform, Sink sink) {
        this.transform = transform;
        this.sink = sink;
    }

    void accept(MessageCodec.Read read) throws IOException {
        if (read.change() == null) {
            flush();
            sink.raw(read.raw());
            return;
        }
        ChangeMessage change = read.change();
        boolean last = change.isLast();
        List<ChangeMessage> out = transform.apply(change);
        if (out.isEmpty()) {
            if (last && held != null && change.lsn().isPresent() && change.lsn().equals(held.lsn())) {
                held = held.withHeader(LAST, true); // the transaction's last emitted message now ends it
            }
            return;
        }
        for (int i = 0; i < out.size(); i++) {
            ChangeMessage message = out.get(i).withoutHeader(LAST);
            if (last && i == out.size() - 1) {
                message = message.withHeader(LAST, true);
            }
            flush();
            held = message;
        }
    }

    /** Sends the held message; call at the end of the input. */
    void flush() throws IOException {
        if (held != null) {
            ChangeMessage message = held;
            held = null;
            sink.change(message);
        }
    }
}
