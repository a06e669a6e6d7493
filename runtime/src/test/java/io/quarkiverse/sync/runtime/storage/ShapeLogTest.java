package io.quarkiverse.sync.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

class ShapeLogTest {

    static final String SNAPSHOT_END = "{\"headers\":{\"control\":\"snapshot-end\","
            + "\"xmin\":\"1\",\"xmax\":\"2\",\"xip_list\":[]}}";

    @TempDir
    Path tmp;

    private ShapeLog log;

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
    }

    static String text(Page page) {
        return new String(page.json(), StandardCharsets.UTF_8);
    }

    /** A row of exactly {@code length} bytes of JSON. */
    static String row(int id, int length) {
        String head = "{\"key\":\"\\\"public\\\".\\\"t\\\"/\\\"" + id + "\\\"\",\"value\":{\"id\":\"" + id
                + "\",\"text\":\"";
        String tail = "\"},\"headers\":{\"operation\":\"insert\"}}";
        return head + "x".repeat(length - head.length() - tail.length()) + tail;
    }

    /** A change entry of exactly {@code length} bytes that names its own offset. */
    static String entry(LogOffset offset, int length) {
        String head = "{\"o\":\"" + offset + "\",\"p\":\"";
        return head + "y".repeat(length - head.length() - 2) + "\"}";
    }

    static LogOffset at(long tx, long op) {
        return new LogOffset(tx, op);
    }

    // ---------------------------------------------------------------- snapshot region

    @Test
    void snapshotRowsArePagedInChunksAndSnapshotEndClosesTheLastOne() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 10_000);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            rows.add(row(i, 1000)); // 1001 bytes counted each: a chunk closes after 10 rows (10,010 >= 10,000)
            log.appendSnapshotRow(rows.get(i));
            assertThat(log.snapshotChunkCount()).isEqualTo((i + 1) / 10);
        }
        assertThat(log.snapshotComplete()).isFalse();
        assertThat(log.readSnapshotChunk(3)).isEmpty(); // 5 rows, still open
        assertThat(log.lastOffset()).isEqualTo(LogOffset.BEFORE_ALL);
        // Readable while the snapshot is still being written.
        assertThat(text(log.readSnapshotChunk(0).orElseThrow())).isEqualTo(String.join(",", rows.subList(0, 10)));

        log.finishSnapshot(SNAPSHOT_END);

        assertThat(log.snapshotComplete()).isTrue();
        assertThat(log.snapshotChunkCount()).isEqualTo(4);
        assertThat(log.readSnapshotChunk(4)).isEmpty();
        assertThat(log.readSnapshotChunk(-1)).isEmpty();
        StringBuilder all = new StringBuilder();
        int snapshotEnds = 0;
        for (int k = 0; k < 4; k++) {
            Page page = log.readSnapshotChunk(k).orElseThrow();
            assertThat(page.end()).isEqualTo(LogOffset.snapshotChunk(k));
            String body = text(page);
            snapshotEnds += body.split("snapshot-end", -1).length - 1;
            assertThat(page.count()).isEqualTo(k < 3 ? 10 : 6);
            if (k < 3) {
                assertThat(body).isEqualTo(String.join(",", rows.subList(10 * k, 10 * k + 10)));
                assertThat(body.length()).isBetween(10_000, 12_000);
            } else {
                assertThat(body).endsWith("," + SNAPSHOT_END);
            }
            all.append(k == 0 ? "" : ",").append(body);
        }
        assertThat(snapshotEnds).isEqualTo(1);
        List<String> expected = new ArrayList<>(rows);
        expected.add(SNAPSHOT_END);
        assertThat(all.toString()).isEqualTo(String.join(",", expected));
        assertThat(log.lastOffset()).isEqualTo(LogOffset.snapshotChunk(3));
    }

    @Test
    void anEmptyTableGivesOneChunkWithOnlySnapshotEnd() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 10_000);
        assertThat(log.snapshotChunkCount()).isZero();
        assertThat(log.readSnapshotChunk(0)).isEmpty();
        log.finishSnapshot(SNAPSHOT_END);
        assertThat(log.snapshotChunkCount()).isEqualTo(1);
        Page page = log.readSnapshotChunk(0).orElseThrow();
        assertThat(text(page)).isEqualTo(SNAPSHOT_END);
        assertThat(page.count()).isEqualTo(1);
        assertThat(page.end()).isEqualTo(LogOffset.snapshotChunk(0));
        assertThat(log.lastOffset()).isEqualTo(LogOffset.snapshotChunk(0));
        assertThatThrownBy(() -> log.finishSnapshot(SNAPSHOT_END)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.appendSnapshotRow(row(1, 100))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whenTheLastRowClosesAChunkSnapshotEndGetsAChunkOfItsOwn() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 10_000);
        for (int i = 0; i < 20; i++) {
            log.appendSnapshotRow(row(i, 1000));
        }
        assertThat(log.snapshotChunkCount()).isEqualTo(2);
        String closed = text(log.readSnapshotChunk(1).orElseThrow());
        log.finishSnapshot(SNAPSHOT_END);
        assertThat(log.snapshotChunkCount()).isEqualTo(3);
        assertThat(text(log.readSnapshotChunk(1).orElseThrow())).isEqualTo(closed); // a closed chunk never changes
        assertThat(text(log.readSnapshotChunk(2).orElseThrow())).isEqualTo(SNAPSHOT_END);
    }

    @Test
    void snapshotChunkSizeCountsUtf8Bytes() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 100);
        String accented = "{\"v\":\"" + "é".repeat(30) + "\"}"; // 38 chars, 68 bytes
        log.appendSnapshotRow(accented);
        assertThat(log.snapshotChunkCount()).isZero();
        log.appendSnapshotRow(accented); // 69 + 69 >= 100
        assertThat(log.snapshotChunkCount()).isEqualTo(1);
        assertThat(text(log.readSnapshotChunk(0).orElseThrow())).isEqualTo(accented + "," + accented);
    }

    // ---------------------------------------------------------------- change log: readAfter

    private void appendTx(long lsn, int entries, int length) throws IOException {
        for (int i = 0; i < entries; i++) {
            log.append(at(lsn, 2L * i), entry(at(lsn, 2L * i), length));
        }
        log.commit(lsn);
    }

    @Test
    void readAfterReturnsEntriesStrictlyAfterTheOffset() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 10_000_000);
        log.finishSnapshot(SNAPSHOT_END);
        appendTx(100, 3, 50);
        appendTx(200, 1, 50);
        String e100x0 = entry(at(100, 0), 50);
        String e100x2 = entry(at(100, 2), 50);
        String e100x4 = entry(at(100, 4), 50);
        String e200x0 = entry(at(200, 0), 50);

        for (LogOffset start : List.of(LogOffset.BEFORE_ALL, LogOffset.snapshotChunk(0), LogOffset.LAST_SNAPSHOT)) {
            Page all = log.readAfter(start);
            assertThat(text(all)).isEqualTo(String.join(",", e100x0, e100x2, e100x4, e200x0));
            assertThat(all.count()).isEqualTo(4);
            assertThat(all.end()).isEqualTo(at(200, 0));
        }
        assertThat(text(log.readAfter(at(100, 0)))).isEqualTo(String.join(",", e100x2, e100x4, e200x0));
        // Offsets are positions, not entry ids: one between entries reads from the next entry.
        assertThat(text(log.readAfter(at(100, 1)))).isEqualTo(String.join(",", e100x2, e100x4, e200x0));
        assertThat(text(log.readAfter(at(100, 4)))).isEqualTo(e200x0);
        Page between = log.readAfter(at(150, 0));
        assertThat(text(between)).isEqualTo(e200x0);
        assertThat(between.end()).isEqualTo(at(200, 0));
        assertThat(text(log.readAfter(at(99, 0)))).startsWith(e100x0);

        Page atEnd = log.readAfter(at(200, 0));
        assertThat(atEnd.json()).isEmpty();
        assertThat(atEnd.count()).isZero();
        assertThat(atEnd.end()).isEqualTo(at(200, 0));
        Page beyond = log.readAfter(at(300, 0));
        assertThat(beyond.json()).isEmpty();
        assertThat(beyond.end()).isEqualTo(at(300, 0));
        assertThat(log.lastOffset()).isEqualTo(at(200, 0));
    }

    @Test
    void anEmptyChangeLogAnswersWithTheRequestedOffset() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 1000);
        assertThat(log.lastOffset()).isEqualTo(LogOffset.BEFORE_ALL);
        Page page = log.readAfter(LogOffset.LAST_SNAPSHOT);
        assertThat(page.json()).isEmpty();
        assertThat(page.end()).isEqualTo(LogOffset.LAST_SNAPSHOT);
        assertThat(log.readAfter(LogOffset.BEFORE_ALL).end()).isEqualTo(LogOffset.BEFORE_ALL);
        log.commit(5); // a transaction with nothing for this shape
        assertThat(log.lastCommittedLsn()).isEqualTo(5);
        assertThat(log.lastOffset()).isEqualTo(LogOffset.BEFORE_ALL);
    }

    @Test
    void closedChunksEndPagesOpenChunksEndAtTheLastCommittedEntry() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 100);
        // 40-byte entries: a chunk closes after every third entry (120 >= 100).
        appendTx(10, 2, 40); // entries 10_0 10_2
        appendTx(20, 2, 40); // 20_0 closes chunk 0; 20_2
        appendTx(30, 3, 40); // 30_0; 30_2 closes chunk 1; 30_4
        Page first = log.readAfter(LogOffset.BEFORE_ALL);
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.end()).isEqualTo(at(20, 0));
        // Inside a closed chunk: to its end.
        Page inside = log.readAfter(at(10, 0));
        assertThat(inside.count()).isEqualTo(2);
        assertThat(inside.end()).isEqualTo(at(20, 0));
        assertThat(text(inside)).isEqualTo(entry(at(10, 2), 40) + "," + entry(at(20, 0), 40));
        Page second = log.readAfter(first.end());
        assertThat(second.count()).isEqualTo(3);
        assertThat(second.end()).isEqualTo(at(30, 2));
        // The open chunk: up to the last committed entry.
        Page open = log.readAfter(second.end());
        assertThat(open.count()).isEqualTo(1);
        assertThat(open.end()).isEqualTo(at(30, 4));
        assertThat(text(open)).isEqualTo(entry(at(30, 4), 40));
        // Each page either advances or is at the end.
        assertThat(log.readAfter(open.end()).count()).isZero();
    }

    @Test
    void aChunkClosingMidTransactionIsInvisibleUntilCommit() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 100);
        appendTx(10, 2, 40); // 80 bytes, chunk open
        log.append(at(20, 0), entry(at(20, 0), 40)); // 120: closes chunk 0 here, in the middle of tx 20
        log.append(at(20, 2), entry(at(20, 2), 40));

        Page before = log.readAfter(LogOffset.BEFORE_ALL);
        assertThat(before.count()).isEqualTo(2);
        assertThat(before.end()).isEqualTo(at(10, 2));
        assertThat(log.readAfter(at(10, 2)).count()).isZero();
        assertThat(log.lastOffset()).isEqualTo(at(10, 2));

        log.commit(20);

        Page after = log.readAfter(LogOffset.BEFORE_ALL);
        assertThat(after.count()).isEqualTo(3);
        assertThat(after.end()).isEqualTo(at(20, 0)); // the chunk end, mid-transaction
        Page rest = log.readAfter(after.end());
        assertThat(rest.count()).isEqualTo(1);
        assertThat(rest.end()).isEqualTo(at(20, 2));
        assertThat(log.lastOffset()).isEqualTo(at(20, 2));
    }

    @Test
    void pagesOfAClosedChunkAreDeterministic() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 100);
        appendTx(10, 3, 40);
        Page a = log.readAfter(at(10, 0));
        appendTx(20, 5, 40);
        log.release();
        Page b = log.readAfter(at(10, 0));
        assertThat(b.json()).isEqualTo(a.json());
        assertThat(b.end()).isEqualTo(a.end()).isEqualTo(at(10, 4));
        assertThat(b.count()).isEqualTo(a.count());
    }

    @Test
    void uncommittedEntriesAreInvisibleAndACommitShowsThemAllAtOnce() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 10_000);
        appendTx(10, 1, 60);
        for (int i = 0; i < 500; i++) { // more than the write buffers hold: part of it reaches the file before commit
            log.append(at(20, 2L * i), entry(at(20, 2L * i), 300));
        }
        assertThat(log.readAfter(LogOffset.BEFORE_ALL).count()).isEqualTo(1);
        assertThat(log.readAfter(at(10, 0)).count()).isZero();
        assertThat(log.lastOffset()).isEqualTo(at(10, 0));
        assertThat(log.lastCommittedLsn()).isEqualTo(10);
        log.commit(20);
        assertThat(log.lastCommittedLsn()).isEqualTo(20);
        assertThat(log.lastOffset()).isEqualTo(at(20, 998));
        int seen = 0;
        LogOffset offset = at(10, 0);
        while (true) {
            Page page = log.readAfter(offset);
            if (page.count() == 0) {
                break;
            }
            seen += page.count();
            offset = page.end();
        }
        assertThat(seen).isEqualTo(500);
    }

    @Test
    void outOfOrderAndAlreadyCommittedOffsetsAreRefused() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 10_000);
        appendTx(10, 2, 40);
        assertThatThrownBy(() -> log.append(at(10, 4), "{}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not after the last committed");
        assertThatThrownBy(() -> log.append(at(5, 0), "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(LogOffset.snapshotChunk(1), "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.commit(10)).isInstanceOf(IllegalArgumentException.class);
        log.append(at(20, 0), "{\"a\":1}");
        assertThatThrownBy(() -> log.append(at(20, 0), "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(at(30, 0), "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.commit(30)).isInstanceOf(IllegalArgumentException.class);
        log.append(at(20, 1), "{\"a\":2}"); // PK-change split: n, n+1
        log.commit(20);
        assertThat(text(log.readAfter(at(10, 2)))).isEqualTo("{\"a\":1},{\"a\":2}");
    }

    @Test
    void unsignedLsnsAboveLongMaxSortAfterTheLowerHalf() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 10_000);
        long high = Long.parseUnsignedLong("18446744073709551000");
        appendTx(Long.MAX_VALUE, 1, 40);
        appendTx(high, 1, 40);
        assertThat(log.lastCommittedLsn()).isEqualTo(high);
        assertThat(log.readAfter(at(Long.MAX_VALUE, 0)).end()).isEqualTo(at(high, 0));
        assertThatThrownBy(() -> log.append(at(5, 0), "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entriesLargerThanTheBuffersAndPagesLargerThanAReadSlice() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 10_000_000);
        String big = entry(at(10, 0), 700_000);
        log.append(at(10, 0), big);
        log.append(at(10, 2), entry(at(10, 2), 30));
        log.commit(10);
        Page page = log.readAfter(LogOffset.BEFORE_ALL);
        assertThat(text(page)).isEqualTo(big + "," + entry(at(10, 2), 30));
    }

    @Test
    void releaseClosesHandlesAndEverythingStillWorksAfterIt() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 250);
        log.appendSnapshotRow(row(1, 100));
        log.release(); // in the middle of the snapshot
        log.appendSnapshotRow(row(2, 100));
        log.finishSnapshot(SNAPSHOT_END);
        log.release();
        appendTx(10, 3, 40);
        log.release();
        assertThat(log.readAfter(LogOffset.BEFORE_ALL).count()).isEqualTo(3);
        log.append(at(20, 0), entry(at(20, 0), 40));
        log.release(); // with a pending entry: it stays buffered
        log.commit(20);
        assertThat(log.readAfter(at(10, 4)).count()).isEqualTo(1);
        log.release();
        assertThat(log.sync()).isEqualTo(20);
        log.release();
        assertThat(log.syncedLsn()).isEqualTo(20);
        assertThat(text(log.readSnapshotChunk(0).orElseThrow()))
                .isEqualTo(row(1, 100) + "," + row(2, 100) + "," + SNAPSHOT_END);
        log.close();
        assertThatThrownBy(() -> log.readAfter(LogOffset.BEFORE_ALL)).isInstanceOf(IllegalStateException.class);
        log = ShapeLog.open(tmp.resolve("s"), 250);
        assertThat(log.readAfter(LogOffset.BEFORE_ALL).count()).isEqualTo(4);
        assertThat(log.lastOffset()).isEqualTo(at(20, 0));
    }

    @Test
    void aReleasedLogWithACompleteSnapshotAndEverythingSyncedGoesIdleAndAnswersAsBefore() throws IOException {
        log = ShapeLog.create(tmp.resolve("s"), 250);
        log.appendSnapshotRow(row(1, 100));
        log.appendSnapshotRow(row(2, 100));
        log.finishSnapshot(SNAPSHOT_END);
        appendTx(10, 3, 100); // 3 entries of 100 bytes: one closed chunk of 3
        appendTx(20, 1, 100);
        log.release();
        assertThat(log.isIdle()).as("commits not synced yet").isFalse();
        log.sync();
        log.release();
        assertThat(log.isIdle()).isTrue();

        // Everything a reader asks of an idle log, without making it active.
        assertThat(log.lastCommittedLsn()).isEqualTo(20);
        assertThat(log.syncedLsn()).isEqualTo(20);
        assertThat(log.lastOffset()).isEqualTo(at(20, 0));
        assertThat(log.snapshotComplete()).isTrue();
        assertThat(log.snapshotChunkCount()).isEqualTo(1);
        assertThat(log.sync()).isEqualTo(20);
        assertThat(log.isIdle()).isTrue();

        // Reads and appends make it active again, from where it was.
        assertThat(text(log.readSnapshotChunk(0).orElseThrow()))
                .isEqualTo(row(1, 100) + "," + row(2, 100) + "," + SNAPSHOT_END);
        assertThat(log.readSnapshotChunk(1)).isEmpty();
        Page page = log.readAfter(LogOffset.BEFORE_ALL);
        assertThat(page.count()).isEqualTo(3);
        assertThat(page.end()).isEqualTo(at(10, 4));
        log.release();
        assertThat(log.isIdle()).isTrue();
        assertThatThrownBy(() -> log.append(at(20, 2), "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.appendSnapshotRow(row(3, 100))).isInstanceOf(IllegalStateException.class);
        appendTx(30, 2, 100); // closes the second chunk (4 x 100 >= 250 after the first)
        assertThat(log.isIdle()).isFalse();
        assertThat(text(log.readAfter(at(10, 4)))).isEqualTo(
                String.join(",", entry(at(20, 0), 100), entry(at(30, 0), 100), entry(at(30, 2), 100)));
        assertThat(log.lastOffset()).isEqualTo(at(30, 2));
        assertThat(log.sync()).isEqualTo(30);
        log.release();
        assertThat(log.isIdle()).isTrue();
        log.close();
        assertThatThrownBy(() -> log.readAfter(LogOffset.BEFORE_ALL)).isInstanceOf(IllegalStateException.class);

        log = ShapeLog.open(tmp.resolve("s"), 250);
        assertThat(log.isIdle()).as("a reopened log starts idle").isTrue();
        assertThat(log.readAfter(LogOffset.BEFORE_ALL).count()).isEqualTo(3);
        assertThat(log.readAfter(at(10, 4)).count()).isEqualTo(3);
        assertThat(log.lastOffset()).isEqualTo(at(30, 2));
        appendTx(40, 1, 100);
        assertThat(log.readAfter(at(30, 2)).count()).isEqualTo(1);
    }

    @Test
    void createRefusesAnExistingLogAndDeleteRemovesIt() throws IOException {
        Path dir = tmp.resolve("s");
        log = ShapeLog.create(dir, 100);
        assertThatThrownBy(() -> ShapeLog.create(dir, 100))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        log.close();
        log = null;
        ShapeLog.delete(dir);
        assertThat(dir).doesNotExist();
        ShapeLog.delete(dir); // nothing to do
        assertThatThrownBy(() -> ShapeLog.open(dir, 100)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
