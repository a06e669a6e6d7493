package io.quarkiverse.sync.runtime.http;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.quarkiverse.sync.ChangeMessage;

/**
 * The transform step of an SSE stream: a decorator of the stream's output that rewrites each {@code data:} event as it
 * is written. {@link SseStream} writes each batch (its changes, then up-to-date) in one call, so a batch is one unit
 * for the {@code last} header; keep-alive comments pass as they are.
 */
public final class TransformingSseOutput implements SseOutput {

    private static final Logger LOG = Logger.getLogger(TransformingSseOutput.class);
    private static final String DATA = "data: ";

    private final SseOutput output;
    private final MessageTransform transform;

    private TransformingSseOutput(SseOutput output, MessageTransform transform) {
        this.output = output;
        this.transform = transform;
    }

    /** {@code output} itself when there is no transform. */
    public static SseOutput of(SseOutput output, MessageTransform transform) {
        return transform.isNone() ? output : new TransformingSseOutput(output, transform);
    }

    @Override
    public void open(Map<String, String> headers) {
        Map<String, String> transformed = new LinkedHashMap<>(headers);
        transformed.computeIfPresent("etag", (name, etag) -> transform.etag(etag));
        output.open(transformed);
    }

    @Override
    public void write(String text) {
        String rewritten;
        try {
            rewritten = rewrite(text);
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "The transform of a shape failed; the SSE stream ends and the client will reconnect");
            output.end();
            return;
        }
        if (!rewritten.isEmpty()) {
            output.write(rewritten);
        }
    }

    String rewrite(String text) throws IOException {
        StringBuilder out = new StringBuilder(text.length() + 64);
        MessageTransform.ValueWriter values = transform.valueWriter();
        MessageRewriter rewriter = new MessageRewriter(transform, new MessageRewriter.Sink() {
            @Override
            public void change(ChangeMessage message) throws IOException {
                StringWriter json = new StringWriter();
                try (JsonGenerator generator = transform.jsonFactory().createGenerator(json)) {
                    MessageCodec.write(generator, message, values);
                }
                out.append(DATA).append(json).append("\n\n");
            }

            @Override
            public void raw(String json) {
                out.append(DATA).append(json).append("\n\n");
            }
        });
        for (String event : text.split("\n\n")) {
            if (event.isEmpty()) {
                continue;
            }
            if (!event.startsWith(DATA)) {
                rewriter.flush();
                out.append(event).append("\n\n"); // a comment: the keep-alive
                continue;
            }
            byte[] json = event.substring(DATA.length()).getBytes(StandardCharsets.UTF_8);
            try (JsonParser parser = transform.jsonFactory().createParser(json)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("An SSE event that is not a JSON object: " + event);
                }
                rewriter.accept(MessageCodec.read(parser, json));
            }
        }
        rewriter.flush();
        return out.toString();
    }

    @Override
    public void end() {
        output.end();
    }

    @Override
    public boolean isClosed() {
        return output.isClosed();
    }
}
