package io.quarkiverse.sync.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.logging.Logger;

import io.quarkiverse.sync.deployment.model.EntityModel;
import io.quarkiverse.sync.deployment.model.EntityModelReader;
import io.quarkiverse.sync.deployment.scan.ShapeCall;
import io.quarkiverse.sync.deployment.scan.ShapeScanner;
import io.quarkiverse.sync.deployment.validation.DeclarativeShapes;
import io.quarkiverse.sync.deployment.validation.ResourcePaths;
import io.quarkiverse.sync.deployment.validation.ShapeValidator;
import io.quarkiverse.sync.runtime.SyncRecorder;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;

/**
 * Build-time validation of shapes: those the resource methods build (found with Jandex, their constant arguments read
 * from the bytecode with ASM) and the declarative ones of {@code quarkus.sync.shapes}, checked against the entity model
 * and the where-clause type checker. Problems stop the build, one line each; shapes built from run-time values are
 * reported once as validated at run time.
 */
class ShapeValidationProcessor {

    private static final Logger LOG = Logger.getLogger(ShapeValidationProcessor.class);
    private static final List<DotName> HTTP_METHODS = List.of(DotName.createSimple("jakarta.ws.rs.GET"),
            DotName.createSimple("jakarta.ws.rs.POST"), DotName.createSimple("jakarta.ws.rs.PUT"),
            DotName.createSimple("jakarta.ws.rs.DELETE"), DotName.createSimple("jakarta.ws.rs.PATCH"),
            DotName.createSimple("jakarta.ws.rs.HEAD"), DotName.createSimple("jakarta.ws.rs.OPTIONS"),
            DotName.createSimple("jakarta.ws.rs.Path"));

    @BuildStep
    EntityModelBuildItem entityModel(CombinedIndexBuildItem index) {
        Optional<String> naming = ConfigProvider.getConfig().getOptionalValue(
                "quarkus.hibernate-orm.physical-naming-strategy", String.class);
        Optional<String> defaultSchema = ConfigProvider.getConfig().getOptionalValue(
                EntityModelReader.DEFAULT_SCHEMA_KEY, String.class);
        return new EntityModelBuildItem(new EntityModelReader(index.getIndex(), naming, defaultSchema).read());
    }

    @BuildStep
    ValidatedShapesBuildItem validate(CombinedIndexBuildItem index, EntityModelBuildItem entityModel,
            SyncBuildTimeConfig config, BuildProducer<StaticShapeBuildItem> statics,
            BuildProducer<DeclarativeShapeBuildItem> declarative) {
        EntityModel model = entityModel.model();
        ShapeValidator validator = new ShapeValidator(model);
        List<String> problems = new ArrayList<>();
        for (MethodInfo method : resourceMethods(index.getIndex())) {
            String location = method.declaringClass().simpleName() + "#" + method.name() + "()";
            ShapeScanner.Result found = scan(method);
            Set<String> runTime = new LinkedHashSet<>();
            if (found.unresolved() > 0 || found.shapes().isEmpty()) {
                runTime.add("it is built in code the scan does not follow");
            }
            for (ShapeCall call : found.shapes()) {
                ShapeValidator.Outcome outcome = validator.validate(location, call);
                if (outcome instanceof ShapeValidator.Valid valid) {
                    statics.produce(valid.shape());
                } else if (outcome instanceof ShapeValidator.Invalid invalid) {
                    problems.addAll(invalid.problems());
                } else {
                    runTime.add(((ShapeValidator.RunTime) outcome).reason());
                }
            }
            if (!runTime.isEmpty()) {
                LOG.info(location + ": shape validated at run time (" + String.join("; ", runTime) + ")");
            }
        }
        DeclarativeShapes shapes = new DeclarativeShapes(model);
        ResourcePaths resources = new ResourcePaths(index.getIndex(),
                ConfigProvider.getConfig().getOptionalValue("quarkus.rest.path", String.class));
        Map<String, String> paths = new LinkedHashMap<>();
        config.shapes().forEach((name, shape) -> {
            DeclarativeShapes.Checked checked = shapes.check(name, shape);
            if (checked.outcome() instanceof ShapeValidator.Invalid invalid) {
                problems.addAll(invalid.problems());
                return;
            }
            String other = paths.put(shape.path(), name);
            if (other != null) {
                problems.add(checked.location() + ": path " + shape.path() + " is already the path of "
                        + DeclarativeShapes.location(other));
                return;
            }
            List<ResourcePaths.Served> taken = resources.serving(shape.path());
            if (!taken.isEmpty()) {
                // The shape's route would answer before the resource method: make the clash an error, not a surprise.
                problems.add(checked.location() + ": path " + shape.path() + " is also served by " + taken.stream()
                        .map(s -> s.location() + " (" + s.method() + " " + s.template() + ")")
                        .collect(java.util.stream.Collectors.joining(", ")));
                return;
            }
            if (checked.outcome() instanceof ShapeValidator.Valid valid) {
                statics.produce(valid.shape());
            } else {
                LOG.info(checked.location() + ": shape validated at run time ("
                        + ((ShapeValidator.RunTime) checked.outcome()).reason() + ")");
            }
            declarative.produce(checked.route());
        });
        if (!problems.isEmpty()) {
            throw new ShapeValidationException(problems);
        }
        return new ValidatedShapesBuildItem();
    }

    /** Each declarative shape gets a route that serves it like a resource method returning it would. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void declarativeRoutes(ValidatedShapesBuildItem validated, List<DeclarativeShapeBuildItem> shapes,
            SyncRecorder recorder, BuildProducer<RouteBuildItem> routes) {
        for (DeclarativeShapeBuildItem shape : shapes) {
            routes.produce(RouteBuildItem.builder().route(shape.path())
                    .handler(recorder.declarativeShape(shape.schema(), shape.table(),
                            shape.columns() == null ? null : new ArrayList<>(shape.columns()), shape.where(),
                            new ArrayList<>(shape.params()), shape.replica(), shape.log()))
                    .build());
        }
    }

    /** The application's resource methods that return {@code SyncShape} or {@code Uni<SyncShape>}. */
    private static Set<MethodInfo> resourceMethods(IndexView index) {
        Set<MethodInfo> methods = new LinkedHashSet<>();
        for (DotName annotation : HTTP_METHODS) {
            for (AnnotationInstance instance : index.getAnnotations(annotation)) {
                if (instance.target().kind() == AnnotationTarget.Kind.METHOD
                        && SyncProcessor.returnsSyncShape(instance.target().asMethod().returnType())) {
                    methods.add(instance.target().asMethod());
                }
            }
        }
        return methods;
    }

    private static ShapeScanner.Result scan(MethodInfo method) {
        String resource = method.declaringClass().name().toString().replace('.', '/') + ".class";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return new ShapeScanner.Result(List.of(), 1);
            }
            return new ShapeScanner(in.readAllBytes()).scan(method.name(), method.descriptor());
        } catch (IOException e) {
            return new ShapeScanner.Result(List.of(), 1);
        }
    }
}
