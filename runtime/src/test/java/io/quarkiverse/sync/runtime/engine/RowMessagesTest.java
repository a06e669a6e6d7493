package io.quarkiverse.sync.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.TableSchema.Column;

class RowMessagesTest {

    private static final Column A = new Column("a", 1, "text", false, 0, -1, true, 0, 'b', 0);
    private static final Column B = new Column("b", 2, "text", false, 0, -1, false, -1, 'b', 0);
    private static final Column C = new Column("c", 3, "text", false, 0, -1, true, 1, 'b', 0);

    @Test
    void keysFollowThePrimaryKeyOrderAndDoubleSlashes() {
        TableSchema table = new TableSchema(1, "hello", "world", List.of(A, B, C));
        RowMessages messages = new RowMessages(table, table.columns());
        assertThat(messages.key(new String[] { "b", "x", "d" })).isEqualTo("\"hello\".\"world\"/\"b\"/\"d\"");
        assertThat(messages.key(new String[] { "test/test", "x", "" })).isEqualTo("\"hello\".\"world\"/\"test//test\"/\"\"");
    }

    @Test
    void tablesWithoutPrimaryKeyUseEveryColumnAndUnderscoreForNull() {
        Column a = new Column("a", 1, "int4", false, 0, -1, false, -1, 'b', 0);
        Column b = new Column("b", 2, "int4", false, 0, -1, false, -1, 'b', 0);
        Column c = new Column("c", 3, "int4", false, 0, -1, false, -1, 'b', 0);
        TableSchema table = new TableSchema(1, "public", "t", List.of(a, b, c));
        assertThat(new RowMessages(table, table.columns()).key(new String[] { "1", null, "2" }))
                .isEqualTo("\"public\".\"t\"/\"1\"/_/\"2\"");
    }

    @Test
    void relationNamesKeepSpacesAndDoubleDotsAndSlashes() {
        TableSchema table = new TableSchema(1, "electric_test", "issues for a.b/c", List.of(A));
        assertThat(new RowMessages(table, table.columns()).key(new String[] { "1" }))
                .isEqualTo("\"electric_test\".\"issues for a..b//c\"/\"1\"");
    }

    @Test
    void snapshotInsertCarriesOnlySelectedColumnsAndOperationAndRelation() {
        TableSchema table = new TableSchema(1, "public", "items", List.of(A, B, C));
        StringBuilder out = new StringBuilder();
        new RowMessages(table, List.of(A, C)).appendSnapshotInsert(out, new String[] { "1", "skip", null });
        assertThat(out.toString()).isEqualTo("{\"key\":\"\\\"public\\\".\\\"items\\\"/\\\"1\\\"/_\","
                + "\"value\":{\"a\":\"1\",\"c\":null},"
                + "\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"items\"]}}");
    }
}
