package io.quarkiverse.sync.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.quarkiverse.sync.runtime.LocalDataSources;
import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.localpg.LocalPostgres;
import static io.quarkiverse.sync.runtime.engine.LogReads.changes;
import static io.quarkiverse.sync.runtime.engine.LogReads.everything;
import io.quarkiverse.sync.runtime.protocol.LogOffset;
import io.quarkiverse.sync.runtime.storage.Page;
import io.quarkiverse.sync.runtime.storage.ShapeLog;

/** The engine against a real PostgreSQL and real pgoutput: snapshot, changes, invalidation, restart. */
class SyncEngineIT {

    private static LocalPostgres pg;
    private static PGSimpleDataSource dataSource;
    private static int tableCounter;

    private final List<SyncEngine> engines = new ArrayList<>();
    private Path storage;

    @BeforeAll
    static void startPostgres() {
        pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-engine")).build().start();
        dataSource = LocalDataSources.of(pg);
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(SyncEngine::close);
    }

    private SyncEngine engine(String slot, boolean temporary, long chunkBytes) throws Exception {
        if (storage == null) {
            storage = Files.createTempDirectory(Path.of("target"), "engine-storage");
        }
        SyncEngine engine = new SyncEngine(new EngineConfig(pg.jdbcUrl(), pg.username(), pg.password(), storage,
                chunkBytes, slot, temporary, "pub_" + slot, Duration.ofMillis(50)), dataSource);
        engine.start();
        engines.add(engine);
        return engine;
    }

