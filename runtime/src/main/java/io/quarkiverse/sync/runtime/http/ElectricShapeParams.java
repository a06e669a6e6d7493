package io.quarkiverse.sync.runtime.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.runtime.engine.ShapeDefinition;
import io.quarkiverse.sync.runtime.protocol.ProtocolError;
import io.quarkiverse.sync.runtime.protocol.ShapeRequest;

/**
 * The shape-defining parameters of the Electric endpoint ({@code table}, {@code where}, {@code params[n]},
 * {@code columns}, {@code replica}, {@code log}), parsed and validated in the order of protocol §2.3: the casts of
 * phase 3 are reported together, then the position parameters ({@link ShapeRequest}), then {@code table}. What needs
 * the catalog (table exists, columns, where) is checked by the engine when it loads the shape.
 */
public final class ElectricShapeParams {

    /** PostgreSQL's NAMEDATALEN - 1. */
    static final int MAX_IDENTIFIER_LENGTH = 63;

    /** Either a definition or the 400 to answer with. */
    public sealed interface Parsed permits Valid, Invalid {
    }

    /** @param definition empty for a DELETE by handle alone */
    public record Valid(Optional<ShapeDefinition> definition) implements Parsed {
    }

    public record Invalid(ProtocolError error) implements Parsed {
    }

    private ElectricShapeParams() {
    }

    /**
     * A read: every phase of §2.3 up to the table name; the definition is always present.
     *
     * @param param a query parameter's decoded value, null when absent
     * @param names every query parameter name (to find {@code params[n]})
     */
    public static Parsed forRead(Function<String, String> param, Iterable<String> names) {
        Map<String, List<String>> castErrors = new LinkedHashMap<>();
        if (blankToNull(param.apply("offset")) == null) {
            castErrors.put("offset", List.of("can't be blank"));
        }
        if (!liveSseCasts(param)) {
            castErrors.put("live_sse", List.of("is invalid"));
        }
        Casts casts = casts(param, names, castErrors);
        if (!castErrors.isEmpty()) {
            return new Invalid(ProtocolError.invalid(castErrors));
        }
        ShapeRequest.Parsed position = ShapeRequest.parse(param);
        if (position instanceof ShapeRequest.Invalid invalid) {
            return new Invalid(invalid.error());
        }
        return definition(param, casts);
    }

    /**
     * A DELETE (§8.1): the casts, then either the definition or, without {@code table}, a {@code handle}; offset and
     * live are not checked against each other.
     */
    public static Parsed forDelete(Function<String, String> param, Iterable<String> names) {
        Map<String, List<String>> castErrors = new LinkedHashMap<>();
        if (!liveSseCasts(param)) {
            castErrors.put("live_sse", List.of("is invalid"));
        }
        Casts casts = casts(param, names, castErrors);
        if (!castErrors.isEmpty()) {
            return new Invalid(ProtocolError.invalid(castErrors));
        }
        if (blankToNull(param.apply("table")) == null) {
            if (blankToNull(param.apply("handle")) == null) {
                return new Invalid(ProtocolError.invalid("handle", "can't be blank when shape definition is missing"));
            }
            return new Valid(Optional.empty());
        }
        return definition(param, casts);
    }

    private record Casts(Replica replica, LogMode log, Map<String, String> params, Optional<List<String>> columns) {
    }

    private static Casts casts(Function<String, String> param, Iterable<String> names,
            Map<String, List<String>> errors) {
        Replica replica = Replica.DEFAULT;
        String replicaText = blankToNull(param.apply("replica"));
        if (replicaText != null) {
            switch (replicaText) {
                case "default" -> replica = Replica.DEFAULT;
                case "full" -> replica = Replica.FULL;
                default -> errors.put("replica", List.of("is invalid"));
            }
        }
        LogMode log = LogMode.FULL;
        String logText = blankToNull(param.apply("log"));
        if (logText != null) {
            switch (logText) {
                case "full" -> log = LogMode.FULL;
                case "changes_only" -> log = LogMode.CHANGES_ONLY;
                default -> errors.put("log", List.of("is invalid"));
            }
        }
        Map<String, String> params = new TreeMap<>();
        if (param.apply("params") != null) {
            errors.put("params", List.of("is invalid")); // only the bracket form is a map (§2.2)
        }
        for (String name : names) {
            if (name.startsWith("params[") && name.endsWith("]")) {
                params.put(name.substring("params[".length(), name.length() - 1), param.apply(name));
            }
        }
        Optional<List<String>> columns = Optional.empty();
        String columnsText = blankToNull(param.apply("columns"));
        if (columnsText != null) {
            try {
                columns = Optional.of(identifierList(columnsText));
            } catch (IllegalArgumentException e) {
                errors.put("columns", List.of(e.getMessage()));
            }
        }
        return new Casts(replica, log, params, columns);
    }

