package io.quarkiverse.sync.deployment.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.quarkiverse.sync.deployment.DeclarativeShapeBuildItem;
import io.quarkiverse.sync.deployment.SyncBuildTimeConfig;
import io.quarkiverse.sync.deployment.model.EntityModel;
import io.quarkiverse.sync.deployment.scan.ShapeCall;

/**
 * Checks the shapes of {@code quarkus.sync.shapes."<name>"}: the settings themselves, then the shape as a code shape
 * is checked, with the parameters' actual values.
 */
public final class DeclarativeShapes {

    /** What became of one declarative shape. */
    public record Checked(String location, ShapeValidator.Outcome outcome, DeclarativeShapeBuildItem route) {
    }

    private final EntityModel model;
    private final ShapeValidator validator;

    public DeclarativeShapes(EntityModel model) {
        this.model = model;
        this.validator = new ShapeValidator(model);
    }

    public static String location(String name) {
        return "quarkus.sync.shapes.\"" + name + "\"";
    }

    public Checked check(String name, SyncBuildTimeConfig.DeclarativeShape shape) {
        String location = location(name);
        List<String> problems = new ArrayList<>();
        String path = shape.path();
        if (!path.startsWith("/")) {
            problems.add(location + ": path \"" + path + "\" must start with /");
        }
        String replica = constant(shape.replica(), List.of("DEFAULT", "FULL"));
        if (replica == null) {
            problems.add(location + ": replica \"" + shape.replica() + "\" must be default or full");
        }
        String log = constant(shape.log(), List.of("FULL", "CHANGES_ONLY"));
        if (log == null) {
            problems.add(location + ": log \"" + shape.log() + "\" must be full or changes_only");
        }
        ShapeCall call = null;
        if (shape.table().isPresent() == shape.entity().isPresent()) {
            problems.add(location + ": set exactly one of table and entity");
        } else if (shape.entity().isPresent()) {
            Optional<EntityModel.Entity> entity = entity(shape.entity().get());
            if (entity.isEmpty()) {
                problems.add(location + ": entity " + shape.entity().get() + ": no @Entity class has this name");
            } else {
                call = ShapeCall.ofEntity(entity.get().className());
            }
        } else {
            call = ShapeCall.ofTable(shape.schema(), shape.table().get());
        }
        if (!problems.isEmpty()) {
            return new Checked(location, new ShapeValidator.Invalid(problems), null);
        }
        List<String> params = shape.params().orElse(List.of());
        if (shape.where().isPresent()) {
            call = call.withWhere(shape.where().get(), params.size());
        } else if (!params.isEmpty()) {
            return new Checked(location, new ShapeValidator.Invalid(List.of(location + ": params are set but where is not")),
                    null);
        }
        if (shape.columns().isPresent()) {
            call = call.withColumns(shape.columns().get());
        }
        ShapeValidator.Outcome outcome = validator.validate(location, call, params);
        if (outcome instanceof ShapeValidator.Invalid) {
            return new Checked(location, outcome, null);
        }
        String schema = call.schema();
        String table = call.table();
        if (call.entityClass() != null) {
            EntityModel.Entity entity = model.byClass(call.entityClass()).orElseThrow();
            schema = entity.schema();
            table = entity.table();
        }
        return new Checked(location, outcome, new DeclarativeShapeBuildItem(name, path, schema, table,
                shape.columns().orElse(null), shape.where().orElse(null), params, replica, log));
    }

    /** By fully qualified name, or by simple name when it is unique. */
    private Optional<EntityModel.Entity> entity(String name) {
        Optional<EntityModel.Entity> exact = model.byClass(name);
        if (exact.isPresent()) {
            return exact;
        }
        List<EntityModel.Entity> bySimpleName = model.entities().values().stream()
                .filter(e -> e.simpleName().equals(name)).collect(Collectors.toList());
        return bySimpleName.size() == 1 ? Optional.of(bySimpleName.get(0)) : Optional.empty();
    }

    /** {@code changes_only}, {@code changes-only} or {@code CHANGES_ONLY} → {@code CHANGES_ONLY}; null if none fits. */
    private static String constant(String value, List<String> constants) {
        String normal = value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        return constants.contains(normal) ? normal : null;
    }
}
