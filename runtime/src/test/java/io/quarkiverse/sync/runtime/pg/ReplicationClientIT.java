package io.quarkiverse.sync.runtime.pg;

import static io.quarkiverse.sync.runtime.pg.PgTestDatabase.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import io.quarkiverse.sync.runtime.pg.TupleData.Value;

/** Real Postgres, real pgoutput: what the engine will receive. */
class ReplicationClientIT {

    private static PgTestDatabase db;

    private final List<ReplicationClient> clients = new ArrayList<>();

    @BeforeAll
    static void startPostgres() {
        db = new PgTestDatabase();
    }

    @AfterAll
    static void stopPostgres() {
        if (db != null) {
            db.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ReplicationClient::close);
    }

    @Test
    void valuesArriveAsTheTextASnapshotQueryReturns() throws Exception {
        TableName table = new TableName("public", "odd \"values\" table");
        String publication = uniqueName("values_pub");
        db.execute("CREATE TABLE " + table.quoted() + " (id int PRIMARY KEY, title text, done bool, at timestamptz, "
                + "amount numeric(12,4), ref uuid, doc jsonb, tags text[], nums int[], ratio float8, data bytea, "
                + "span interval, day date, nothing text)");
        createPublication(publication, table);
        // pgjdbc sends the JVM's zone as the TimeZone startup parameter: the client must override it.
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        RecordingListener listener = new RecordingListener();
        try {
            start(db.client(uniqueName("values"), publication).temporarySlot(true).listener(listener));
        } finally {
            TimeZone.setDefault(jvmZone);
        }

        db.execute("INSERT INTO " + table.quoted() + " VALUES (1, 'Grüße, 世界 🎉 it''s \"quoted\" \\ back', true, "
                + "'2024-02-29 11:45:01.123456+00', 12345.6789, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', "
                + "'{\"b\": 1, \"a\": [1, \"x\"]}', ARRAY['a b', 'c\"d', NULL], '{1,2,3}', 0.1, '\\xDEADBEEF', "
                + "'1 day 2 hours', '2024-02-29', NULL)",
                "INSERT INTO " + table.quoted() + " (id, title, done, at, ratio) VALUES (2, E'line\\none\\ttab', false, "
                + "'2024-03-01 00:00:00-05', 1e100)");

        Change.Insert first = (Change.Insert) listener.next().changes().get(0);
        Change.Insert second = (Change.Insert) listener.next().changes().get(0);

        assertThat(first.relation().table()).isEqualTo("odd \"values\" table");
        assertThat(first.relation().columns()).extracting(PgMessage.Relation.Column::name).containsExactly("id", "title",
                "done", "at", "amount", "ref", "doc", "tags", "nums", "ratio", "data", "span", "day", "nothing");
        assertThat(first.newTuple().values()).containsExactly(
                Value.text("1"),
                Value.text("Grüße, 世界 🎉 it's \"quoted\" \\ back"),
                Value.text("t"),
                Value.text("2024-02-29 11:45:01.123456+00"),
                Value.text("12345.6789"),
                Value.text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                Value.text("{\"a\": [1, \"x\"], \"b\": 1}"),
                Value.text("{\"a b\",\"c\\\"d\",NULL}"),
                Value.text("{1,2,3}"),
                Value.text("0.1"),
                Value.text("\\xdeadbeef"),
                Value.text("P1DT2H"),
                Value.text("2024-02-29"),
                Value.NULL);
        assertThat(second.newTuple().text(1)).isEqualTo("line\none\ttab");
        assertThat(second.newTuple().text(2)).isEqualTo("f");
        assertThat(second.newTuple().text(3)).isEqualTo("2024-03-01 05:00:00+00");
        assertThat(second.newTuple().text(9)).isEqualTo("1e+100");

        // The snapshot path (COPY on a plain connection with the same settings) yields byte-identical text.
        assertThat(snapshotRow(table, 1)).isEqualTo(texts(first.newTuple()));
        assertThat(snapshotRow(table, 2)).isEqualTo(texts(second.newTuple()));
        // A trap for the snapshot path: casting to text is not the output function for booleans.
        assertThat(db.queryString("SELECT true::text")).isEqualTo("true");
    }

