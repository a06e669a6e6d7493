package io.quarkiverse.sync.runtime.http;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a column's PostgreSQL text (protocol §4.5: the session settings make it ISO dates, UTC timestamps with a
 * {@code +00} offset, {@code t}/{@code f} booleans, hex bytea) into a Java attribute type. A reader is chosen once per
 * attribute; reading a value is then a plain parse.
 */
final class PgTextValues {

    /** Reads one non-null column text; throws IllegalArgumentException for text the type cannot hold. */
    interface Reader {
        Object read(String text);
    }

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();
    private static final DateTimeFormatter TIMESTAMPTZ = new DateTimeFormatterBuilder().append(TIMESTAMP)
            .appendOffset("+HH:mm:ss", "+00").toFormatter();
    private static final DateTimeFormatter TIMETZ = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_TIME).appendOffset("+HH:mm:ss", "+00").toFormatter();

    private PgTextValues() {
    }

    /**
     * @param mapper for types this class does not know: JSON containers ({@code Map}, collections, {@code JsonNode},
     *        arrays) are read from the text as JSON (json/jsonb columns), anything else as a JSON string
     */
    static Reader reader(Class<?> type, Type genericType, ObjectMapper mapper) {
        if (type == String.class || type == CharSequence.class || type == Object.class) {
            return text -> text;
        }
        if (type == Long.class || type == long.class) {
            return Long::valueOf;
        }
        if (type == Integer.class || type == int.class) {
            return Integer::valueOf;
        }
        if (type == Short.class || type == short.class) {
            return Short::valueOf;
        }
        if (type == Byte.class || type == byte.class) {
            return Byte::valueOf;
        }
        if (type == Double.class || type == double.class) {
            return Double::valueOf; // Infinity, -Infinity and NaN are PostgreSQL's spellings too
        }
        if (type == Float.class || type == float.class) {
            return Float::valueOf;
        }
        if (type == BigDecimal.class) {
            return BigDecimal::new;
        }
        if (type == BigInteger.class) {
            return BigInteger::new;
        }
        if (type == Boolean.class || type == boolean.class) {
            return PgTextValues::bool;
        }
        if (type == Character.class || type == char.class) {
            return text -> text.isEmpty() ? ' ' : text.charAt(0);
        }
        if (type == UUID.class) {
            return UUID::fromString;
        }
        if (type == LocalDate.class) {
            return LocalDate::parse;
        }
        if (type == LocalTime.class) {
            return LocalTime::parse;
        }
        if (type == LocalDateTime.class) {
            return text -> LocalDateTime.parse(text, TIMESTAMP);
        }
        if (type == OffsetDateTime.class) {
            return text -> OffsetDateTime.parse(text, TIMESTAMPTZ);
        }
        if (type == Instant.class) {
            return text -> OffsetDateTime.parse(text, TIMESTAMPTZ).toInstant();
        }
        if (type == ZonedDateTime.class) {
            return text -> OffsetDateTime.parse(text, TIMESTAMPTZ).toZonedDateTime();
        }
        if (type == OffsetTime.class) {
            return text -> OffsetTime.parse(text, TIMETZ);
        }
        if (type == Duration.class) {
            return Duration::parse; // IntervalStyle iso_8601; intervals with years or months have no Duration
        }
        if (type == byte[].class) {
            return PgTextValues::bytea;
        }
        JavaType javaType = mapper.constructType(genericType);
        if (Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)
                || JsonNode.class.isAssignableFrom(type) || type.isArray()) {
            return text -> {
                try {
                    return mapper.readValue(text, javaType);
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("not JSON for " + type.getSimpleName() + ": " + e.getMessage(), e);
                }
            };
        }
        return text -> mapper.convertValue(text, javaType);
    }

    /** An enum constant: by name, or by ordinal when the column holds a number and the mapping is not by name. */
    static Reader enumReader(Class<?> type, boolean byName) {
        Object[] constants = type.getEnumConstants();
        return text -> {
            if (!byName && !text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
                return constants[Integer.parseInt(text)];
            }
            for (Object constant : constants) {
                if (((Enum<?>) constant).name().equals(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("no constant " + text + " in " + type.getName());
        };
    }

    static Boolean bool(String text) {
        switch (text) {
            case "t":
            case "true":
                return Boolean.TRUE;
            case "f":
            case "false":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("not a boolean: " + text);
        }
    }

    static byte[] bytea(String text) {
        if (!text.startsWith("\\x")) {
            throw new IllegalArgumentException("bytea is expected in hex form (\\x…)");
        }
        return HexFormat.of().parseHex(text, 2, text.length());
    }
}
