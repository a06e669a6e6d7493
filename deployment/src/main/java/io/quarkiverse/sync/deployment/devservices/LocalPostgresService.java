package io.quarkiverse.sync.deployment.devservices;

import io.quarkiverse.sync.localpg.LocalPostgres;
import io.quarkus.deployment.builditem.Startable;

/** The local PostgreSQL as a dev service whose start and stop Quarkus owns. */
final class LocalPostgresService implements Startable {

    private final LocalPostgres postgres;

    LocalPostgresService(LocalPostgres postgres) {
        this.postgres = postgres;
    }

    @Override
    public void start() {
        postgres.start();
    }

    @Override
    public String getConnectionInfo() {
        return postgres.jdbcUrl();
    }

    @Override
    public String getContainerId() {
        return null; // not a container
    }

    @Override
    public void close() {
        postgres.close();
    }

    String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    String reactiveUrl() {
        return postgres.reactiveUrl();
    }
}
