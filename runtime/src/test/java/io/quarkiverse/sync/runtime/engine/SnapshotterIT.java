package io.quarkiverse.sync.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.localpg.LocalPostgres;
import io.quarkiverse.sync.runtime.pg.Catalog;
import io.quarkiverse.sync.runtime.pg.TableSchema;

class SnapshotterIT {

    private static LocalPostgres pg;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-snapshotter")).build().start();
        connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
        try (Statement s = connection.createStatement()) {
            s.execute("""
                    CREATE TABLE all_types (
                      id int4 PRIMARY KEY, i2 int2, i8 int8, num numeric(5,3), f8 float8, b bool, t text,
                      vc varchar(8), ch char(5), u uuid, by bytea, d date, tm time, ts timestamp(3), tstz timestamptz,
                      iv interval, j json, jb jsonb, arr int4[], tarr text[], inet_col inet)
                    """);
            s.execute("""
                    INSERT INTO all_types VALUES
                      (1, -32768, 9223372036854775807, 12.5, 1.1, true, 'quote " back\\slash
                    newline', 'ab', 'ab', 'F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6', '\\xdeadbeef', '2024-02-29',
                       '13:45:01.5', '2024-02-29 13:45:01.123', '2024-02-29 13:45:01.123456+02',
                       '1 year 2 months 3 days 04:05:06.5', '{"a": 1,  "b":[1,2]}', '{"b":[1,2], "a": 1}',
                       '{1,NULL,3}', '{"a b","c,d",NULL,"e\\"f",""}', '192.168.0.1'),
                      (2, NULL, NULL, 'NaN', '-Infinity', false, '', NULL, NULL, NULL, NULL, '0044-03-15 BC', NULL, NULL,
                       '-infinity', '-1 day', NULL, NULL, '{{1,2},{3,4}}', NULL, NULL)
                    """);
            s.execute("CREATE TABLE \"Mixed Case\" (\"Key\" text PRIMARY KEY, \"has,comma\" text)");
            s.execute("INSERT INTO \"Mixed Case\" VALUES ('k/1', 'v')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        pg.close();
    }

    private static Shape shape(ShapeDefinition definition) throws Exception {
        TableSchema table = Catalog.table(connection, definition.schema(), definition.table())
                .orElseThrow(() -> new ShapeDefinitionException("table", ShapeColumns.tableMissing(definition)));
        return Shape.of("1-1", definition, table);
    }

    private static List<String> snapshot(ShapeDefinition definition, List<String> sink) throws Exception {
        Shape shape = shape(definition);
        Snapshotter.Visibility visibility = Snapshotter.run(connection, shape, sink::add);
        sink.add(visibility.snapshotEndMessage());
        return sink;
    }

    private static ShapeDefinition all(String table) {
        return new ShapeDefinition("public", table, Optional.empty(), Replica.DEFAULT, LogMode.FULL);
    }

    @Test
    void valuesAreTheTypeOutputTextUnderTheProtocolsSessionSettings() throws Exception {
        List<String> messages = snapshot(all("all_types"), new ArrayList<>());
        assertThat(messages).hasSize(3);
        String first = messages.get(0);
        assertThat(first).startsWith("{\"key\":\"\\\"public\\\".\\\"all_types\\\"/\\\"1\\\"\",\"value\":{\"id\":\"1\",");
        assertThat(first).contains("\"i2\":\"-32768\"", "\"i8\":\"9223372036854775807\"", "\"num\":\"12.500\"",
                "\"f8\":\"1.1\"", "\"b\":\"t\"", "\"t\":\"quote \\\" back\\\\slash\\nnewline\"", "\"vc\":\"ab\"",
                "\"ch\":\"ab   \"", "\"u\":\"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\"", "\"by\":\"\\\\xdeadbeef\"",
                "\"d\":\"2024-02-29\"", "\"tm\":\"13:45:01.5\"", "\"ts\":\"2024-02-29 13:45:01.123\"",
                "\"tstz\":\"2024-02-29 11:45:01.123456+00\"", "\"iv\":\"P1Y2M3DT4H5M6.5S\"",
                "\"j\":\"{\\\"a\\\": 1,  \\\"b\\\":[1,2]}\"", "\"jb\":\"{\\\"a\\\": 1, \\\"b\\\": [1, 2]}\"",
                "\"arr\":\"{1,NULL,3}\"", "\"tarr\":\"{\\\"a b\\\",\\\"c,d\\\",NULL,\\\"e\\\\\\\"f\\\",\\\"\\\"}\"",
                "\"inet_col\":\"192.168.0.1\"");
        assertThat(first).endsWith("\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"all_types\"]}}");
        String second = messages.get(1);
        assertThat(second).contains("\"i2\":null", "\"num\":\"NaN\"", "\"f8\":\"-Infinity\"", "\"b\":\"f\"", "\"t\":\"\"",
                "\"d\":\"0044-03-15 BC\"", "\"tstz\":\"-infinity\"", "\"iv\":\"P-1D\"", "\"arr\":\"{{1,2},{3,4}}\"");
        assertThat(messages.get(2)).matches("\\{\"headers\":\\{\"control\":\"snapshot-end\",\"xmin\":\"\\d+\","
                + "\"xmax\":\"\\d+\",\"xip_list\":\\[]}}");
    }

    @Test
    void selectedColumnsAndQuotedNames() throws Exception {
        ShapeDefinition definition = new ShapeDefinition("public", "Mixed Case", Optional.of(List.of("Key")),
                Replica.DEFAULT, LogMode.FULL);
        List<String> messages = snapshot(definition, new ArrayList<>());
        assertThat(messages.get(0)).isEqualTo("{\"key\":\"\\\"public\\\".\\\"Mixed Case\\\"/\\\"k//1\\\"\","
                + "\"value\":{\"Key\":\"k/1\"},\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"Mixed Case\"]}}");
    }

    @Test
    void changesOnlyShapesHaveNoRowsButStillASnapshotEnd() throws Exception {
        ShapeDefinition definition = new ShapeDefinition("public", "all_types", Optional.empty(), Replica.DEFAULT,
                LogMode.CHANGES_ONLY);
        List<String> messages = snapshot(definition, new ArrayList<>());
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).contains("snapshot-end");
    }

