package io.quarkiverse.sync.runtime.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.quarkiverse.sync.ChangeMessage;

/**
 * Reads one protocol message (§4.1) from a streaming parser, and writes change messages back. A message with a
 * {@code key} is a change; anything else (control and event messages) is handed back as its exact source text so that
 * it is copied, never re-serialised.
 */
final class MessageCodec {

    private MessageCodec() {
    }

    /** A message read from the input: a change, or the exact text of any other message. */
    record Read(ChangeMessage change, String raw) {
    }

    /**
     * Reads the object at the parser's current {@code START_OBJECT} token, leaving the parser on its
     * {@code END_OBJECT}.
     *
     * @param source the parser's input, to copy a non-change message from
     */
    static Read read(JsonParser parser, byte[] source) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        String key = null;
        Map<String, String> value = null;
        Map<String, String> oldValue = null;
        Map<String, Object> headers = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "key" -> key = token == JsonToken.VALUE_NULL ? null : parser.getText();
                case "value" -> value = readColumns(parser, token);
                case "old_value" -> oldValue = readColumns(parser, token);
                case "headers" -> headers = readObject(parser, token);
                default -> parser.skipChildren();
            }
        }
        if (key == null) {
            int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
            return new Read(null, new String(source, start, end - start, java.nio.charset.StandardCharsets.UTF_8));
        }
        Object operation = headers == null ? null : headers.remove(ChangeMessage.OPERATION_HEADER);
        if (!(operation instanceof String name)) {
            throw new IOException("Change message " + key + " has no operation header");
        }
        return new Read(ChangeMessage.of(ChangeMessage.Operation.ofWireName(name), key,
                value == null ? Map.of() : value, oldValue, headers), null);
    }

    /** Writes a change message: key, value, old_value, then headers with the operation first. */
    static void write(JsonGenerator out, ChangeMessage message, MessageTransform.ValueWriter values)
            throws IOException {
        out.writeStartObject();
        out.writeStringField("key", message.key());
        out.writeFieldName("value");
        values.write(out, message.value());
        if (message.oldValue().isPresent()) {
            out.writeFieldName("old_value");
            values.write(out, message.oldValue().get());
        }
        out.writeFieldName("headers");
        out.writeStartObject();
        out.writeStringField(ChangeMessage.OPERATION_HEADER, message.operation().wireName());
        for (Map.Entry<String, Object> header : message.headers().entrySet()) {
            out.writeFieldName(header.getKey());
            writeJson(out, header.getValue());
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    private static Map<String, String> readColumns(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new IOException("A row value must be a JSON object, not " + token);
        }
        Map<String, String> columns = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String column = parser.currentName();
            JsonToken text = parser.nextToken();
            columns.put(column, text == JsonToken.VALUE_NULL ? null : parser.getText());
        }
        return columns;
    }

    private static Map<String, Object> readObject(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new IOException("headers must be a JSON object, not " + token);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.put(name, readJson(parser, parser.nextToken()));
        }
        return object;
    }

    /** A JSON value as plain Java: String, Integer/Long/BigInteger, BigDecimal, Boolean, null, List, Map. */
    private static Object readJson(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDecimalValue(); // exact: the number is written back as it was read
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readJson(parser, next));
                }
                return list;
            }
            case START_OBJECT:
                return readObject(parser, token);
            default:
                throw new IOException("Unexpected JSON token " + token);
        }
    }

    static void writeJson(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof java.math.BigInteger b) {
            out.writeNumber(b);
        } else if (value instanceof java.math.BigDecimal d) {
            out.writeNumber(d);
        } else if (value instanceof Number n) {
            out.writeNumber(n.doubleValue());
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                writeJson(out, element);
            }
            out.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName((String) entry.getKey());
                writeJson(out, entry.getValue());
            }
            out.writeEndObject();
        } else {
            throw new IOException("Not a JSON value: " + value.getClass().getName());
        }
    }
}
