package io.quarkiverse.sync.runtime.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;

import io.quarkiverse.sync.ChangeMessage;

/**
 * What a shape's {@code transform(...)} calls make of its change messages: the functions, run in order as a flat-map,
 * then the optional entity form that writes values as an entity's JSON. {@link #NONE} leaves responses as stored
 * bytes; every other transform re-writes them message by message ({@link TransformedResponses}).
 */
public final class MessageTransform {

    /** No transform: responses stay byte copies of the stored log. */
    public static final MessageTransform NONE = new MessageTransform(List.of(), null);

    private static final JsonFactory PLAIN_JSON = new JsonFactory();

    private final List<Function<ChangeMessage, List<ChangeMessage>>> functions;
    private final EntityForm entityForm;
    private final String etagSuffix;

    private MessageTransform(List<Function<ChangeMessage, List<ChangeMessage>>> functions, EntityForm entityForm) {
        this.functions = functions;
        this.entityForm = entityForm;
        this.etagSuffix = ":t" + tag(functions, entityForm);
    }

    /**
     * @param entityForm {@code null} when values stay PostgreSQL text
     */
    public static MessageTransform of(List<Function<ChangeMessage, List<ChangeMessage>>> functions,
            EntityForm entityForm) {
        if (functions.isEmpty() && entityForm == null) {
            return NONE;
        }
        return new MessageTransform(List.copyOf(functions), entityForm);
    }

    public boolean isNone() {
        return this == NONE;
    }

    /** The messages to send in place of {@code change}: every function in turn, each on the previous one's output. */
    List<ChangeMessage> apply(ChangeMessage change) {
        List<ChangeMessage> messages = List.of(change);
        for (Function<ChangeMessage, List<ChangeMessage>> function : functions) {
            List<ChangeMessage> next = new ArrayList<>(messages.size());
            for (ChangeMessage message : messages) {
                List<ChangeMessage> out = function.apply(message);
                Objects.requireNonNull(out, "A transform returned null: return List.of() to drop a change");
                for (ChangeMessage m : out) {
                    next.add(Objects.requireNonNull(m, "A transform returned a list holding null"));
                }
            }
            messages = next;
        }
        return messages;
    }

    /**
     * A transformed response's ETag: the untransformed one with a suffix naming the transform, so that a cache never
     * answers one with the other (§5.6: {@code "<handle>:<offset>:<offset>"} becomes {@code "…:t<tag>"}).
     */
    String etag(String etag) {
        if (etag == null || etag.length() < 2 || !etag.endsWith("\"")) {
            return etag;
        }
        return etag.substring(0, etag.length() - 1) + etagSuffix + '"';
    }

    /**
     * The request headers the responder sees: {@code If-None-Match} keeps only this transform's ETags, without the
     * suffix, so a 304 answers exactly a revalidation of a response of this transform (an untransformed ETag, or
     * another transform's, never matches).
     */
    public Function<String, String> requestHeaders(Function<String, String> headers) {
        if (isNone()) {
            return headers;
        }
        return name -> {
            String value = headers.apply(name);
            if (value == null || !"if-none-match".equalsIgnoreCase(name)) {
                return value;
            }
            StringBuilder kept = new StringBuilder();
            for (String candidate : value.split(",")) {
                String tag = candidate.strip();
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                    tag = tag.substring(1, tag.length() - 1);
                }
                if (tag.endsWith(etagSuffix)) {
                    kept.append(kept.length() > 0 ? "," : "").append('"')
                            .append(tag, 0, tag.length() - etagSuffix.length()).append('"');
                }
            }
            return kept.length() == 0 ? null : kept.toString();
        };
    }

    /** The {@code electric-schema} header of a transformed response: the entity form's properties, else unchanged. */
    String schemaHeader(String columnsSchema) {
        return entityForm == null || columnsSchema == null ? columnsSchema : entityForm.schemaHeader(columnsSchema);
    }

    JsonFactory jsonFactory() {
        return entityForm == null ? PLAIN_JSON : entityForm.jsonFactory();
    }

    /** What writing values needs for one response (the entity form's serializer provider), made once per response. */
    ValueWriter valueWriter() {
        if (entityForm == null) {
            return MessageTransform::writeText;
        }
        SerializerProvider provider = entityForm.serializerProvider();
        return (out, value) -> entityForm.write(out, value, provider);
    }

    /** Writes a {@code value} or {@code old_value} object. */
    interface ValueWriter {
        void write(JsonGenerator out, Map<String, String> value) throws IOException;
    }

    private static void writeText(JsonGenerator out, Map<String, String> value) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, String> column : value.entrySet()) {
            out.writeFieldName(column.getKey());
            if (column.getValue() == null) {
                out.writeNull();
            } else {
                out.writeString(column.getValue());
            }
        }
        out.writeEndObject();
    }

    /**
     * Names the transform in ETags: its functions' classes (a lambda's class is its call site) and the entity form's
     * class. Stable while the application runs; String.hashCode is the same on every JVM.
     */
    private static String tag(List<Function<ChangeMessage, List<ChangeMessage>>> functions, EntityForm entityForm) {
        StringBuilder names = new StringBuilder();
        functions.forEach(f -> names.append(f.getClass().getName()).append(';'));
        if (entityForm != null) {
            names.append("entity:").append(entityForm.type().getName());
        }
        return String.format("%08x", names.toString().hashCode());
    }
}
