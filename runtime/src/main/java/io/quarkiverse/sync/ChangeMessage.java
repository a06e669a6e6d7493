package io.quarkiverse.sync;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of a shape's rows, as a {@linkplain SyncShape#transform(java.util.function.Function) transform} sees it:
 * an insert, update or delete of the row identified by {@link #key()}. It mirrors the protocol's change message
 * ({@code {"key":…,"value":{…},"old_value":{…},"headers":{"operation":…,…}}}):
 * <ul>
 * <li>{@link #value()}: column name → the column's PostgreSQL text form, or {@code null} for SQL NULL. Inserts carry
 * the whole row; updates the primary key and the changed columns (the whole new row with {@link Replica#FULL});
 * deletes the primary key (the whole old row with {@link Replica#FULL}).</li>
 * <li>{@link #oldValue()}: with {@link Replica#FULL}, the previous values of the changed columns of an update.</li>
 * <li>{@link #headers()}: every other header exactly as the server wrote it: {@code relation},
 * {@code txids}, {@code lsn}, {@code op_position}, {@code last}, {@code key_change_to}/{@code key_change_from},
 * {@code snapshot_mark}, … Clients use them (the transaction ids deduplicate subset snapshots), so keep them: derive
 * the messages you return from the one you were given with the {@code with…} methods.</li>
 * </ul>
 * Instances are immutable; every {@code with…} method returns a copy.
 *
 * <pre>{@code
 * SyncShape.of(Todo.class).transform(change -> {
 *     String title = change.value().get("title");
 *     return title == null ? List.of(change) : List.of(change.withValue("title", title.toUpperCase()));
 * })
 * }</pre>
 *
 * <h2>Keys</h2>
 * The key is the row's identity for the client: its later updates and deletes find the row by key. The server never
 * derives it from {@link #value()}, so a transform that rewrites a primary key column in the value leaves the key (and
 * the row's identity) as it was. To give a row another identity, use {@link #withKey} and apply the same mapping to
 * every message of that row (and to the {@code key_change_to}/{@code key_change_from} headers); two messages with the
 * same key are the same row to the client, so a duplicate needs a key of its own to appear as a second row.
 *
 * <h2>The {@code last} header</h2>
 * The server manages {@code last}: after the transform, it marks the final emitted message of each transaction,
 * wherever the transform dropped or duplicated messages. A {@code last} header set or removed by a transform is
 * overridden.
 */
public final class ChangeMessage {

    /** What happened to the row. */
    public enum Operation {
        INSERT("insert"),
        UPDATE("update"),
        DELETE("delete");

        private final String wireName;

        Operation(String wireName) {
            this.wireName = wireName;
        }

        /** The protocol's name: {@code insert}, {@code update} or {@code delete}. */
        public String wireName() {
            return wireName;
        }

        /** The operation of a protocol name. */
        public static Operation ofWireName(String name) {
            for (Operation operation : values()) {
                if (operation.wireName.equals(name)) {
                    return operation;
                }
            }
            throw new IllegalArgumentException("Unknown operation '" + name + "'");
        }
    }

    /** The header that holds the operation; it is {@link #operation()}, never part of {@link #headers()}. */
    public static final String OPERATION_HEADER = "operation";

    private final String key;
    private final Operation operation;
    private final Map<String, String> value;
    private final Map<String, String> oldValue;
    private final Map<String, Object> headers;

    private ChangeMessage(String key, Operation operation, Map<String, String> value, Map<String, String> oldValue,
            Map<String, Object> headers) {
        this.key = key;
        this.operation = operation;
        this.value = value;
        this.oldValue = oldValue;
        this.headers = headers;
    }

    /**
     * A message with no headers besides the operation. Transforms should rather derive messages from the one they are
     * given ({@link #withValue(Map)} and friends), which keeps the transaction headers clients rely on.
     *
     * @param value column name → PostgreSQL text, {@code null} values allowed
     */
    public static ChangeMessage of(Operation operation, String key, Map<String, String> value) {
        return new ChangeMessage(requireKey(key), Objects.requireNonNull(operation, "operation"), copyValue(value),
                null, Map.of());
    }

    /**
     * A message as read from the protocol; used by the server, which passes the parsed parts.
     *
     * @param oldValue {@code null} when the message has none
     * @param headers the headers other than {@code operation}, as JSON values ({@link #withHeader})
     */
    public static ChangeMessage of(Operation operation, String key, Map<String, String> value,
            Map<String, String> oldValue, Map<String, Object> headers) {
        return of(operation, key, value).withOldValue(oldValue).withHeaders(headers);
    }

    /** The row's identity for the client, e.g. {@code "public"."todos"/"42"}. */
    public String key() {
        return key;
    }

    public Operation operation() {
        return operation;
    }

    /** Column name → PostgreSQL text ({@code null} for SQL NULL), in the server's column order; unmodifiable. */
    public Map<String, String> value() {
        return value;
    }

    /** The previous values of the changed columns of an update, with {@link Replica#FULL}; unmodifiable. */
    public Optional<Map<String, String>> oldValue() {
        return Optional.ofNullable(oldValue);
    }

    /**
     * Every header but {@code operation}, in the server's order, as JSON values: {@link String}, {@link Number},
     * {@link Boolean}, {@code null}, {@link List} and {@link Map} of those. Unmodifiable.
     */
    public Map<String, Object> headers() {
        return headers;
    }

    /** A header's value, if the message has it. */
    public Optional<Object> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** Whether this is the last change of its transaction in the shape ({@code last: true}). */
    public boolean isLast() {
        return Boolean.TRUE.equals(headers.get("last"));
    }

    /** The commit LSN of the change's transaction, a decimal string; empty for snapshot rows. */
    public Optional<String> lsn() {
        Object lsn = headers.get("lsn");
        return lsn instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** This message with another key; see the class comment on keys. */
    public ChangeMessage withKey(String key) {
        return new ChangeMessage(requireKey(key), operation, value, oldValue, headers);
    }

    public ChangeMessage withOperation(Operation operation) {
        return new ChangeMessage(key, Objects.requireNonNull(operation, "operation"), value, oldValue, headers);
    }

    /** This message with another value: column name → PostgreSQL text, {@code null} values allowed. */
    public ChangeMessage withValue(Map<String, String> value) {
        return new ChangeMessage(key, operation, copyValue(value), oldValue, headers);
    }

    /** This message with one column of the value set (added at the end when new); {@code null} is SQL NULL. */
    public ChangeMessage withValue(String column, String text) {
        Map<String, String> copy = new LinkedHashMap<>(value);
        copy.put(Objects.requireNonNull(column, "column"), text);
        return new ChangeMessage(key, operation, Collections.unmodifiableMap(copy), oldValue, headers);
    }

    /** This message without one column in its value (and in its old value). */
    public ChangeMessage withoutColumn(String column) {
        Map<String, String> copy = new LinkedHashMap<>(value);
        copy.remove(column);
        Map<String, String> oldCopy = null;
        if (oldValue != null) {
            oldCopy = new LinkedHashMap<>(oldValue);
            oldCopy.remove(column);
            oldCopy = Collections.unmodifiableMap(oldCopy);
        }
        return new ChangeMessage(key, operation, Collections.unmodifiableMap(copy), oldCopy, headers);
    }

    /** This message with another old value, or none ({@code null}). */
    public ChangeMessage withOldValue(Map<String, String> oldValue) {
        return new ChangeMessage(key, operation, value, oldValue == null ? null : copyValue(oldValue), headers);
    }

    /**
     * This message with one header set (added at the end when new).
     *
     * @param value a JSON value: {@link String}, {@link Number}, {@link Boolean}, {@code null}, or a {@link List} or
     *        {@link Map} (string keys) of those
     * @throws IllegalArgumentException for {@code operation} (use {@link #withOperation}) or a value of another type
     */
    public ChangeMessage withHeader(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(headers);
        copy.put(requireHeaderName(name), copyJson(value, name));
        return new ChangeMessage(key, operation, this.value, oldValue, Collections.unmodifiableMap(copy));
    }

    /** This message without one header. */
    public ChangeMessage withoutHeader(String name) {
        if (!headers.containsKey(name)) {
            return this;
        }
        Map<String, Object> copy = new LinkedHashMap<>(headers);
        copy.remove(name);
        return new ChangeMessage(key, operation, value, oldValue, Collections.unmodifiableMap(copy));
    }

    /** This message with exactly these headers (besides {@code operation}); see {@link #withHeader} for the values. */
    public ChangeMessage withHeaders(Map<String, ?> headers) {
        Map<String, Object> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> copy.put(requireHeaderName(name), copyJson(value, name)));
        return new ChangeMessage(key, operation, value, oldValue, Collections.unmodifiableMap(copy));
    }

    private static String requireKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("A change message's key cannot be empty");
        }
        return key;
    }

    private static String requireHeaderName(String name) {
        Objects.requireNonNull(name, "header name");
        if (OPERATION_HEADER.equals(name)) {
            throw new IllegalArgumentException("The operation header is set with withOperation(...)");
        }
        return name;
    }

    /** Copies keep insertion order and nulls, which {@code Map.copyOf} would reject. */
    private static Map<String, String> copyValue(Map<String, String> value) {
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(value.size() * 2);
        value.forEach((column, text) -> copy.put(Objects.requireNonNull(column, "column name"), text));
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyJson(Object value, String where) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte || value instanceof Double
                || value instanceof Float || value instanceof BigDecimal || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(copyJson(element, where)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String name)) {
                    throw new IllegalArgumentException("Header " + where + ": JSON object keys must be strings, not " + k);
                }
                copy.put(name, copyJson(v, where));
            });
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException("Header " + where + ": " + value.getClass().getName()
                + " is not a JSON value (String, Number, Boolean, null, List or Map)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeMessage other && key.equals(other.key) && operation == other.operation
                && value.equals(other.value) && Objects.equals(oldValue, other.oldValue)
                && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, operation, value, oldValue, headers);
    }

    @Override
    public String toString() {
        return "ChangeMessage[" + operation.wireName + " " + key + " value=" + value
                + (oldValue != null ? " old_value=" + oldValue : "") + " headers=" + headers + "]";
    }
}
