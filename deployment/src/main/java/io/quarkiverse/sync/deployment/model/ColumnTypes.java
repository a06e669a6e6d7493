package io.quarkiverse.sync.deployment.model;

import java.util.Locale;
import java.util.Map;

import org.jboss.jandex.Type;

/**
 * The PostgreSQL type Hibernate ORM 7 (Quarkus 3.33) gives a basic attribute by default, by Java type. Only the types
 * whose mapping does not depend on configuration are listed; anything else is unknown at build time.
 */
final class ColumnTypes {

    private static final Map<String, String> BY_JAVA_TYPE = Map.ofEntries(
            Map.entry("long", "int8"), Map.entry("java.lang.Long", "int8"),
            Map.entry("int", "int4"), Map.entry("java.lang.Integer", "int4"),
            Map.entry("short", "int2"), Map.entry("java.lang.Short", "int2"),
            // TINYINT, which PostgreSQL has not: smallint
            Map.entry("byte", "int2"), Map.entry("java.lang.Byte", "int2"),
            Map.entry("boolean", "bool"), Map.entry("java.lang.Boolean", "bool"),
            Map.entry("double", "float8"), Map.entry("java.lang.Double", "float8"),
            Map.entry("float", "float4"), Map.entry("java.lang.Float", "float4"),
            Map.entry("char", "bpchar"), Map.entry("java.lang.Character", "bpchar"),
            Map.entry("java.lang.String", "varchar"),
            Map.entry("java.math.BigDecimal", "numeric"), Map.entry("java.math.BigInteger", "numeric"),
            Map.entry("java.util.UUID", "uuid"),
            Map.entry("java.time.Instant", "timestamptz"), Map.entry("java.time.OffsetDateTime", "timestamptz"),
            Map.entry("java.time.ZonedDateTime", "timestamptz"),
            Map.entry("java.time.LocalDateTime", "timestamp"), Map.entry("java.time.LocalDate", "date"),
            Map.entry("java.time.LocalTime", "time"),
            Map.entry("java.sql.Timestamp", "timestamp"), Map.entry("java.sql.Date", "date"),
            Map.entry("java.sql.Time", "time"), Map.entry("java.util.Date", "timestamp"));

    /** {@code @Column(columnDefinition)} spellings that name one type, without modifiers. */
    private static final Map<String, String> BY_SQL_NAME = Map.ofEntries(
            Map.entry("text", "text"), Map.entry("varchar", "varchar"), Map.entry("character varying", "varchar"),
            Map.entry("bigint", "int8"), Map.entry("int8", "int8"), Map.entry("integer", "int4"),
            Map.entry("int", "int4"), Map.entry("int4", "int4"), Map.entry("smallint", "int2"),
            Map.entry("int2", "int2"), Map.entry("boolean", "bool"), Map.entry("bool", "bool"),
            Map.entry("uuid", "uuid"), Map.entry("date", "date"), Map.entry("timestamptz", "timestamptz"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("timestamp", "timestamp"),
            Map.entry("numeric", "numeric"), Map.entry("double precision", "float8"), Map.entry("float8", "float8"),
            Map.entry("real", "float4"), Map.entry("float4", "float4"), Map.entry("jsonb", "jsonb"),
            Map.entry("bytea", "bytea"), Map.entry("interval", "interval"));

    private ColumnTypes() {
    }

    /** The type of a basic attribute of this Java type, or null when it is not fixed. */
    static String of(Type type) {
        if (type.kind() == Type.Kind.ARRAY) {
            Type component = type.asArrayType().constituent();
            if (type.asArrayType().dimensions() == 1 && component.name().toString().equals("byte")) {
                return "bytea";
            }
            return null;
        }
        return BY_JAVA_TYPE.get(type.name().toString());
    }

    /** The type a {@code columnDefinition} names, or null for anything else (sizes, defaults, constraints). */
    static String ofDefinition(String columnDefinition) {
        return BY_SQL_NAME.get(columnDefinition.strip().toLowerCase(Locale.ROOT));
    }
}
