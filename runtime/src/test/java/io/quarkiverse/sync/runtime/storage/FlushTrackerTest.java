package io.quarkiverse.sync.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

class FlushTrackerTest {

    private final FlushTracker<String> tracker = new FlushTracker<>();

    /** End LSN of the transaction committed at {@code commit} in these tests. */
    private static long end(long commit) {
        return commit + 1;
    }

    private void stored(long commit, String... shapes) {
        tracker.transactionStored(commit, end(commit), List.of(shapes));
    }

    @Test
    void nothingIsAcknowledgeableBeforeATransaction() {
        assertThat(tracker.acknowledgeable()).isZero();
        assertThat(tracker.pendingShapes()).isZero();
    }

    @Test
    void aTransactionNoShapeReceivedIsAcknowledgeableAtOnce() {
        stored(10);
        assertThat(tracker.acknowledgeable()).isEqualTo(end(10));
        assertThat(tracker.durableCommitLsn()).isEqualTo(10);
    }

    @Test
    void aTransactionWaitsForEveryShapeThatReceivedIt() {
        stored(10);
        stored(20, "a", "b");
        stored(30);
        assertThat(tracker.acknowledgeable()).isEqualTo(end(10));
        tracker.shapeSynced("a", 20);
        assertThat(tracker.acknowledgeable()).isEqualTo(end(10));
        tracker.shapeSynced("b", 20);
        assertThat(tracker.acknowledgeable()).isEqualTo(end(30)); // nothing pending: everything stored is durable
        assertThat(tracker.pendingShapes()).isZero();
    }

    @Test
    void aLaggingShapeHoldsBackOnlyWhatItHasNotSynced() {
        stored(10, "a");
        stored(20, "b");
        stored(30, "a");
        stored(40, "b");
        tracker.shapeSynced("b", 40);
        assertThat(tracker.acknowledgeable()).isZero(); // a holds back 10
        tracker.shapeSynced("a", 10);
        // a still has 30 unsynced. Conservative: durable up to a's synced point (20 would also be safe).
        assertThat(tracker.durableCommitLsn()).isEqualTo(10);
        assertThat(tracker.acknowledgeable()).isEqualTo(end(10));
        tracker.shapeSynced("a", 30);
        assertThat(tracker.acknowledgeable()).isEqualTo(end(40));
    }

    @Test
    void aShapeThatWasCaughtUpHoldsBackNothingBeforeItsNextTransaction() {
        stored(10, "a");
        tracker.shapeSynced("a", 10);
        stored(20, "b");
        stored(30, "a");
        tracker.shapeSynced("b", 20);
        assertThat(tracker.acknowledgeable()).isEqualTo(end(20)); // a is behind on 30 only
    }

    @Test
    void staleOrUnknownSyncsAndRemovedShapesAreHandled() {
        stored(10, "a");
        tracker.shapeSynced("zzz", 10);
        tracker.shapeSynced("a", 5); // a sync that captured an older commit point
        assertThat(tracker.acknowledgeable()).isZero();
        tracker.shapeRemoved("a");
        assertThat(tracker.acknowledgeable()).isEqualTo(end(10));
        tracker.shapeRemoved("a");
        assertThatThrownBy(() -> stored(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unsignedLsns() {
        long high = Long.parseUnsignedLong("18446744073709551000");
        stored(Long.MAX_VALUE, "a");
        stored(high, "b");
        tracker.shapeSynced("b", high);
        assertThat(tracker.durableCommitLsn()).isZero();
        tracker.shapeSynced("a", Long.MAX_VALUE);
        assertThat(tracker.acknowledgeable()).isEqualTo(high + 1);
    }

    @Test
    void drivenByRealShapeLogSyncs(@TempDir Path tmp) throws Exception {
        try (ShapeLog a = ShapeLog.create(tmp.resolve("a"), 10_000);
                ShapeLog b = ShapeLog.create(tmp.resolve("b"), 10_000)) {
            for (long lsn = 100; lsn <= 150; lsn += 10) {
                Set<String> touched = lsn % 20 == 0 ? Set.of("a") : Set.of("a", "b");
                for (String shape : touched) {
                    ShapeLog log = shape.equals("a") ? a : b;
                    log.append(new LogOffset(lsn, 0), "{\"lsn\":" + lsn + "}");
                    log.commit(lsn);
                }
                tracker.transactionStored(lsn, end(lsn), touched);
            }
            tracker.shapeSynced("a", a.sync());
            assertThat(tracker.acknowledgeable()).isEqualTo(end(100)); // b's first is 110
            tracker.shapeSynced("b", b.sync());
            assertThat(tracker.acknowledgeable()).isEqualTo(end(150));
        }
    }
}
