package io.quarkiverse.sync.runtime;

import org.postgresql.ds.PGSimpleDataSource;

import io.quarkiverse.sync.localpg.LocalPostgres;

/** Plain pgjdbc data sources for the tests and benchmarks that run the engine without Quarkus. */
public final class LocalDataSources {

    private LocalDataSources() {
    }

    /** Connections to a test's own PostgreSQL. */
    public static PGSimpleDataSource of(LocalPostgres pg) {
        return of(pg.jdbcUrl(), pg.username(), pg.password());
    }

    /** Connections to this URL (a child JVM gets the parent's PostgreSQL this way). */
    public static PGSimpleDataSource of(String jdbcUrl, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }
}