    @Test
    void changesOfATransactionArriveInOrderWithItsXid() throws Exception {
        TableName table = new TableName("app schema", "issues for 1_0_ab");
        String publication = uniqueName("order_pub");
        db.execute("CREATE SCHEMA IF NOT EXISTS \"app schema\"",
                "CREATE TABLE " + table.quoted() + " (id int PRIMARY KEY, \"has\"\"quote\" text)");
        createPublication(publication, table);
        RecordingListener listener = new RecordingListener();
        start(db.client(uniqueName("order"), publication).temporarySlot(true).listener(listener));

        long xid;
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try (ResultSet rows = statement.executeQuery("SELECT txid_current() % 4294967296")) {
                rows.next();
                xid = rows.getLong(1);
            }
            statement.execute("INSERT INTO " + table.quoted() + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            statement.execute("UPDATE " + table.quoted() + " SET \"has\"\"quote\" = 'B' WHERE id = 2");
            statement.execute("DELETE FROM " + table.quoted() + " WHERE id = 1");
            statement.execute("UPDATE " + table.quoted() + " SET id = 30 WHERE id = 3");
            connection.commit();
            statement.execute("TRUNCATE " + table.quoted());
            connection.commit();
        }

        Transaction transaction = listener.next();
        assertThat(transaction.xidUnsigned()).isEqualTo(xid);
        assertThat(transaction.commitLsn()).isLessThan(transaction.endLsn());
        assertThat(transaction.relations()).extracting(PgMessage.Relation::table).containsExactly("issues for 1_0_ab");
        PgMessage.Relation relation = transaction.relations().get(0);
        assertThat(relation.schema()).isEqualTo("app schema");
        assertThat(relation.replicaIdentity()).isEqualTo('d');
        assertThat(relation.columns()).containsExactly(new PgMessage.Relation.Column(true, "id", 23, -1),
                new PgMessage.Relation.Column(false, "has\"quote", 25, -1));
        assertThat(transaction.changes()).containsExactly(
                new Change.Insert(relation, tuple(TupleData.Kind.NEW, "1", "a")),
                new Change.Insert(relation, tuple(TupleData.Kind.NEW, "2", "b")),
                new Change.Insert(relation, tuple(TupleData.Kind.NEW, "3", "c")),
                new Change.Update(relation, null, tuple(TupleData.Kind.NEW, "2", "B")),
                new Change.Delete(relation, new TupleData(TupleData.Kind.KEY, List.of(Value.text("1"), Value.NULL))),
                // the key changed: Postgres sends the old key
                new Change.Update(relation, new TupleData(TupleData.Kind.KEY, List.of(Value.text("3"), Value.NULL)),
                        tuple(TupleData.Kind.NEW, "30", "c")));

        Transaction truncate = listener.next();
        assertThat(truncate.xidUnsigned()).isGreaterThan(xid);
        assertThat(truncate.commitLsn()).isGreaterThan(transaction.endLsn());
        assertThat(truncate.changes()).containsExactly(new Change.Truncate(List.of(relation), false, false));
        assertThat(listener.deliveryThread.getName()).isEqualTo("quarkus-sync-replication");
    }

    @Test
    void aTableAddedToThePublicationWhileStreamingIsSeen() throws Exception {
        TableName first = new TableName("public", uniqueName("first"));
        TableName later = new TableName("public", uniqueName("Later Table"));
        // A publication name that needs quoting, both as an identifier and inside pgjdbc's option literal.
        String publication = uniqueName("sync pub 'q' \"x\"");
        db.execute("CREATE TABLE " + first.quoted() + " (id int PRIMARY KEY)");
        createPublication(publication, first);
        RecordingListener listener = new RecordingListener();
        start(db.client(uniqueName("later"), publication).temporarySlot(true).listener(listener));

        db.execute("INSERT INTO " + first.quoted() + " VALUES (1)");
        assertThat(listener.next().changes()).hasSize(1);

        db.execute("CREATE TABLE " + later.quoted() + " (id int PRIMARY KEY, v text)",
                "INSERT INTO " + later.quoted() + " VALUES (0, 'before')");
        try (Connection connection = db.connect()) {
            new Publication(publication).addTable(connection, later);
        }
        db.execute("INSERT INTO " + later.quoted() + " VALUES (1, 'after')");

        Change.Insert insert = (Change.Insert) listener.next().changes().get(0);
        assertThat(insert.relation().table()).isEqualTo(later.table());
        assertThat(insert.newTuple().values()).containsExactly(Value.text("1"), Value.text("after"));
    }