    private static Parsed definition(Function<String, String> param, Casts casts) {
        String tableText = blankToNull(param.apply("table"));
        if (tableText == null) {
            return new Invalid(ProtocolError.invalid("table", "can't be blank"));
        }
        String[] relation;
        try {
            relation = relation(tableText);
        } catch (IllegalArgumentException e) {
            return new Invalid(ProtocolError.invalid("table", e.getMessage()));
        }
        Optional<String> where = Optional.ofNullable(blankToNull(param.apply("where")));
        return new Valid(Optional.of(new ShapeDefinition(relation[0], relation[1], casts.columns(), casts.replica(),
                casts.log(), where, casts.params())));
    }

    /**
     * {@code foo} is {@code public.foo}; {@code sch.foo}; {@code "Sch"."Foo"}. Unquoted parts are lower-cased as
     * PostgreSQL does.
     *
     * @return schema and table
     * @throws IllegalArgumentException with the protocol's message
     */
    static String[] relation(String text) {
        List<String> parts = split(text, '.');
        if (parts.size() > 2) {
            throw new IllegalArgumentException("Invalid relation identifier, too many delimiters: " + text);
        }
        if (parts.size() == 1) {
            return new String[] { "public", identifier(parts.get(0)) };
        }
        return new String[] { identifier(parts.get(0)), identifier(parts.get(1)) };
    }

    /** A comma-separated list of identifiers; quoted ones keep their case and may hold commas. */
    static List<String> identifierList(String text) {
        List<String> names = new ArrayList<>();
        for (String part : split(text, ',')) {
            names.add(identifier(part));
        }
        return names;
    }

    /** One identifier, quoted or not. */
    static String identifier(String raw) {
        String text = raw.strip();
        String name;
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            String inner = text.substring(1, text.length() - 1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '"') {
                    if (i + 1 < inner.length() && inner.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        throw new IllegalArgumentException("Invalid identifier with unescaped quote: " + inner);
                    }
                }
                out.append(c);
            }
            name = out.toString();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Invalid zero-length delimited identifier");
            }
        } else {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("Invalid zero-length delimited identifier");
            }
            if (text.indexOf('"') >= 0) {
                throw new IllegalArgumentException("Invalid identifier with unescaped quote: " + text);
            }
            if (!isUnquotedIdentifier(text)) {
                throw new IllegalArgumentException("Invalid unquoted identifier contains special characters: " + text);
            }
            name = text.toLowerCase(Locale.ROOT);
        }
        if (name.length() > MAX_IDENTIFIER_LENGTH) {
            throw new IllegalArgumentException("Identifier is too long (max length is " + MAX_IDENTIFIER_LENGTH + ")");
        }
        return name;
    }

    private static boolean isUnquotedIdentifier(String text) {
        char first = text.charAt(0);
        if (!(Character.isLetter(first) || first == '_')) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }

    /** Splits on a delimiter outside double quotes ({@code ""} inside quotes is an escaped quote). */
    private static List<String> split(String text, char delimiter) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted; // an escaped "" toggles twice
            } else if (c == delimiter && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    /** {@code live_sse} casts unless its deprecated alias, read only when it is absent, is not a boolean (§2.1). */
    private static boolean liveSseCasts(Function<String, String> param) {
        if (param.apply("live_sse") != null) {
            return true;
        }
        String alias = param.apply("experimental_live_sse");
        if (alias == null) {
            return true;
        }
        switch (alias.strip()) {
            case "true", "1", "false", "0", "":
                return true;
            default:
                return false;
        }
    }

    /** Empty and whitespace-only values count as absent (§2.1). */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
