package io.quarkiverse.sync.runtime.where;

import java.util.Map;
import java.util.Objects;

/**
 * The Postgres type of a column or expression, independent of any catalog class.
 *
 * @param name typname ({@code int4}, {@code text}, {@code timestamptz}, an enum's name); for arrays the element's
 *        name followed by {@code []}, which is how error messages print it
 * @param element the element type of an array, null otherwise
 * @param isEnum whether this is a user-defined enum (only {@code = <>} and {@code ::text} apply)
 */
public record PgType(String name, PgType element, boolean isEnum) {

    public static final PgType BOOL = new PgType("bool", null, false);
    public static final PgType INT2 = new PgType("int2", null, false);
    public static final PgType INT4 = new PgType("int4", null, false);
    public static final PgType INT8 = new PgType("int8", null, false);
    public static final PgType FLOAT4 = new PgType("float4", null, false);
    public static final PgType FLOAT8 = new PgType("float8", null, false);
    public static final PgType NUMERIC = new PgType("numeric", null, false);
    public static final PgType TEXT = new PgType("text", null, false);
    public static final PgType VARCHAR = new PgType("varchar", null, false);
    public static final PgType NAME = new PgType("name", null, false);
    public static final PgType BPCHAR = new PgType("bpchar", null, false);
    public static final PgType UUID = new PgType("uuid", null, false);
    public static final PgType DATE = new PgType("date", null, false);
    public static final PgType TIME = new PgType("time", null, false);
    public static final PgType TIMESTAMP = new PgType("timestamp", null, false);
    public static final PgType TIMESTAMPTZ = new PgType("timestamptz", null, false);
    public static final PgType INTERVAL = new PgType("interval", null, false);
    public static final PgType BYTEA = new PgType("bytea", null, false);
    public static final PgType JSONB = new PgType("jsonb", null, false);
    /** The type of a quoted literal, a {@code $n} or NULL before the context decides (Postgres' "unknown"). */
    public static final PgType UNKNOWN = new PgType("unknown", null, false);

    private static final Map<String, PgType> BUILT_IN = Map.ofEntries(
            Map.entry("bool", BOOL), Map.entry("int2", INT2), Map.entry("int4", INT4), Map.entry("int8", INT8),
            Map.entry("float4", FLOAT4), Map.entry("float8", FLOAT8), Map.entry("numeric", NUMERIC),
            Map.entry("text", TEXT), Map.entry("varchar", VARCHAR), Map.entry("name", NAME),
            Map.entry("bpchar", BPCHAR), Map.entry("uuid", UUID), Map.entry("date", DATE), Map.entry("time", TIME),
            Map.entry("timestamp", TIMESTAMP), Map.entry("timestamptz", TIMESTAMPTZ),
            Map.entry("interval", INTERVAL), Map.entry("bytea", BYTEA), Map.entry("jsonb", JSONB));

    public PgType {
        Objects.requireNonNull(name, "name");
    }

    /**
     * A built-in type by typname ({@code int4}); an array by its element's typname with {@code []} or the catalog's
     * leading underscore ({@code _int4}). Types the evaluator has no operators for are still accepted (a column may
     * have them); using them in an expression then fails type checking.
     */
    public static PgType of(String typname) {
        if (typname.endsWith("[]")) {
            return arrayOf(of(typname.substring(0, typname.length() - 2)));
        }
        if (typname.startsWith("_") && typname.length() > 1) {
            return arrayOf(of(typname.substring(1)));
        }
        PgType known = BUILT_IN.get(typname);
        return known != null ? known : new PgType(typname, null, false);
    }

    public static PgType arrayOf(PgType element) {
        return new PgType(element.name + "[]", element, false);
    }

    public static PgType enumType(String name) {
        return new PgType(name, null, true);
    }

    public boolean isArray() {
        return element != null;
    }

    /** The innermost element type (Postgres arrays of arrays are one multi-dimensional array type). */
    public PgType baseElement() {
        PgType t = this;
        while (t.element != null) {
            t = t.element;
        }
        return t;
    }

    @Override
    public String toString() {
        return name;
    }
}