    @Test
    void replicaIdentityFullGivesWholeOldRows() throws Exception {
        TableName table = new TableName("public", uniqueName("identity"));
        String publication = uniqueName("identity_pub");
        db.execute("CREATE TABLE " + table.quoted() + " (id int PRIMARY KEY, title text, big text)",
                // out-of-line and uncompressed, so an update that does not touch it leaves it "unchanged TOAST"
                "ALTER TABLE " + table.quoted() + " ALTER COLUMN big SET STORAGE EXTERNAL",
                "INSERT INTO " + table.quoted() + " VALUES (1, 'a', repeat('x', 10000)), (2, 'b', 'small')");
        createPublication(publication, table);
        RecordingListener listener = new RecordingListener();
        start(db.client(uniqueName("identity"), publication).temporarySlot(true).listener(listener));

        db.execute("UPDATE " + table.quoted() + " SET title = 'a2' WHERE id = 1");
        Change.Update defaultUpdate = (Change.Update) listener.next().changes().get(0);
        assertThat(defaultUpdate.relation().replicaIdentity()).isEqualTo('d');
        assertThat(defaultUpdate.oldTuple()).isNull();
        assertThat(defaultUpdate.newTuple().values()).containsExactly(Value.text("1"), Value.text("a2"),
                Value.UNCHANGED_TOAST);

        try (Connection connection = db.connect()) {
            assertThat(Publication.setReplicaIdentityFull(connection, table)).isTrue();
        }
        db.execute("UPDATE " + table.quoted() + " SET title = 'b2' WHERE id = 2",
                "DELETE FROM " + table.quoted() + " WHERE id = 2");

        Transaction update = listener.next();
        assertThat(update.relations()).extracting(PgMessage.Relation::replicaIdentity).containsExactly('f');
        Change.Update fullUpdate = (Change.Update) update.changes().get(0);
        assertThat(fullUpdate.relation().replicaIdentity()).isEqualTo('f');
        assertThat(fullUpdate.relation().columns()).allMatch(PgMessage.Relation.Column::key);
        assertThat(fullUpdate.oldTuple()).isEqualTo(tuple(TupleData.Kind.OLD, "2", "b", "small"));
        assertThat(fullUpdate.newTuple()).isEqualTo(tuple(TupleData.Kind.NEW, "2", "b2", "small"));
        Change.Delete fullDelete = (Change.Delete) listener.next().changes().get(0);
        assertThat(fullDelete.oldTuple()).isEqualTo(tuple(TupleData.Kind.OLD, "2", "b2", "small"));
    }

    @Test
    void acknowledgingMovesTheSlotAndARestartResumesAfterIt() throws Exception {
        Published setup = published("ack", false);
        TableName table = setup.table();
        String publication = setup.publication();
        ReplicationSlot slot = setup.slot();
        try (Connection connection = db.connect()) {
            assertThat(slot.createIfMissing(connection)).isTrue();
        }
        RecordingListener listener = new RecordingListener();
        ReplicationClient client = start(db.client(slot.name(), publication).listener(listener));

        db.execute("INSERT INTO " + table.quoted() + " VALUES (1)", "INSERT INTO " + table.quoted() + " VALUES (2)");
        Transaction one = listener.next();
        Transaction two = listener.next();
        Lsn createdAt = confirmedFlush(slot);
        assertThat(createdAt).isLessThan(one.endLsn());

        client.acknowledge(one.endLsn());
        client.acknowledge(Lsn.parse("0/1")); // lower values are ignored
        assertThat(client.acknowledged()).isEqualTo(one.endLsn());
        awaitConfirmedFlush(slot, one.endLsn());
        // Nothing past the acknowledged transaction was confirmed on our behalf.
        assertThat(confirmedFlush(slot)).isEqualTo(one.endLsn());
        client.close();

        RecordingListener afterRestart = new RecordingListener();
        ReplicationClient second = start(db.client(slot.name(), publication).listener(afterRestart));
        Transaction redelivered = afterRestart.next();
        assertThat(redelivered.xid()).isEqualTo(two.xid());
        assertThat(redelivered.changes()).hasSize(1);
        second.acknowledge(redelivered.endLsn());
        awaitConfirmedFlush(slot, redelivered.endLsn());
        second.close();

        db.execute("INSERT INTO " + table.quoted() + " VALUES (3)");
        RecordingListener third = new RecordingListener();
        start(db.client(slot.name(), publication).listener(third));
        Transaction next = third.next();
        assertThat(((Change.Insert) next.changes().get(0)).newTuple().text(0)).isEqualTo("3");
        third.assertNoChangesWithin(Duration.ofMillis(500));
    }