    @Test
    void aTransactionInFlightAppearsInTheSnapshotsXipList() throws Exception {
        try (Connection other = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
            other.setAutoCommit(false);
            long xid;
            try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_xact_id()::text")) {
                rs.next();
                xid = Long.parseLong(rs.getString(1));
            }
            // A later transaction commits, so the open one falls below xmax and is listed as in progress.
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_current_xact_id()");
            }
            List<String> messages = snapshot(all("Mixed Case"), new ArrayList<>());
            assertThat(messages.get(messages.size() - 1)).contains("\"xip_list\":[\"" + xid + "\"]")
                    .contains("\"xmin\":\"" + xid + "\"");
            other.rollback();
        }
    }

    @Test
    void definitionErrorsUseTheProtocolsWording() {
        assertThatThrownBy(() -> shape(all("nonexistent")))
                .isInstanceOf(ShapeDefinitionException.class)
                .hasMessage("Table \"public\".\"nonexistent\" does not exist. If the table name contains capitals or "
                        + "special characters you must quote it.");
        assertThatThrownBy(() -> shape(new ShapeDefinition("public", "all_types",
                Optional.of(List.of("t", "nope", "nah")), Replica.DEFAULT, LogMode.FULL)))
                .hasMessage("The following columns are not found on the table: nope, nah");
        assertThatThrownBy(() -> shape(new ShapeDefinition("public", "all_types",
                Optional.of(List.of("t")), Replica.DEFAULT, LogMode.FULL)))
                .hasMessage("The list of columns must include all primary key columns, missing: id");
    }
}
