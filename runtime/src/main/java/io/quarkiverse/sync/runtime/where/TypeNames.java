package io.quarkiverse.sync.runtime.where;

import java.util.Map;
import java.util.Set;

/** SQL spellings of type names, and which types a cast may target (§7.2). */
final class TypeNames {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("smallint", "int2"),
            Map.entry("bigint", "int8"), Map.entry("real", "float4"), Map.entry("float", "float8"),
            Map.entry("boolean", "bool"), Map.entry("decimal", "numeric"), Map.entry("dec", "numeric"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("time without time zone", "time"),
            Map.entry("character varying", "varchar"), Map.entry("character", "bpchar"), Map.entry("char", "bpchar"));

    /** Targets of {@code ::} and {@code CAST}: types with an input function in the evaluator. */
    private static final Set<String> CAST_TARGETS = Set.of("bool", "bytea", "date", "float4", "float8", "int2", "int4",
            "int8", "jsonb", "text", "time", "timestamp", "timestamptz", "uuid", "varchar", "interval");

    private TypeNames() {
    }

    static String canonical(String name) {
        return ALIASES.getOrDefault(name, name);
    }

    static boolean isCastTarget(String typname) {
        return CAST_TARGETS.contains(typname);
    }

    /** The type a cast names, or null when it is not one the evaluator supports. */
    static PgType castTarget(Ast.TypeName name) {
        if (!isCastTarget(name.name())) {
            return null;
        }
        PgType t = PgType.of(name.name());
        for (int i = 0; i < name.arrayDims(); i++) {
            // Postgres has one array type per element type, whatever the number of dimensions.
            t = i == 0 ? PgType.arrayOf(t) : t;
        }
        return t;
    }
}
