package io.quarkiverse.sync.deployment;

import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.server.model.FixedHandlerChainCustomizer;
import org.jboss.resteasy.reactive.server.model.HandlerChainCustomizer;
import org.jboss.resteasy.reactive.server.processor.scanning.MethodScanner;

import io.quarkiverse.sync.SyncInterrupts;
import io.quarkiverse.sync.deployment.model.EntityModelReader;
import io.quarkiverse.sync.deployment.codegen.CompiledWhereClasses;
import io.quarkiverse.sync.deployment.codegen.WhereEvaluatorGenerator;
import io.quarkiverse.sync.runtime.CompiledWhereRecorder;
import io.quarkiverse.sync.runtime.EntityTables;
import io.quarkiverse.sync.runtime.ElectricApiRecorder;
import io.quarkiverse.sync.runtime.SyncRecorder;
import io.quarkiverse.sync.runtime.SyncShapeHandler;
import io.quarkiverse.sync.runtime.SyncShapeService;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.deployment.GeneratedClassGizmoAdaptor;
import io.quarkus.deployment.recording.RecorderContext;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.runtime.LaunchMode;
import io.quarkiverse.sync.runtime.SyncFixedConfig;
import io.quarkiverse.sync.runtime.SyncHealthCheck;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.quarkus.resteasy.reactive.server.spi.MethodScannerBuildItem;
import io.quarkus.resteasy.reactive.server.spi.ResumeOn404BuildItem;
import io.quarkus.vertx.http.runtime.RouteConstants;

class SyncProcessor {

    static final String FEATURE = "sync";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * In dev and test mode shape logs go under {@code target/}, and tests use a temporary slot: their database is
     * thrown away at the end anyway.
     */
    @BuildStep
    void devAndTestDefaults(LaunchModeBuildItem launchMode, OutputTargetBuildItem target,
            BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        LaunchMode mode = launchMode.getLaunchMode();
        if (mode == LaunchMode.DEVELOPMENT || mode == LaunchMode.TEST) {
            defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.sync.storage-dir",
                    target.getOutputDirectory().resolve("quarkus-sync-storage").toString()));
        }
        if (mode == LaunchMode.TEST) {
            defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.sync.replication.temporary-slot", "true"));
        }
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(SyncShapeService.class, SyncInterrupts.class)
                .setUnremovable().build();
    }

    /** Resource methods returning SyncShape get a handler that writes the protocol response in place of a body writer. */
    @BuildStep
    MethodScannerBuildItem syncShapeResults() {
        return new MethodScannerBuildItem(new MethodScanner() {
            @Override
            public List<HandlerChainCustomizer> scan(org.jboss.jandex.MethodInfo method,
                    org.jboss.jandex.ClassInfo actualEndpointClass, java.util.Map<String, Object> methodContext) {
                if (!returnsSyncShape(method.returnType())) {
                    return List.of();
                }
                // A Uni is awaited between the two rounds: its SyncShape is there only in the second.
                HandlerChainCustomizer.Phase phase = method.returnType().name().equals(SyncDotNames.SYNC_SHAPE)
                        ? HandlerChainCustomizer.Phase.AFTER_METHOD_INVOKE
                        : HandlerChainCustomizer.Phase.AFTER_METHOD_INVOKE_SECOND_ROUND;
                return List.of(new FixedHandlerChainCustomizer(new SyncShapeHandler(), phase));
            }
        });
    }

    /** {@code SyncShape}, or {@code Uni<SyncShape>}. */
    static boolean returnsSyncShape(org.jboss.jandex.Type type) {
        if (type.name().equals(SyncDotNames.SYNC_SHAPE)) {
            return true;
        }
        return type.kind() == org.jboss.jandex.Type.Kind.PARAMETERIZED_TYPE && type.name().equals(SyncDotNames.UNI)
                && type.asParameterizedType().arguments().size() == 1
                && type.asParameterizedType().arguments().get(0).name().equals(SyncDotNames.SYNC_SHAPE);
    }

    /**
     * Routes of the Electric API; plain (event-loop) routes: the handler moves reads to a worker itself. They are
     * registered in every application and answer only when {@code quarkus.sync.electric-api.enabled} is true at start,
     * so a packaged application can serve the API without a rebuild.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void electricApi(SyncFixedConfig config, ElectricApiRecorder recorder, BuildProducer<RouteBuildItem> routes,
            BuildProducer<ResumeOn404BuildItem> resumeOn404) {
        routes.produce(RouteBuildItem.builder().route(config.electricApi().path())
                .handler(recorder.shape()).build());
        routes.produce(RouteBuildItem.builder().route(config.electricApi().healthPath())
                .handler(recorder.health()).build());
        // The rest of Electric's router (/ and plain-text 404s), after every route of the application: quarkus-rest
        // hands on the requests none of its resources matches.
        routes.produce(RouteBuildItem.builder().orderedRoute("/", RouteConstants.ROUTE_ORDER_AFTER_DEFAULT)
                .handler(recorder.fallback(true)).build());
        String path = config.electricApi().path();
        int slash = path.lastIndexOf('/', path.length() - 2);
        if (slash > 0) {
            routes.produce(RouteBuildItem.builder()
                    .orderedRoute(path.substring(0, slash + 1) + "*", RouteConstants.ROUTE_ORDER_AFTER_DEFAULT)
                    .handler(recorder.fallback(false)).build());
        }
        resumeOn404.produce(new ResumeOn404BuildItem());
    }

    /** A readiness check, only when the application has SmallRye Health: the extension does not force it on anyone. */
    @BuildStep
    HealthBuildItem healthCheck(Capabilities capabilities, SyncBuildTimeConfig config) {
        if (!capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            return null;
        }
        return new HealthBuildItem(SyncHealthCheck.class.getName(), config.healthEnabled());
    }

    /**
     * Each distinct static where-clause becomes a generated evaluator class, registered at startup; the runtime uses
     * it when the clause's text and column types match, and the interpreter otherwise. The factories are created by
     * recorded bytecode, so native needs no reflection for them.
     */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void compiledWheres(List<StaticShapeBuildItem> shapes, CompiledWhereRecorder recorder, RecorderContext context,
            BuildProducer<GeneratedClassBuildItem> classes) {
        recorder.clear();
        for (WhereEvaluatorGenerator.Generated g : CompiledWhereClasses.generate(shapes,
                new GeneratedClassGizmoAdaptor(classes, true))) {
            recorder.register(g.key(), context.newInstance(g.factoryClass()));
        }
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem entityTables(EntityModelBuildItem model, SyncRecorder recorder) {
        return SyntheticBeanBuildItem.configure(EntityTables.class).scope(Singleton.class)
                .supplier(recorder.entityTables(model.model().tableNames(), ConfigProvider.getConfig()
                        .getOptionalValue(EntityModelReader.DEFAULT_SCHEMA_KEY, String.class).orElse("")))
                .done();
    }
}