    private SyncEngine engine() throws Exception {
        return engine("slot_" + (++tableCounter), true, 10 * 1024 * 1024);
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static String newTable(String columns) throws SQLException {
        String name = "t" + (++tableCounter);
        sql("CREATE TABLE " + name + " (" + columns + ")");
        return name;
    }

    private static ShapeDefinition all(String table) {
        return new ShapeDefinition("public", table, Optional.empty(), Replica.DEFAULT, LogMode.FULL);
    }

    private static ActiveShape shape(SyncEngine engine, ShapeDefinition definition) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            ActiveShape shape = engine.shape(definition, c);
            shape.snapshotDone().get(30, TimeUnit.SECONDS);
            return shape;
        }
    }




    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    private static void await(String what, BooleanSupplier condition, java.util.function.Supplier<Object> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; state: " + state.get());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void snapshotThenChangesWithIdenticalKeysAndValuesOnBothPaths() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY, flag bool, ts timestamptz, note text");
        sql("INSERT INTO " + table + " VALUES (1, true, '2024-02-29 13:45:01.123456+02', 'before')");
        ActiveShape shape = shape(engine, all(table));
        sql("INSERT INTO " + table + " VALUES (2, true, '2024-02-29 13:45:01.123456+02', 'after')");
        await("the insert", () -> changes(shape.log()).size() == 1);

        List<String> messages = everything(shape.log());
        assertThat(messages).hasSize(3);
        String snapshotRow = messages.get(0);
        String snapshotEnd = messages.get(1);
        String replicated = messages.get(2);
        assertThat(snapshotRow).isEqualTo("{\"key\":\"\\\"public\\\".\\\"" + table + "\\\"/\\\"1\\\"\",\"value\":"
                + "{\"id\":\"1\",\"flag\":\"t\",\"ts\":\"2024-02-29 11:45:01.123456+00\",\"note\":\"before\"},"
                + "\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"" + table + "\"]}}");
        assertThat(snapshotEnd).contains("\"control\":\"snapshot-end\"");
        assertThat(replicated).startsWith("{\"key\":\"\\\"public\\\".\\\"" + table + "\\\"/\\\"2\\\"\",\"value\":"
                + "{\"id\":\"2\",\"flag\":\"t\",\"ts\":\"2024-02-29 11:45:01.123456+00\",\"note\":\"after\"},"
                + "\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"" + table + "\"],\"txids\":[");
        assertThat(replicated).matches(".*\"lsn\":\"\\d+\",\"op_position\":0,\"last\":true}}");
        LogOffset last = shape.log().lastOffset();
        assertThat(replicated).contains("\"lsn\":\"" + Long.toUnsignedString(last.txOffset()) + "\"");
        assertThat(engine.lastSeenLsn()).isEqualTo(last.txOffset());
    }

    /** Every value type of protocol §4.5, in the primary key too (bool, inet): identical text on both paths. */
    @Test
    void everyTypeHasTheSameTextAndKeyOnTheSnapshotAndTheReplicationPath() throws Exception {
        SyncEngine engine = engine();
        sql("DROP TYPE IF EXISTS mood", "CREATE TYPE mood AS ENUM ('happy', 'sad')");
        String table = newTable("id int, flag bool, addr inet, i2 int2, i8 int8, num numeric(5,3), f4 float4, "
                + "f8 float8, t text, vc varchar(8), ch char(5), u uuid, by bytea, d date, tm time, tz timetz, "
                + "ts timestamp(3), tstz timestamptz, iv interval, j json, jb jsonb, arr int4[], tarr text[], "
                + "m mood, bits bit(4), vb varbit, pt point, rng int4range, cash money, "
                + "PRIMARY KEY (id, flag, addr)");
        String values = "true, '192.168.0.1', -32768, 9223372036854775807, 12.5, 1.5, 0.1, 'quote \" back\\slash "
                + "ünïcode ✓', 'ab', 'ab', 'F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6', '\\xdeadbeef', '0044-03-15 BC', "
                + "'13:45:01.5', '13:45:01+02', '2024-02-29 13:45:01.123', '2024-02-29 13:45:01.123456+02', "
                + "'1 year 2 months 3 days 04:05:06.5', '{\"a\": 1,  \"b\":[1,2]}', '{\"b\":[1,2], \"a\": 1}', "
                + "'{1,NULL,3}', '{\"a b\",\"c,d\",NULL,\"e\\\"f\",\"\"}', 'happy', B'1010', B'101', "
                + "'(1.5,2)', '[1,5)', 12.34";
        sql("INSERT INTO " + table + " VALUES (1, " + values + ")");
        ActiveShape shape = shape(engine, all(table));
        sql("INSERT INTO " + table + " VALUES (2, " + values + ")");
        sql("UPDATE " + table + " SET t = t || '!' WHERE id = 1");
        await("insert and update", () -> changes(shape.log()).size() == 2);

        String snapshotRow = everything(shape.log()).get(0);
        List<String> changes = changes(shape.log());
        String replicatedInsert = changes.get(0);
        String replicatedUpdate = changes.get(1);
        String snapshotValue = valueOf(snapshotRow);
        assertThat(valueOf(replicatedInsert)).isEqualTo(snapshotValue.replace("{\"id\":\"1\"", "{\"id\":\"2\""));
        assertThat(keyOf(snapshotRow)).isEqualTo(
                "\"public\".\"" + table + "\"/\"1\"/\"t\"/\"192.168.0.1\"");
        assertThat(keyOf(replicatedUpdate)).as("the update of the snapshot row has the snapshot row's key")
                .isEqualTo(keyOf(snapshotRow));
        assertThat(snapshotValue).contains("\"flag\":\"t\"", "\"addr\":\"192.168.0.1\"", "\"f4\":\"1.5\"",
                "\"tz\":\"13:45:01+02\"", "\"m\":\"happy\"", "\"bits\":\"1010\"", "\"vb\":\"101\"",
                "\"pt\":\"(1.5,2)\"", "\"rng\":\"[1,5)\"", "\"cash\":\"$12.34\"", "\"ch\":\"ab   \"",
                "\"tstz\":\"2024-02-29 11:45:01.123456+00\"", "\"iv\":\"P1Y2M3DT4H5M6.5S\"");
    }

    private static String valueOf(String message) {
        Matcher m = Pattern.compile("\"value\":(\\{.*?}),\"headers\"").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return m.group(1);
    }

    private static String keyOf(String message) {
        Matcher m = Pattern.compile("^\\{\"key\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return m.group(1).replace("\\\"", "\"");
    }

    @Test
    void insertsUpdatesAndDeletesInOneAndInManyTransactions() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY, title text, done bool");
        ActiveShape shape = shape(engine, all(table));
        sql("BEGIN", "INSERT INTO " + table + " VALUES (1, 'a', false)", "INSERT INTO " + table + " VALUES (2, 'b', false)",
                "UPDATE " + table + " SET done = true WHERE id = 1", "COMMIT");
        sql("UPDATE " + table + " SET title = 'bb' WHERE id = 2");
        sql("DELETE FROM " + table + " WHERE id = 1");
        sql("UPDATE " + table + " SET title = title WHERE id = 2"); // changes nothing: dropped
        await("five entries", () -> changes(shape.log()).size() >= 5,
                () -> engine.replicationFailure().<Object> map(Throwable::toString).orElse(changes(shape.log())));
        assertThat(changes(shape.log())).hasSize(5);

        List<String> changes = changes(shape.log());
        assertThat(changes.get(0)).contains("\"operation\":\"insert\"").endsWith("\"op_position\":0}}");
        assertThat(changes.get(1)).contains("\"operation\":\"insert\"", "\"op_position\":2").doesNotContain("\"last\"");
        assertThat(changes.get(2)).contains("\"operation\":\"update\"", "\"value\":{\"id\":\"1\",\"done\":\"t\"}",
                "\"op_position\":4,\"last\":true");
        assertThat(changes.get(3)).contains("\"operation\":\"update\"", "\"value\":{\"id\":\"2\",\"title\":\"bb\"}",
                "\"op_position\":0,\"last\":true");
        assertThat(changes.get(4)).contains("\"operation\":\"delete\"", "\"value\":{\"id\":\"1\"}");
        // one transaction, one LSN and xid; the next transactions later
        assertThat(lsnOf(changes.get(0))).isEqualTo(lsnOf(changes.get(2)));
        assertThat(Long.parseUnsignedLong(lsnOf(changes.get(3)))).isGreaterThan(Long.parseUnsignedLong(lsnOf(changes.get(2))));
    }

    @Test
    void replicaFullAndPrimaryKeyChanges() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY, title text");
        sql("INSERT INTO " + table + " VALUES (1, 'a')");
        ActiveShape full = shape(engine,
                new ShapeDefinition("public", table, Optional.empty(), Replica.FULL, LogMode.FULL));
        ActiveShape standard = shape(engine, all(table));
        sql("UPDATE " + table + " SET title = 'b' WHERE id = 1");
        sql("UPDATE " + table + " SET id = 2 WHERE id = 1");
        sql("DELETE FROM " + table);
        await("full", () -> changes(full.log()).size() == 4);
        await("default", () -> changes(standard.log()).size() == 4);

        List<String> f = changes(full.log());
        assertThat(f.get(0)).contains("\"value\":{\"id\":\"1\",\"title\":\"b\"},\"old_value\":{\"title\":\"a\"}");
        assertThat(f.get(1)).contains("\"operation\":\"delete\"", "\"key_change_to\":", "\"op_position\":0")
                .contains("\"value\":{\"id\":\"1\",\"title\":\"b\"}");
        assertThat(f.get(2)).contains("\"operation\":\"insert\"", "\"key_change_from\":", "\"op_position\":1,")
                .contains("\"last\":true");
        assertThat(f.get(3)).contains("\"operation\":\"delete\"", "\"value\":{\"id\":\"2\",\"title\":\"b\"}");
        List<String> d = changes(standard.log());
        assertThat(d.get(0)).contains("\"value\":{\"id\":\"1\",\"title\":\"b\"}").doesNotContain("old_value");
        assertThat(d.get(3)).contains("\"value\":{\"id\":\"2\"}");
    }

    @Test
    void aSnapshotTakenWhileAnotherTransactionIsOpenLosesAndDoublesNothing() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY");
        // Set beforehand: REPLICA IDENTITY would wait for the open transaction below (see the lock timeout test).
        sql("ALTER TABLE " + table + " REPLICA IDENTITY FULL", "INSERT INTO " + table + " VALUES (1)");
        try (Connection open = dataSource.getConnection(); Statement s = open.createStatement()) {
            open.setAutoCommit(false);
            s.execute("INSERT INTO " + table + " VALUES (2)"); // in flight during the snapshot
            sql("INSERT INTO " + table + " VALUES (3)"); // committed before it
            ActiveShape shape = shape(engine, all(table));
            sql("INSERT INTO " + table + " VALUES (4)"); // committed after it
            open.commit();
            await("both later rows", () -> changes(shape.log()).size() == 2);
            List<String> keys = everything(shape.log()).stream().filter(m -> m.startsWith("{\"key\""))
                    .map(m -> m.replaceAll(".*?/\\\\\"(\\d+)\\\\\"\".*", "$1")).sorted().toList();
            assertThat(keys).containsExactly("1", "2", "3", "4");
        }
    }

    @Test
    void truncateAndSchemaChangesInvalidateTheShape() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY");
        ActiveShape first = shape(engine, all(table));
        sql("TRUNCATE " + table);
        await("truncate invalidates", first::isInvalidated);
        assertThat(engine.byHandle(first.handle())).isEmpty();

        ActiveShape second = shape(engine, all(table));
        assertThat(second.handle()).isNotEqualTo(first.handle());
        sql("ALTER TABLE " + table + " ADD COLUMN extra text", "INSERT INTO " + table + " VALUES (1, 'x')");
        await("schema change invalidates", second::isInvalidated);

        ActiveShape third = shape(engine, all(table));
        assertThat(third.handle()).isNotIn(first.handle(), second.handle());
        assertThat(third.shape().table().columns()).hasSize(2);
        sql("DROP TABLE " + table, "CREATE TABLE " + table + " (id int PRIMARY KEY, extra text)");
        ActiveShape fourth = shape(engine, all(table));
        assertThat(fourth.handle()).as("re-created table, new shape").isNotEqualTo(third.handle());
        assertThat(third.isInvalidated()).isTrue();

        sql("DROP TABLE " + table);
        try (Connection c = dataSource.getConnection()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> engine.shape(all(table), c)))
                    .isInstanceOf(ShapeDefinitionException.class);
        }
        assertThat(fourth.isInvalidated()).as("a dropped table ends its shapes").isTrue();
    }

    private static ShapeDefinition where(String table, String where, String... params) {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < params.length; i++) {
            map.put(Integer.toString(i + 1), params[i]);
        }
        return new ShapeDefinition("public", table, Optional.empty(), Replica.DEFAULT, LogMode.FULL, Optional.of(where),
                map);
    }

    @Test
    void aWhereClauseFiltersTheSnapshotInPostgresAndTheChangesInProcess() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY, owner text, title text");
        sql("INSERT INTO " + table + " VALUES (1, 'ann', 'xa'), (2, 'bob', 'xb'), (3, 'ann', 'yc')");
        ActiveShape shape = shape(engine, where(table, "owner = $1 AND title ILIKE 'X%'", "ann"));
        List<String> snapshot = everything(shape.log());
        assertThat(snapshot).hasSize(2); // row 1 and snapshot-end
        assertThat(snapshot.get(0)).contains("\"id\":\"1\"");

        sql("INSERT INTO " + table + " VALUES (4, 'ann', 'xd'), (5, 'bob', 'xe')"); // 4 in
        sql("UPDATE " + table + " SET title = 'xc' WHERE id = 3"); // moves in
        sql("UPDATE " + table + " SET owner = 'bob' WHERE id = 1"); // moves out
        sql("UPDATE " + table + " SET title = 'xbb' WHERE id = 2"); // stays out
        await("three changes", () -> changes(shape.log()).size() >= 3);
        Thread.sleep(100);
        List<String> changes = changes(shape.log());
        assertThat(changes).hasSize(3);
        assertThat(changes.get(0)).contains("\"operation\":\"insert\"", "\"id\":\"4\"");
        assertThat(changes.get(1)).contains("\"operation\":\"insert\"", "\"value\":{\"id\":\"3\",\"owner\":\"ann\",\"title\":\"xc\"}");
        assertThat(changes.get(2)).contains("\"operation\":\"delete\"", "\"value\":{\"id\":\"1\"}");
    }

    @Test
    void aWhereOnDomainColumnsUsesTheDomainsBaseTypeInTheSnapshotAndLive() throws Exception {
        SyncEngine engine = engine();
        String posint = "posint_" + (++tableCounter);
        sql("CREATE DOMAIN " + posint + " AS int4 CHECK (VALUE > 0)",
                "CREATE DOMAIN " + posint + "_again AS " + posint, // a domain over a domain
                "CREATE DOMAIN " + posint + "_code AS varchar(8)",
                "CREATE DOMAIN " + posint + "_list AS int4[]"); // a domain over an array
        String table = newTable("id int PRIMARY KEY, n " + posint + ", m " + posint + "_again, code " + posint
                + "_code, ns " + posint + "[], list " + posint + "_list");
        try (Connection c = dataSource.getConnection()) {
            List<io.quarkiverse.sync.runtime.pg.TableSchema.Column> columns = io.quarkiverse.sync.runtime.pg.Catalog
                    .table(c, "public", table).orElseThrow().columns();
            assertThat(columns).extracting(col -> col.typeName() + "/" + col.typeKind() + " -> "
                    + col.baseType().typeName() + "/" + col.baseType().typeKind() + (col.baseType().array() ? "[]" : ""))
                    .containsExactly("int4/b -> int4/b", posint + "/d -> int4/b", posint + "_again/d -> int4/b",
                            posint + "_code/d -> varchar/b", posint + "/d -> int4/b[]", posint + "_list/d -> int4/b[]");
        }
        sql("INSERT INTO " + table + " VALUES (1, 2, 2, 'a', '{1}', '{1}'), (2, 5, 5, 'b', '{5,6}', '{5,6}'), "
                + "(3, 9, 9, 'a', NULL, NULL)");
        ActiveShape shape = shape(engine, where(table, "n > 3 AND m >= 4 AND code = $1", "a"));
        ActiveShape arrays = shape(engine, where(table, "6 = ANY(ns) AND list @> '{5}'"));
        // The electric-schema header names the domain itself (protocol §6).
        assertThat(shape.shape().schemaHeader()).contains("\"n\":{\"type\":\"" + posint + "\"}",
                "\"ns\":{\"type\":\"" + posint + "\",\"dims\":1}");
        List<String> snapshot = everything(shape.log());
        assertThat(snapshot).hasSize(2); // row 3 and snapshot-end
        assertThat(snapshot.get(0)).contains("\"id\":\"3\"");
        assertThat(everything(arrays.log()).get(0)).contains("\"id\":\"2\"");

        sql("INSERT INTO " + table + " VALUES (4, 4, 4, 'a', NULL, NULL), (5, 1, 1, 'a', NULL, NULL)"); // 4 in
        sql("UPDATE " + table + " SET n = 7, m = 7 WHERE id = 1"); // moves in
        sql("UPDATE " + table + " SET n = 3 WHERE id = 3"); // moves out
        sql("UPDATE " + table + " SET code = 'a' WHERE id = 2"); // moves in by the indexed column
        await("four changes", () -> changes(shape.log()).size() >= 4);
        Thread.sleep(100);
        List<String> changes = changes(shape.log());
        assertThat(changes).hasSize(4);
        assertThat(changes.get(0)).contains("\"operation\":\"insert\"", "\"id\":\"4\"");
        assertThat(changes.get(1)).contains("\"operation\":\"insert\"", "\"id\":\"1\"", "\"n\":\"7\"");
        assertThat(changes.get(2)).contains("\"operation\":\"delete\"", "\"value\":{\"id\":\"3\"}");
        assertThat(changes.get(3)).contains("\"operation\":\"insert\"", "\"id\":\"2\"", "\"code\":\"a\"");
    }

    @Test
    void aParameterHoldingSqlIsOnlyEverAValue() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY, title text");
        String hostile = "x'); DROP TABLE " + table + "; --";
        sql("INSERT INTO " + table + " VALUES (1, 'x''); DROP TABLE " + table + "; --'), (2, 'other')");
        ActiveShape shape = shape(engine, where(table, "title = $1", hostile));
        List<String> snapshot = everything(shape.log());
        assertThat(snapshot).hasSize(2);
        assertThat(snapshot.get(0)).contains("\"id\":\"1\"");
        sql("SELECT 1 FROM " + table); // still there
    }

    @Test
    void badWhereClausesAreReportedInTheProtocolsWords() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY, title text");
        try (Connection c = dataSource.getConnection()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> engine.shape(where(table, "titel = 'x'"), c), ShapeDefinitionException.class))
                    .hasMessage("At location 0: unknown reference titel")
                    .extracting(ShapeDefinitionException::param).isEqualTo("where");
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> engine.shape(where(table, "1 x 1"), c), ShapeDefinitionException.class))
                    .hasMessage("At location 17: syntax error at or near \"x\"");
            ShapeDefinition unnumbered = new ShapeDefinition("public", table, Optional.empty(), Replica.DEFAULT,
                    LogMode.FULL, Optional.of("id = $1"), java.util.Map.of("2", "1"));
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> engine.shape(unnumbered, c),
                    ShapeDefinitionException.class)).extracting(ShapeDefinitionException::param).isEqualTo("params");
        }
    }

    @Test
    void idleLogsCloseTheirFilesAndReopenThemWhenNeeded() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY");
        sql("INSERT INTO " + table + " VALUES (1)");
        ActiveShape shape = shape(engine, all(table));
        sql("INSERT INTO " + table + " VALUES (2)");
        await("the insert", () -> changes(shape.log()).size() == 1);
        long open = openFiles();
        engine.releaseIdle(0, Integer.MAX_VALUE, 0);
        assertThat(openFiles()).as("the shape's files are closed").isLessThan(open);
        assertThat(everything(shape.log())).hasSize(3); // reads reopen
        sql("INSERT INTO " + table + " VALUES (3)"); // and so do appends
        await("the next insert", () -> changes(shape.log()).size() == 2);
    }

    @Test
    void beyondTheBudgetOfActiveLogsRecentOnesCloseTheirFilesToo() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY, owner int");
        sql("INSERT INTO " + table + " VALUES (1, 1), (2, 2)");
        List<ActiveShape> shapes = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
            shapes.add(shape(engine, where(table, "owner = $1", Integer.toString(k))));
        }
        for (ActiveShape shape : shapes) {
            everything(shape.log()); // read: files open
        }
        engine.releaseIdle(30_000, 10, 0);
        assertThat(shapes).as("within the budget, shapes created a moment ago keep their files")
                .noneMatch(shape -> shape.log().isIdle());
        long open = openFiles();
        engine.releaseIdle(30_000, 3, 0);
        assertThat(shapes).as("beyond it, they close them").allMatch(shape -> shape.log().isIdle());
        assertThat(openFiles()).isLessThan(open);
        sql("INSERT INTO " + table + " VALUES (3, 2)");
        await("a change after the release", () -> changes(shapes.get(1).log()).size() == 1);
        assertThat(everything(shapes.get(0).log())).as("reads reopen").hasSize(2);
    }

    /** Open file descriptors of this JVM (Linux). */
    private static long openFiles() throws java.io.IOException {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void theSameDefinitionKeepsItsHandle() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY");
        assertThat(shape(engine, all(table)).handle()).isEqualTo(shape(engine, all(table)).handle());
        assertThat(shape(engine, new ShapeDefinition("public", table, Optional.empty(), Replica.FULL, LogMode.FULL))
                .handle()).isNotEqualTo(shape(engine, all(table)).handle());
    }

    @Test
    void chunksOfAboutTheThreshold() throws Exception {
        SyncEngine engine = engine("slot_chunks", true, 10_000);
        String table = newTable("id int PRIMARY KEY, body text");
        sql("INSERT INTO " + table + " SELECT g, repeat('x', 1000) FROM generate_series(1, 35) g");
        ActiveShape shape = shape(engine, all(table));
        sql("INSERT INTO " + table + " SELECT g, repeat('y', 1000) FROM generate_series(36, 70) g");
        await("35 changes", () -> changes(shape.log()).size() == 35);

        ShapeLog log = shape.log();
        assertThat(log.snapshotChunkCount()).isBetween(3, 5);
        for (int k = 0; k < log.snapshotChunkCount() - 1; k++) {
            assertThat(log.readSnapshotChunk(k).orElseThrow().json().length).isBetween(9_000, 12_000);
        }
        LogOffset offset = LogOffset.snapshotChunk(log.snapshotChunkCount() - 1);
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            Page page = log.readAfter(offset);
            if (page.count() == 0) {
                break;
            }
            sizes.add(page.json().length);
            offset = page.end();
        }
        assertThat(sizes).hasSizeGreaterThan(2);
        sizes.subList(0, sizes.size() - 1).forEach(size -> assertThat(size).isBetween(9_000, 12_000));
        assertThat(sizes.get(sizes.size() - 1)).isLessThan(11_000);
    }

    @Test
    void aRestartContinuesEveryLogWithEachChangeExactlyOnce() throws Exception {
        String slot = "slot_restart";
        SyncEngine engine = engine(slot, false, 64 * 1024);
        String table = newTable("id int PRIMARY KEY, n int");
        ActiveShape shape = shape(engine, all(table));
        String handle = shape.handle();
        // 10,000 committed single-row transactions, the engine stopped while it is still streaming them.
        Thread writer = new Thread(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                for (int i = 1; i <= 10_000; i++) {
                    s.execute("INSERT INTO " + table + " VALUES (" + i + ", " + i + ")");
                }
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        await("some changes", () -> changes(shape.log()).size() > 500);
        engine.close();
        engines.remove(engine);
        writer.join();

        SyncEngine restarted = engine(slot, false, 64 * 1024);
        ActiveShape again = restarted.byHandle(handle).orElseThrow();
        await("all 10,000", () -> changes(again.log()).size() >= 10_000);
        Thread.sleep(200);
        List<String> changes = changes(again.log());
        assertThat(changes).hasSize(10_000);
        Pattern id = Pattern.compile("\"value\":\\{\"id\":\"(\\d+)\"");
        for (int i = 0; i < changes.size(); i++) {
            Matcher m = id.matcher(changes.get(i));
            assertThat(m.find()).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(i + 1);
        }
        restarted.close();
        engines.remove(restarted);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    @Test
    void aRestartRestoresTheShapesOfUnchangedTablesAndDiscardsTheOthers() throws Exception {
        String slot = "slot_restore";
        SyncEngine engine = engine(slot, false, 64 * 1024);
        String kept = newTable("id int PRIMARY KEY, owner int");
        String altered = newTable("id int PRIMARY KEY, owner int");
        sql("INSERT INTO " + kept + " VALUES (1, 1), (2, 2), (3, 3)", "INSERT INTO " + altered + " VALUES (1, 1)");
        List<String> keptHandles = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            keptHandles.add(shape(engine, where(kept, "owner = $1", Integer.toString(k))).handle());
        }
        keptHandles.add(shape(engine, all(kept)).handle());
        List<String> alteredHandles = List.of(shape(engine, all(altered)).handle(),
                shape(engine, where(altered, "owner = $1", "1")).handle());
        engine.close();
        engines.remove(engine);
        sql("ALTER TABLE " + altered + " ADD COLUMN note text");

        SyncEngine restarted = engine(slot, false, 64 * 1024);
        for (String handle : keptHandles) {
            ActiveShape again = restarted.byHandle(handle).orElseThrow(() -> new AssertionError(handle));
            assertThat(again.snapshotDone()).isDone();
        }
        assertThat(restarted.byHandle(keptHandles.get(0)).orElseThrow().shape().definition())
                .isEqualTo(where(kept, "owner = $1", "1"));
        for (String handle : alteredHandles) {
            assertThat(restarted.byHandle(handle)).as("a shape of the altered table").isEmpty();
            assertThat(storage.resolve(handle)).as("its directory").doesNotExist();
        }
        // The restored shapes keep streaming: a change reaches the owner's shape only.
        sql("INSERT INTO " + kept + " VALUES (4, 2)");
        ActiveShape owner2 = restarted.byHandle(keptHandles.get(1)).orElseThrow();
        await("the insert", () -> changes(owner2.log()).size() == 1);
        assertThat(changes(restarted.byHandle(keptHandles.get(0)).orElseThrow().log())).isEmpty();
        restarted.close();
        engines.remove(restarted);
        sql("SELECT pg_drop_replication_slot('" + slot + "')");
    }

    @Test
    void aThousandEqualityShapesEachGetOnlyTheirOwnChangesAndMovesBetweenThem() throws Exception {
        SyncEngine engine = engine();
        String table = newTable("id int PRIMARY KEY, owner int");
        List<ActiveShape> owners = new ArrayList<>();
        for (int k = 1; k <= 1000; k++) {
            owners.add(shape(engine, where(table, "owner = $1", Integer.toString(k))));
        }
        ActiveShape all = shape(engine, all(table));
        // The transactions routed to each shape, by commit LSN: the notification a finished snapshot sends may come
        // after shape() returned (the snapshot future completes first), so it is not counted.
        java.util.Map<String, java.util.Set<Long>> routedLsns = new java.util.concurrent.ConcurrentHashMap<>();
        engine.onAppend(s -> {
            long lsn = s.log().lastCommittedLsn();
            if (lsn != 0) {
                routedLsns.computeIfAbsent(s.handle(), h -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(lsn);
            }
        });
        java.util.function.Function<String, java.util.concurrent.atomic.AtomicInteger> routedCount = handle -> {
            java.util.Set<Long> lsns = routedLsns.get(handle);
            return lsns == null ? null : new java.util.concurrent.atomic.AtomicInteger(lsns.size());
        };
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (int i = 1; i <= 1000; i++) {
                s.execute("INSERT INTO " + table + " VALUES (" + i + ", " + i + ")");
            }
        }
        await("1,000 inserts", () -> changes(all.log()).size() == 1000);
        for (int k = 1; k <= 1000; k++) {
            ActiveShape shape = owners.get(k - 1);
            assertThat(routedCount.apply(shape.handle())).as("transactions routed to shape owner = " + k).hasValue(1);
            assertThat(changes(shape.log())).singleElement().asString().contains("\"value\":{\"id\":\"" + k + "\"");
        }
        assertThat(routedCount.apply(all.handle())).hasValue(1000);

        sql("UPDATE " + table + " SET owner = 2 WHERE id = 1"); // moves from shape 1 into shape 2
        await("the move", () -> changes(all.log()).size() == 1001);
        Thread.sleep(100);
        assertThat(changes(owners.get(0).log())).hasSize(2).last().asString()
                .contains("\"operation\":\"delete\"", "\"value\":{\"id\":\"1\"}");
        assertThat(changes(owners.get(1).log())).hasSize(2).last().asString()
                .contains("\"operation\":\"insert\"", "\"value\":{\"id\":\"1\",\"owner\":\"2\"}");
        assertThat(routedCount.apply(owners.get(0).handle())).hasValue(2);
        assertThat(routedCount.apply(owners.get(1).handle())).hasValue(2);
        assertThat(routedCount.apply(owners.get(2).handle())).hasValue(1);
        assertThat(routedLsns.values().stream().filter(lsns -> lsns.size() != 1).count()).isEqualTo(3); // 1, 2, all

        // One transaction of ten rows for ten shapes: each gets its own row, with the row's op position.
        sql("BEGIN", "INSERT INTO " + table + " SELECT g, g - 1000 FROM generate_series(1001, 1010) g", "COMMIT");
        await("the ten-row transaction", () -> changes(all.log()).size() == 1011);
        Thread.sleep(100);
        for (int k = 1; k <= 10; k++) {
            assertThat(changes(owners.get(k - 1).log())).last().asString()
                    .contains("\"value\":{\"id\":\"" + (1000 + k) + "\"", "\"op_position\":" + 2 * (k - 1) + ",\"last\":true}}");
        }
        assertThat(changes(owners.get(10).log())).hasSize(1);
        assertThat(routedCount.apply(owners.get(10).handle())).hasValue(1);
    }

    private static String lsnOf(String message) {
        Matcher m = Pattern.compile("\"lsn\":\"(\\d+)\"").matcher(message);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
