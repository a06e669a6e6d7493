package io.quarkiverse.sync.deployment.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkiverse.sync.deployment.StaticShapeBuildItem;
import io.quarkiverse.sync.deployment.model.EntityModel;
import io.quarkiverse.sync.deployment.scan.ShapeCall;
import io.quarkiverse.sync.runtime.where.WhereClause;
import io.quarkiverse.sync.runtime.where.WhereException;
import io.quarkiverse.sync.runtime.where.WhereSchema;

/**
 * Checks a shape known at build time against the entity model and the where-clause type checker. The outcome is the
 * {@link StaticShapeBuildItem} of a valid shape, the problems of an invalid one (one line each, prefixed with where the
 * shape was found), or why it can only be checked when served.
 */
public final class ShapeValidator {

    /** Texts tried for a parameter until one fits the type its context gives it (its value is not known yet). */
    private static final List<String> PARAM_SAMPLES = List.of("0", "true", "00000000-0000-0000-0000-000000000000",
            "2000-01-01 00:00:00+00", "00:00:00", "{}", "\\x00", "{\"a\": 0}", "a");
    private static final Pattern LOCATION = Pattern.compile("^At location (\\d+): (.*)$", Pattern.DOTALL);
    private static final String UNKNOWN_REFERENCE = "unknown reference ";

    /** What validation concluded. */
    public sealed interface Outcome permits Valid, Invalid, RunTime {
    }

    public record Valid(StaticShapeBuildItem shape) implements Outcome {
    }

    /** @param problems one line per problem, in the form the build prints */
    public record Invalid(List<String> problems) implements Outcome {
    }

    /** @param reason why the shape cannot be checked at build time */
    public record RunTime(String reason) implements Outcome {
    }

    private final EntityModel model;

    public ShapeValidator(EntityModel model) {
        this.model = model;
    }

    /** A shape from code: the values of its parameters are not known yet. */
    public Outcome validate(String location, ShapeCall call) {
        return validate(location, call, null);
    }

    /**
     * @param paramValues the parameters' text when known at build time (declarative shapes), else null
     */
    public Outcome validate(String location, ShapeCall call, List<String> paramValues) {
        if (!call.isStatic()) {
            return new RunTime(call.notConstant() + " is computed at run time");
        }
        EntityModel.Entity entity;
        if (call.entityClass() != null) {
            entity = model.byClass(call.entityClass()).orElse(null);
            if (entity == null) {
                String simple = call.entityClass().substring(call.entityClass().lastIndexOf('.') + 1);
                return new Invalid(List.of(location + ": SyncShape.of(" + simple + ".class): " + call.entityClass()
                        + " is not an @Entity class"));
            }
        } else {
            entity = model.byTable(call.schema(), call.table()).orElse(null);
            if (entity == null) {
                return new RunTime("no entity maps table " + qualified(call.schema(), call.table()));
            }
        }
        if (!entity.columnsKnown()) {
            return new RunTime("the columns of entity " + entity.simpleName() + " are not known at build time: "
                    + entity.unknownReason());
        }
        String onTable = " on table " + qualified(entity.schema(), entity.table()) + " (entity " + entity.simpleName()
                + ")";
        List<String> problems = new ArrayList<>();
        if (call.columns() != null) {
            String columns = "columns " + call.columns();
            for (String column : call.columns()) {
                if (entity.column(column).isEmpty()) {
                    problems.add(location + ": " + columns + ": unknown column " + column + onTable);
                }
            }
            for (String key : entity.primaryKey()) {
                if (!call.columns().contains(key)) {
                    problems.add(location + ": " + columns + ": primary key column " + key + " is missing" + onTable);
                }
            }
        }
        if (call.where() != null) {
            String where = "where \"" + call.where() + "\"";
            int highest = WhereParams.highest(call.where());
            if (call.paramCount() >= 0 && highest > call.paramCount()) {
                problems.add(location + ": " + where + ": uses $" + highest + " but the call passes "
                        + call.paramCount() + (call.paramCount() == 1 ? " parameter" : " parameters"));
            } else {
                String error;
                try {
                    error = whereError(call.where(), entity, Math.max(highest, call.paramCount()), paramValues);
                } catch (CannotCheck e) {
                    return new RunTime(e.getMessage());
                }
                if (error != null) {
                    problems.add(location + ": " + where + ": " + error + onTable);
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        return new Valid(new StaticShapeBuildItem(location, entity.schema(), entity.table(), call.entityClass(),
                call.where(), call.paramCount(), entity.columnTypes(), entity.enumColumns()));
    }

    /** The checker's complaint about the where-clause, or null when it compiles. */
    private static String whereError(String where, EntityModel.Entity entity, int paramCount, List<String> values)
            throws CannotCheck {
        WhereSchema.Builder schema = WhereSchema.builder();
        entity.columns().forEach(c -> {
            if (c.type() != null) {
                schema.column(c.name(), c.type());
            }
        });
        WhereSchema built = schema.build();
        Map<Integer, Integer> paramAt = WhereParams.positions(where);
        int[] sample = new int[paramCount];
        while (true) {
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < paramCount; i++) {
                params.put(Integer.toString(i + 1), values != null ? values.get(i) : PARAM_SAMPLES.get(sample[i]));
            }
            try {
                WhereClause.compile(where, built, params);
                return null;
            } catch (WhereException e) {
                Matcher m = LOCATION.matcher(e.getMessage());
                if (!m.matches()) {
                    return e.getMessage();
                }
                String reason = m.group(2);
                if (reason.startsWith(UNKNOWN_REFERENCE)) {
                    String name = reason.substring(UNKNOWN_REFERENCE.length());
                    String unquoted = name.startsWith("\"") ? name.substring(1, name.length() - 1) : name;
                    if (entity.column(unquoted).isPresent()) {
                        throw new CannotCheck("the type of column " + unquoted + " of entity " + entity.simpleName()
                                + " is not known at build time");
                    }
                    return "unknown column " + name;
                }
                Integer param = paramAt.get(Integer.parseInt(m.group(1)));
                if (param == null || param > paramCount || values != null) {
                    return e.getMessage();
                }
                // The sample text did not fit the parameter's type: the value is only known at run time
                if (++sample[param - 1] >= PARAM_SAMPLES.size()) {
                    throw new CannotCheck("no sample value fits $" + param + " (" + reason + ")");
                }
            }
        }
    }

    private static String qualified(String schema, String table) {
        return schema.equals("public") ? table : schema + "." + table;
    }

    private static final class CannotCheck extends Exception {
        CannotCheck(String why) {
            super(why, null, false, false);
        }
    }
}
