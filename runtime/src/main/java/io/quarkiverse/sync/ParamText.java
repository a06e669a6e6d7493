package io.quarkiverse.sync;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Iterator;
import java.util.UUID;

/**
 * The PostgreSQL text of a where-clause parameter given as a Java value: what Postgres' input functions read back as
 * the same value. Parameters travel as text, typed by their use in the clause, and reach SQL only as quoted literals.
 */
final class ParamText {

    private ParamText() {
    }

    /**
     * @param position the parameter's number ({@code $position}), for the error message
     */
    static String of(Object value, int position) {
        if (value == null) {
            throw new IllegalArgumentException("Parameter $" + position + " is null: a where-clause parameter must be a "
                    + "value (test for NULL in SQL with IS NULL instead)");
        }
        if (value instanceof Collection<?> collection) {
            return array(collection.iterator(), position);
        }
        if (value.getClass().isArray() && !(value instanceof byte[])) {
            int length = Array.getLength(value);
            java.util.List<Object> items = new java.util.ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                items.add(Array.get(value, i));
            }
            return array(items.iterator(), position);
        }
        return scalar(value, position);
    }

    private static String scalar(Object value, int position) {
        if (value instanceof String || value instanceof Character || value instanceof Boolean || value instanceof UUID
                || value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger || value instanceof Double || value instanceof Float) {
            return value.toString(); // Double.toString's "1.0E10", "NaN" and "Infinity" are float8 input
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        // ISO 8601 forms, which the date/time input functions accept ('T' separator, offsets, fractions).
        if (value instanceof LocalDate || value instanceof LocalTime || value instanceof LocalDateTime
                || value instanceof OffsetDateTime || value instanceof OffsetTime || value instanceof Instant) {
            return value.toString();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toOffsetDateTime().toString();
        }
        if (value instanceof Duration duration) {
            return duration.toString(); // PT1H30M: ISO 8601, read by the interval input
        }
        throw new IllegalArgumentException("Parameter $" + position + " is a " + value.getClass().getName()
                + ", which has no PostgreSQL text form here: pass a String, number, Boolean, UUID, java.time value, "
                + "enum, or a collection or array of those");
    }

    /** A PostgreSQL array literal: every element double-quoted with {@code "} and {@code \} escaped, nulls as NULL. */
    private static String array(Iterator<?> items, int position) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        while (items.hasNext()) {
            Object item = items.next();
            if (!first) {
                out.append(',');
            }
            first = false;
            if (item == null) {
                out.append("NULL");
            } else {
                String text = item instanceof Collection<?> || item.getClass().isArray() ? of(item, position)
                        : scalar(item, position);
                if (item instanceof Collection<?> || (item.getClass().isArray() && !(item instanceof byte[]))) {
                    out.append(text); // a nested array is written bare
                } else {
                    out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
            }
        }
        return out.append('}').toString();
    }
}
