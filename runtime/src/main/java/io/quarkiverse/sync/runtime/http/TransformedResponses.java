package io.quarkiverse.sync.runtime.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.quarkiverse.sync.runtime.protocol.ElectricHeaders;
import io.quarkiverse.sync.runtime.protocol.ProtocolError;

/**
 * The transform step of resource shapes: turns a response of the shape's log (or a subset snapshot) into the
 * transformed one. The body is parsed one message at a time with a streaming parser, each change goes through the
 * transform and is written out at once; control messages are copied as they are. Only 200 and 304 responses change
 * (their ETag gets the transform's suffix, the entity form replaces {@code electric-schema}); errors and 409s pass
 * untouched. Without a transform nothing here runs: the stored bytes are sent as they are.
 */
public final class TransformedResponses {

    private static final Logger LOG = Logger.getLogger(TransformedResponses.class);

    private TransformedResponses() {
    }

    public static ShapeResponse apply(ShapeResponse response, MessageTransform transform) {
        if (transform.isNone() || (response.status() != 200 && response.status() != 304)) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.computeIfPresent("etag", (name, etag) -> transform.etag(etag));
        headers.computeIfPresent(ElectricHeaders.SCHEMA, (name, schema) -> transform.schemaHeader(schema));
        if (response.body().length == 0) {
            return new ShapeResponse(response.status(), headers, response.body());
        }
        try {
            byte[] body = "true".equals(headers.get("electric-snapshot"))
                    ? subset(response.body(), transform)
                    : log(response.body(), transform);
            return new ShapeResponse(response.status(), headers, body);
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "The transform of a shape failed; the client gets a 500 and will retry");
            return ShapeResponder.error(ProtocolError.message(500, "The shape's transform failed"));
        }
    }

    /** A log response: a JSON array of messages. */
    static byte[] log(byte[] body, MessageTransform transform) throws IOException {
        JsonFactory json = transform.jsonFactory();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 64);
        try (JsonParser in = json.createParser(body); JsonGenerator out = json.createGenerator(bytes)) {
            expect(in.nextToken(), JsonToken.START_ARRAY);
            rewriteArray(in, body, out, transform);
        }
        return bytes.toByteArray();
    }

    /** A subset snapshot (§4.9): {@code {"metadata":{…},"data":[…]}}; only the changes in {@code data} change. */
    static byte[] subset(byte[] body, MessageTransform transform) throws IOException {
        JsonFactory json = transform.jsonFactory();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 64);
        try (JsonParser in = json.createParser(body); JsonGenerator out = json.createGenerator(bytes)) {
            expect(in.nextToken(), JsonToken.START_OBJECT);
            out.writeStartObject();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken token = in.nextToken();
                out.writeFieldName(field);
                if ("data".equals(field)) {
                    expect(token, JsonToken.START_ARRAY);
                    rewriteArray(in, body, out, transform);
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    int start = (int) in.currentTokenLocation().getByteOffset();
                    in.skipChildren();
                    int end = (int) in.currentTokenLocation().getByteOffset() + 1;
                    out.writeRawValue(new String(body, start, end - start, StandardCharsets.UTF_8)); // metadata as is
                } else {
                    out.copyCurrentEvent(in);
                }
            }
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /** The parser is on an array's START_ARRAY; writes the transformed array and leaves it on the END_ARRAY. */
    private static void rewriteArray(JsonParser in, byte[] source, JsonGenerator out, MessageTransform transform)
            throws IOException {
        MessageTransform.ValueWriter values = transform.valueWriter();
        MessageRewriter rewriter = new MessageRewriter(transform, new MessageRewriter.Sink() {
            @Override
            public void change(io.quarkiverse.sync.ChangeMessage message) throws IOException {
                MessageCodec.write(out, message, values);
            }

            @Override
            public void raw(String message) throws IOException {
                out.writeRawValue(message);
            }
        });
        out.writeStartArray();
        JsonToken token;
        while ((token = in.nextToken()) != JsonToken.END_ARRAY) {
            expect(token, JsonToken.START_OBJECT);
            rewriter.accept(MessageCodec.read(in, source));
        }
        rewriter.flush();
        out.writeEndArray();
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("Expected " + expected + " in a shape response, found " + token);
        }
    }
}