    @Test
    void aStartLsnAfterTheSlotPositionSkipsEarlierTransactions() throws Exception {
        Published setup = published("skip", true);
        TableName table = setup.table();
        String publication = setup.publication();
        ReplicationSlot slot = setup.slot();
        db.execute("INSERT INTO " + table.quoted() + " VALUES (1)", "INSERT INTO " + table.quoted() + " VALUES (2)");
        RecordingListener all = new RecordingListener();
        ReplicationClient reader = start(db.client(slot.name(), publication).listener(all));
        Transaction one = all.next();
        Transaction two = all.next();
        reader.close();

        RecordingListener skipping = new RecordingListener();
        ReplicationClient skipper = start(db.client(slot.name(), publication).startLsn(one.endLsn()).listener(skipping));
        assertThat(skipping.next().xid()).isEqualTo(two.xid());
        skipper.close();

        // The commit LSN is not enough: the transaction whose commit record starts there is sent again.
        RecordingListener fromCommit = new RecordingListener();
        start(db.client(slot.name(), publication).startLsn(one.commitLsn()).listener(fromCommit));
        assertThat(fromCommit.next().xid()).isEqualTo(one.xid());
    }

    @Test
    void aPendingAcknowledgementIsSentOnClose() throws Exception {
        Published setup = published("ack_close", true);
        TableName table = setup.table();
        String publication = setup.publication();
        ReplicationSlot slot = setup.slot();
        RecordingListener listener = new RecordingListener();
        ReplicationClient client = start(db.client(slot.name(), publication).listener(listener));
        db.execute("INSERT INTO " + table.quoted() + " VALUES (1)", "INSERT INTO " + table.quoted() + " VALUES (2)");
        Transaction one = listener.next();
        Transaction two = listener.next();

        client.acknowledge(one.endLsn());
        client.acknowledge(two.endLsn()); // within the coalescing interval of the first: still pending
        client.close();

        assertThat(confirmedFlush(slot)).isEqualTo(two.endLsn());
    }

    @Test
    void statusUpdatesKeepAnIdleConnectionAliveAndLetTheSlotAdvancePastUnpublishedWal() throws Exception {
        TableName table = new TableName("public", uniqueName("idle"));
        TableName unpublished = new TableName("public", uniqueName("unpublished"));
        String publication = uniqueName("idle_pub");
        ReplicationSlot slot = new ReplicationSlot(uniqueName("idle"));
        db.execute("CREATE TABLE " + table.quoted() + " (id int PRIMARY KEY)",
                "CREATE TABLE " + unpublished.quoted() + " (id int PRIMARY KEY)");
        createPublication(publication, table);
        try (Connection connection = db.connect()) {
            slot.createIfMissing(connection);
        }
        // The server drops a replication connection that has not replied for this long.
        db.execute("ALTER SYSTEM SET wal_sender_timeout = '1s'", "SELECT pg_reload_conf()");
        try {
            RecordingListener listener = new RecordingListener();
            ReplicationClient client = start(db.client(slot.name(), publication)
                    .statusInterval(Duration.ofMillis(200)).listener(listener));
            db.execute("INSERT INTO " + table.quoted() + " VALUES (1)");
            Transaction published = listener.next();
            client.acknowledge(published.endLsn());
            awaitConfirmedFlush(slot, published.endLsn());

            db.execute("INSERT INTO " + unpublished.quoted() + " SELECT generate_series(1, 1000)");
            Lsn walEnd = Lsn.parse(db.queryString("SELECT pg_current_wal_lsn()::text"));
            Thread.sleep(3_000); // three times wal_sender_timeout without any data for us

            assertThat(client.isRunning()).isTrue();
            assertThat(listener.failures).isEmpty();
            // pgjdbc's automatic flush: everything received was acknowledged, so the server's keepalive position is
            // confirmed too, and WAL of tables we do not stream is not retained for us.
            awaitConfirmedFlush(slot, walEnd);
            listener.assertNoChangesWithin(Duration.ZERO);
            db.execute("INSERT INTO " + table.quoted() + " VALUES (2)");
            assertThat(((Change.Insert) listener.next().changes().get(0)).newTuple().text(0)).isEqualTo("2");
        } finally {
            db.execute("ALTER SYSTEM RESET wal_sender_timeout", "SELECT pg_reload_conf()");
        }
    }

