package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sync.runtime.SyncShapeService;

/**
 * Gives each test a fresh todos shape holding known rows: TRUNCATE invalidates the current shape (through
 * replication, so we wait for it), then the rows are written before the next request creates the new shape.
 */
final class TodoFixture {

    private TodoFixture() {
    }

    static void reset(AgroalDataSource dataSource, SyncShapeService sync, String insertSql) throws Exception {
        String handle = given().get("/todos/shape?offset=-1").header("electric-handle");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE todos");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sync.engine().byHandle(handle).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the shape was not invalidated by TRUNCATE");
            }
            Thread.sleep(10);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(insertSql);
        }
    }
}
