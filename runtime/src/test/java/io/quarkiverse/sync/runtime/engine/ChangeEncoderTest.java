package io.quarkiverse.sync.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.TableSchema.Column;

class ChangeEncoderTest {

    private static final Column ID = new Column("id", 1, "int4", false, 0, -1, true, 0, 'b', 0);
    private static final Column TITLE = new Column("title", 2, "text", false, 0, -1, false, -1, 'b', 0);
    private static final Column DONE = new Column("done", 3, "bool", false, 0, -1, false, -1, 'b', 0);
    private static final Column NOTE = new Column("note", 4, "text", false, 0, -1, false, -1, 'b', 0);
    private static final TableSchema TABLE = new TableSchema(1, "public", "items", List.of(ID, TITLE, DONE, NOTE));
    private static final ChangeEncoder.TxHeaders TX = new ChangeEncoder.TxHeaders(750, 24961936);
    private static final String HEAD = "\"relation\":[\"public\",\"items\"],\"txids\":[750],\"lsn\":\"24961936\"";

    private static ChangeEncoder encoder(Replica replica, RowFilter filter, Column... selected) {
        List<Column> columns = selected.length == 0 ? TABLE.columns() : List.of(selected);
        return new ChangeEncoder(new RowMessages(TABLE, columns), replica, filter);
    }

    private static List<String> json(List<ChangeEncoder.PendingEntry> entries) {
        return ChangeEncoder.render(entries);
    }

    @Test
    void insertCarriesTheWholeSelectedRowAndTheTransactionHeaders() {
        assertThat(json(encoder(Replica.DEFAULT, RowFilter.ALL).insert(new String[] { "42", "Hello", "f", null }, TX, 0)))
                .containsExactly("{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"42\\\"\","
                        + "\"value\":{\"id\":\"42\",\"title\":\"Hello\",\"done\":\"f\",\"note\":null},"
                        + "\"headers\":{\"operation\":\"insert\"," + HEAD + ",\"op_position\":0,\"last\":true}}");
    }

    @Test
    void defaultUpdateCarriesTheKeyAndTheChangedSelectedColumnsOnly() {
        ChangeEncoder encoder = encoder(Replica.DEFAULT, RowFilter.ALL, ID, TITLE, DONE);
        List<String> entries = json(encoder.update(new String[] { "1", "a", "f", "x" },
                new String[] { "1", "b", "f", "y" }, TX, 4));
        assertThat(entries).containsExactly("{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"1\\\"\","
                + "\"value\":{\"id\":\"1\",\"title\":\"b\"},"
                + "\"headers\":{\"operation\":\"update\"," + HEAD + ",\"op_position\":4,\"last\":true}}");
    }

    @Test
    void fullUpdateCarriesTheNewRowAndTheOldValuesOfChangedColumns() {
        List<String> entries = json(encoder(Replica.FULL, RowFilter.ALL)
                .update(new String[] { "1", "a", "f", "x" }, new String[] { "1", "a", "t", "x" }, TX, 2));
        assertThat(entries.get(0)).contains("\"value\":{\"id\":\"1\",\"title\":\"a\",\"done\":\"t\",\"note\":\"x\"},"
                + "\"old_value\":{\"done\":\"f\"}");
    }

    @Test
    void anUpdateOfUnselectedColumnsOnlyIsDropped() {
        assertThat(encoder(Replica.DEFAULT, RowFilter.ALL, ID, TITLE)
                .update(new String[] { "1", "a", "f", "x" }, new String[] { "1", "a", "t", "y" }, TX, 0)).isEmpty();
    }