    @Test
    void closeStopsTheThreadPromptlyAndDropsTheTemporarySlot() throws Exception {
        Published setup = published("close", false);
        TableName table = setup.table();
        String publication = setup.publication();
        ReplicationSlot slot = setup.slot();
        RecordingListener listener = new RecordingListener();
        ReplicationClient client = start(db.client(slot.name(), publication).temporarySlot(true).listener(listener));
        try (Connection connection = db.connect()) {
            assertThat(slot.isActive(connection)).isTrue();
        }

        long begin = System.nanoTime();
        client.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

        assertThat(millis).as("close() took %d ms", millis).isLessThan(2_000);
        assertThat(client.isRunning()).isFalse();
        assertThat(listener.failures).isEmpty();
        try (Connection connection = db.connect()) {
            awaitSlotGone(connection, slot);
        }
        client.close(); // idempotent
    }

    @Test
    void aLostConnectionIsReportedToTheListener() throws Exception {
        Published setup = published("lost", false);
        TableName table = setup.table();
        String publication = setup.publication();
        ReplicationSlot slot = setup.slot();
        RecordingListener listener = new RecordingListener();
        ReplicationClient client = start(db.client(slot.name(), publication).temporarySlot(true).listener(listener));

        terminateWalSender(slot);

        assertThat(listener.nextFailure()).isInstanceOf(SQLException.class);
        client.close();
        assertThat(client.isRunning()).isFalse();
    }

