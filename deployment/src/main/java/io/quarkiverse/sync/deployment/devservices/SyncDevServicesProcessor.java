package io.quarkiverse.sync.deployment.devservices;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.quarkiverse.sync.deployment.SyncBuildTimeConfig;
import io.quarkiverse.sync.localpg.LocalPostgres;
import io.quarkiverse.sync.localpg.PostgresBinaries;
import io.quarkus.datasource.deployment.spi.DevServicesDatasourceConfigurationHandlerBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.DockerStatusBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Starts a throwaway local PostgreSQL for dev and test mode when the default datasource has no URL, so that
 * {@code quarkus:dev} and the test suite need neither a database of their own nor Docker.
 */
@BuildSteps(onlyIf = { IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class })
public class SyncDevServicesProcessor {

    private static final Logger LOG = Logger.getLogger(SyncDevServicesProcessor.class);
    private static final String DB_KIND = "postgresql";
    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final String REACTIVE_URL = "quarkus.datasource.reactive.url";

    @BuildStep
    void localPostgres(SyncBuildTimeConfig config, DockerStatusBuildItem docker, Capabilities capabilities,
            OutputTargetBuildItem target, BuildProducer<DevServicesResultBuildItem> services,
            BuildProducer<DevServicesDatasourceConfigurationHandlerBuildItem> datasourceHandlers) {
        SyncBuildTimeConfig.DevServices devServices = config.devservices();
        if (!devServices.enabled() || !defaultDatasourceWantsADevService()) {
            return;
        }
        Optional<PostgresBinaries> binaries = PostgresBinaries.locate(devServices.binDir().map(Path::of));
        if (binaries.isEmpty()) {
            // Without an explicit bin-dir, Docker is the other way to a database; an explicit one that is wrong is an error.
            if (devServices.binDir().isEmpty() && docker.isContainerRuntimeAvailable()) {
                LOG.info("No PostgreSQL server binaries found; leaving the datasource to Quarkus' container Dev Services");
                return;
            }
            throw new ConfigurationException("Quarkus Sync could not start a local PostgreSQL for dev/test mode: "
                    + devServices.binDir().map(dir -> "initdb, pg_ctl and postgres are not all in " + dir + ". ")
                            .orElse("no server binaries (initdb, pg_ctl, postgres) on PATH or under /usr/lib/postgresql/*/bin, and no Docker. ")
                    + PostgresBinaries.INSTALL_HINT + ". To turn this off: quarkus.sync.devservices.enabled=false.");
        }

        // Tells Quarkus' own datasource Dev Services that the default datasource is taken care of, so it does not
        // also try (and, without Docker, fail) to start a container.
        datasourceHandlers.produce(new DevServicesDatasourceConfigurationHandlerBuildItem(DB_KIND,
                (name, running) -> Map.of(), name -> Map.of(), name -> isDefault(name)));

        LocalPostgres postgres = LocalPostgres.builder()
                .binaries(binaries.get())
                .dataRoot(target.getOutputDirectory().resolve("quarkus-sync-postgres"))
                .settings(devServices.serverSettings())
                .build();
        Map<String, Function<LocalPostgresService, String>> urls = new HashMap<>();
        urls.put(JDBC_URL, LocalPostgresService::jdbcUrl);
        if (capabilities.isPresent(Capability.REACTIVE_PG_CLIENT)) {
            urls.put(REACTIVE_URL, LocalPostgresService::reactiveUrl);
        }
        services.produce(DevServicesResultBuildItem.owned()
                .feature("sync")
                .serviceName("local-postgresql")
                .serviceConfig(Map.of("bin-dir", binaries.get().binDir().toString(),
                        "server-settings", devServices.serverSettings()))
                .description("Local PostgreSQL (" + binaries.get().binDir() + ") with wal_level=logical")
                .config(Map.of("quarkus.datasource.db-kind", DB_KIND,
                        "quarkus.datasource.username", postgres.username(),
                        "quarkus.datasource.password", postgres.password()))
                .startable(() -> new LocalPostgresService(postgres))
                .configProvider(urls)
                .build());
    }

    /**
     * Only when nothing else decides: no URL configured, Quarkus' datasource Dev Services not explicitly switched on
     * or off, and the default datasource is (or may be) PostgreSQL.
     */
    private static boolean defaultDatasourceWantsADevService() {
        if (ConfigUtils.isAnyPropertyPresent(List.of(JDBC_URL, REACTIVE_URL))) {
            return false;
        }
        if (ConfigUtils.isAnyPropertyPresent(List.of("quarkus.datasource.devservices.enabled"))) {
            return false;
        }
        return ConfigUtils.getFirstOptionalValue(List.of("quarkus.datasource.db-kind"), String.class)
                .map(kind -> kind.equalsIgnoreCase(DB_KIND) || kind.equalsIgnoreCase("postgres")
                        || kind.equalsIgnoreCase("pgsql"))
                .orElse(true);
    }

    private static boolean isDefault(String datasourceName) {
        return datasourceName == null || "<default>".equals(datasourceName);
    }
}
