package io.quarkiverse.sync.runtime.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.runtime.pg.PgMessage.Relation.Column;
import io.quarkiverse.sync.runtime.pg.TupleData.Value;

class TransactionAssemblerTest {

    private static final PgMessage.Relation ITEMS = new PgMessage.Relation(100, "public", "items", 'f',
            List.of(new Column(true, "id", 23, -1), new Column(false, "title", 25, -1)));
    private static final PgMessage.Relation ITEMS_WITH_NOTE = new PgMessage.Relation(100, "public", "items", 'f',
            List.of(new Column(true, "id", 23, -1), new Column(false, "title", 25, -1), new Column(false, "note", 25, -1)));
    private static final PgMessage.Relation OTHER = new PgMessage.Relation(200, "app", "other", 'd',
            List.of(new Column(true, "id", 23, -1)));

    private final TransactionAssembler assembler = new TransactionAssembler();

    @Test
    void groupsChangesBetweenBeginAndCommitWithTheirRelations() {
        assertThat(assembler.accept(new PgMessage.Begin(Lsn.parse("0/50"), 1_000, 777))).isNull();
        assertThat(assembler.accept(new PgMessage.Type(300, "public", "mood"))).isNull();
        assertThat(assembler.accept(ITEMS)).isNull();
        assertThat(assembler.accept(new PgMessage.Insert(100, tuple("1", "a")))).isNull();
        assertThat(assembler.accept(OTHER)).isNull();
        assertThat(assembler.accept(new PgMessage.Delete(200, new TupleData(TupleData.Kind.KEY, List.of(Value.text("9"))))))
                .isNull();
        assertThat(assembler.accept(new PgMessage.Update(100, null, tuple("1", "b")))).isNull();
        assertThat(assembler.inTransaction()).isTrue();

        Transaction transaction = assembler.accept(new PgMessage.Commit(Lsn.parse("0/50"), Lsn.parse("0/80"), 1_000));

        assertThat(assembler.inTransaction()).isFalse();
        assertThat(transaction.xid()).isEqualTo(777);
        assertThat(transaction.commitLsn()).isEqualTo(Lsn.parse("0/50"));
        assertThat(transaction.endLsn()).isEqualTo(Lsn.parse("0/80"));
        assertThat(transaction.commitTimeMicros()).isEqualTo(1_000);
        assertThat(transaction.relations()).containsExactly(ITEMS, OTHER);
        assertThat(transaction.types()).containsExactly(new PgMessage.Type(300, "public", "mood"));
        assertThat(transaction.changes()).containsExactly(
                new Change.Insert(ITEMS, tuple("1", "a")),
                new Change.Delete(OTHER, new TupleData(TupleData.Kind.KEY, List.of(Value.text("9")))),
                new Change.Update(ITEMS, null, tuple("1", "b")));
    }

    @Test
    void relationsAreRememberedAcrossTransactionsAndReplacedWhenAnnouncedAgain() {
        assembler.accept(new PgMessage.Begin(Lsn.parse("0/10"), 1, 1));
        assembler.accept(ITEMS);
        assembler.accept(new PgMessage.Insert(100, tuple("1", "a")));
        assembler.accept(new PgMessage.Commit(Lsn.parse("0/10"), Lsn.parse("0/20"), 1));

        assembler.accept(new PgMessage.Begin(Lsn.parse("0/30"), 2, 2));
        assembler.accept(new PgMessage.Insert(100, tuple("2", "b")));
        assembler.accept(ITEMS_WITH_NOTE);
        assembler.accept(new PgMessage.Insert(100, tuple("3", "c", "n")));
        assembler.accept(new PgMessage.Truncate(List.of(100), true, false));
        Transaction second = assembler.accept(new PgMessage.Commit(Lsn.parse("0/30"), Lsn.parse("0/40"), 2));

        assertThat(second.relations()).containsExactly(ITEMS_WITH_NOTE);
        assertThat(second.changes()).containsExactly(
                new Change.Insert(ITEMS, tuple("2", "b")),
                new Change.Insert(ITEMS_WITH_NOTE, tuple("3", "c", "n")),
                new Change.Truncate(List.of(ITEMS_WITH_NOTE), true, false));
    }

    @Test
    void emptyTransactionsAreDelivered() {
        assembler.accept(new PgMessage.Begin(Lsn.parse("0/10"), 1, 5));
        Transaction empty = assembler.accept(new PgMessage.Commit(Lsn.parse("0/10"), Lsn.parse("0/18"), 1));

        assertThat(empty.changes()).isEmpty();
        assertThat(empty.xidUnsigned()).isEqualTo(5);
    }

    @Test
    void rejectsMessagesOutOfProtocolOrder() {
        assertThatThrownBy(() -> assembler.accept(new PgMessage.Insert(100, tuple("1", "a"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside a transaction");
        assertThatThrownBy(() -> assembler.accept(new PgMessage.Commit(Lsn.parse("0/1"), Lsn.parse("0/2"), 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without a BEGIN");

        assembler.accept(new PgMessage.Begin(Lsn.parse("0/10"), 1, 1));
        assertThatThrownBy(() -> assembler.accept(new PgMessage.Insert(999, tuple("1"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never announced");
        assertThatThrownBy(() -> assembler.accept(new PgMessage.Begin(Lsn.parse("0/20"), 1, 2)))
                .isInstanceOf(IllegalStateException.class);
    }

    private static TupleData tuple(String... texts) {
        return new TupleData(TupleData.Kind.NEW, java.util.Arrays.stream(texts).map(Value::text).toList());
    }
}