    @Test
    void aClientWithReconnectResumesAfterTheLastDeliveredTransaction() throws Exception {
        Published setup = published("reconnect", true);
        TableName table = setup.table();
        String publication = setup.publication();
        ReplicationSlot slot = setup.slot();
        RecordingListener listener = new RecordingListener();
        ReplicationClient client = start(db.client(slot.name(), publication)
                .reconnect(Duration.ofMillis(50), Duration.ofMillis(400)).listener(listener));
        db.execute("INSERT INTO " + table.quoted() + " VALUES (1)");
        Transaction one = listener.next(); // delivered, deliberately not acknowledged

        for (int round = 2; round <= 3; round++) {
            terminateWalSender(slot);
            assertThat(listener.disconnects.poll(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
            db.execute("INSERT INTO " + table.quoted() + " VALUES (" + round + ")");
            Transaction next = listener.next();
            assertThat(((Change.Insert) next.changes().get(0)).newTuple().text(0)).isEqualTo(Integer.toString(round));
            assertThat(next.commitLsn()).isGreaterThan(one.endLsn());
        }
        assertThat(listener.failures).isEmpty();
        assertThat(client.isRunning()).isTrue();
        assertThat(confirmedFlush(slot)).isLessThan(one.endLsn());
    }

    @Test
    void reconnectIsRefusedWithATemporarySlot() {
        assertThatThrownBy(() -> db.client("tmp", "pub").temporarySlot(true)
                .reconnect(Duration.ofMillis(50), Duration.ofSeconds(1)).listener(new RecordingListener()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temporary");
    }

    @Test
    void closeDuringReconnectWaitIsPrompt() throws Exception {
        Published setup = published("reconnect_close", true);
        TableName table = setup.table();
        String publication = setup.publication();
        ReplicationSlot slot = setup.slot();
        RecordingListener listener = new RecordingListener();
        ReplicationClient client = start(db.client(slot.name(), publication)
                .reconnect(Duration.ofSeconds(30), Duration.ofSeconds(30)).listener(listener));
        terminateWalSender(slot);
        assertThat(listener.disconnects.poll(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();

        long begin = System.nanoTime();
        client.close();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin)).isLessThan(2_000);
        assertThat(client.isRunning()).isFalse();
    }

    @Test
    void aListenerExceptionStopsStreamingAndIsReported() throws Exception {
        TableName table = new TableName("public", uniqueName("throwing"));
        String publication = uniqueName("throwing_pub");
        db.execute("CREATE TABLE " + table.quoted() + " (id int PRIMARY KEY)");
        createPublication(publication, table);
        RecordingListener failures = new RecordingListener();
        ReplicationClient client = start(db.client(uniqueName("throwing"), publication).temporarySlot(true)
                .listener(new ReplicationListener() {
                    @Override
                    public void onTransaction(Transaction transaction) {
                        throw new IllegalStateException("engine broke");
                    }

                    @Override
                    public void onFailure(Throwable error) {
                        failures.onFailure(error);
                    }
                }));

        db.execute("INSERT INTO " + table.quoted() + " VALUES (1)");

        assertThat(failures.nextFailure()).hasMessage("engine broke");
        client.close();
    }

    @Test
    void startFailsWhenThePermanentSlotDoesNotExist() {
        ReplicationClient client = db.client(uniqueName("missing"), "no_such_pub").listener(new RecordingListener())
                .build();
        clients.add(client);

        assertThatThrownBy(() -> client.start().get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SQLException.class).hasMessageContaining("does not exist");
    }

    private ReplicationClient start(ReplicationClient.Builder builder) throws Exception {
        ReplicationClient client = builder.build();
        clients.add(client);
        client.start().get(30, TimeUnit.SECONDS);
        return client;
    }

    /** A table {@code (id int PRIMARY KEY)} in a publication of its own, and a slot name (created when permanent). */
    private record Published(TableName table, String publication, ReplicationSlot slot) {
    }

    private static Published published(String prefix, boolean createPermanentSlot) throws SQLException {
        TableName table = new TableName("public", uniqueName(prefix));
        String publication = uniqueName(prefix + "_pub");
        ReplicationSlot slot = new ReplicationSlot(uniqueName(prefix));
        db.execute("CREATE TABLE " + table.quoted() + " (id int PRIMARY KEY)");
        createPublication(publication, table);
        if (createPermanentSlot) {
            try (Connection connection = db.connect()) {
                slot.createIfMissing(connection);
            }
        }
        return new Published(table, publication, slot);
    }

    private static void createPublication(String name, TableName table) throws SQLException {
        try (Connection connection = db.connect()) {
            Publication publication = new Publication(name);
            publication.createIfMissing(connection);
            publication.addTable(connection, table);
        }
    }

    /** Ends the server process streaming from the slot, as a network failure or server restart would. */
    private static void terminateWalSender(ReplicationSlot slot) throws Exception {
        long deadline = System.nanoTime() + RecordingListener.WAIT.toNanos();
        while (!"true".equals(db.queryString("SELECT pg_terminate_backend(active_pid)::text FROM pg_replication_slots "
                + "WHERE slot_name = '" + slot.name() + "' AND active_pid IS NOT NULL"))) {
            assertThat(System.nanoTime()).as("slot %s becomes active", slot.name()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Lsn confirmedFlush(ReplicationSlot slot) throws SQLException {
        try (Connection connection = db.connect()) {
            return slot.confirmedFlushLsn(connection).orElseThrow();
        }
    }

    private static void awaitConfirmedFlush(ReplicationSlot slot, Lsn atLeast) throws Exception {
        long deadline = System.nanoTime() + RecordingListener.WAIT.toNanos();
        Lsn confirmed;
        while ((confirmed = confirmedFlush(slot)).compareTo(atLeast) < 0) {
            assertThat(System.nanoTime()).as("confirmed_flush_lsn %s reaches %s", confirmed, atLeast).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitSlotGone(Connection connection, ReplicationSlot slot) throws Exception {
        long deadline = System.nanoTime() + RecordingListener.WAIT.toNanos();
        while (slot.exists(connection)) {
            assertThat(System.nanoTime()).as("temporary slot %s is dropped", slot.name()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * The row as the snapshot path reads it: {@code COPY ... TO STDOUT} in text format, i.e. each type's output
     * function. (Not {@code col::text}: the cast of a boolean to text spells it {@code true}, not {@code t}.)
     */
    private static List<String> snapshotRow(TableName table, int id) throws Exception {
        StringWriter out = new StringWriter();
        try (Connection connection = db.connect()) {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (SELECT * FROM " + table.quoted() + " WHERE id = " + id + ") TO STDOUT", out);
        }
        String line = out.toString();
        assertThat(line).endsWith("\n");
        List<String> texts = new ArrayList<>();
        for (String field : line.substring(0, line.length() - 1).split("\t", -1)) {
            texts.add(field.equals("\\N") ? null : unescapeCopyText(field));
        }
        return texts;
    }

    private static String unescapeCopyText(String field) {
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char next = field.charAt(++i);
            text.append(switch (next) {
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'v' -> (char) 11;
                default -> next;
            });
        }
        return text.toString();
    }

    private static List<String> texts(TupleData tuple) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < tuple.size(); i++) {
            texts.add(tuple.text(i));
        }
        return texts;
    }

    private static TupleData tuple(TupleData.Kind kind, String... texts) {
        return new TupleData(kind, Arrays.stream(texts).map(Value::text).toList());
    }
}