    @Test
    void aKeyChangeIsADeleteThenAnInsertAtConsecutiveOps() {
        List<String> entries = json(encoder(Replica.DEFAULT, RowFilter.ALL)
                .update(new String[] { "1", "a", "f", null }, new String[] { "2", "a", "f", null }, TX, 6));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).isEqualTo("{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"1\\\"\",\"value\":{\"id\":\"1\"},"
                + "\"headers\":{\"operation\":\"delete\"," + HEAD + ",\"op_position\":6,"
                + "\"key_change_to\":\"\\\"public\\\".\\\"items\\\"/\\\"2\\\"\"}}");
        assertThat(entries.get(1)).startsWith("{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"2\\\"\",\"value\":{\"id\":\"2\",")
                .endsWith("\"op_position\":7,\"key_change_from\":\"\\\"public\\\".\\\"items\\\"/\\\"1\\\"\",\"last\":true}}");
    }

    @Test
    void movesInAndOutOfTheWhereClause() {
        RowFilter notDone = row -> "f".equals(row[2]);
        ChangeEncoder encoder = encoder(Replica.DEFAULT, notDone);
        assertThat(json(encoder.update(new String[] { "1", "a", "f", null }, new String[] { "1", "a", "t", null }, TX, 0)))
                .singleElement().asString().contains("\"operation\":\"delete\"").contains("\"value\":{\"id\":\"1\"}");
        assertThat(json(encoder.update(new String[] { "1", "a", "t", null }, new String[] { "1", "a", "f", null }, TX, 0)))
                .singleElement().asString().contains("\"operation\":\"insert\"")
                .contains("\"value\":{\"id\":\"1\",\"title\":\"a\",\"done\":\"f\",\"note\":null}");
        assertThat(encoder.update(new String[] { "1", "a", "t", null }, new String[] { "1", "b", "t", null }, TX, 0))
                .isEmpty();
        assertThat(encoder.insert(new String[] { "1", "a", "t", null }, TX, 0)).isEmpty();
        assertThat(encoder.delete(new String[] { "1", "a", "t", null }, TX, 0)).isEmpty();
    }

    @Test
    void deleteCarriesTheKeyOrTheWholeOldRow() {
        String[] old = { "9", "gone", "t", "n" };
        assertThat(json(encoder(Replica.DEFAULT, RowFilter.ALL).delete(old, TX, 0)).get(0))
                .contains("\"value\":{\"id\":\"9\"}");
        assertThat(json(encoder(Replica.FULL, RowFilter.ALL).delete(old, TX, 0)).get(0))
                .contains("\"value\":{\"id\":\"9\",\"title\":\"gone\",\"done\":\"t\",\"note\":\"n\"}");
    }

    @Test
    void lastGoesOnlyOnTheFinalEntryOfTheTransaction() {
        ChangeEncoder encoder = encoder(Replica.DEFAULT, RowFilter.ALL);
        List<ChangeEncoder.PendingEntry> entries = new java.util.ArrayList<>();
        entries.addAll(encoder.insert(new String[] { "1", "a", "f", null }, TX, 0));
        entries.addAll(encoder.insert(new String[] { "2", "b", "f", null }, TX, 2));
        List<String> json = json(entries);
        assertThat(json.get(0)).doesNotContain("\"last\"");
        assertThat(json.get(1)).contains("\"last\":true");
    }
    @Test
    void shapesWithTheSameMessagesShareTheEntriesOfATransactionAndStillDecideEachOnItsOwn() {
        RowMessages messages = new RowMessages(TABLE, TABLE.columns());
        ChangeEncoder all = new ChangeEncoder(messages, Replica.DEFAULT, RowFilter.ALL);
        ChangeEncoder done = new ChangeEncoder(messages, Replica.DEFAULT, row -> "t".equals(row[2]));
        ChangeEncoder full = new ChangeEncoder(messages, Replica.FULL, RowFilter.ALL);
        String[] before = { "1", "a", "f", "x" };
        String[] after = { "1", "b", "t", "x" };
        ChangeEncoder.Encoded encoded = new ChangeEncoder.Encoded(true);

        List<ChangeEncoder.PendingEntry> update = all.update(before, after, TX, 4, encoded);
        assertThat(all.update(before, after, TX, 4, encoded)).as("encoded once").isSameAs(update);
        assertThat(json(update)).isEqualTo(json(all.update(before, after, TX, 4)));
        // The same change moves into the other shape: an insert, not the update the first one shares.
        assertThat(json(done.update(before, after, TX, 4, encoded))).containsExactly(json(all.insert(after, TX, 4))
                .get(0));
        // Another replica sends other values: not shared.
        List<ChangeEncoder.PendingEntry> fullUpdate = full.update(before, after, TX, 4, encoded);
        assertThat(fullUpdate).isNotSameAs(update);
        assertThat(json(fullUpdate)).isEqualTo(json(full.update(before, after, TX, 4)));
        assertThat(json(fullUpdate).get(0)).contains("\"old_value\"");
        // Another op is another change.
        assertThat(all.insert(after, TX, 6, encoded)).isNotSameAs(all.insert(after, TX, 4, encoded));
    }
}
