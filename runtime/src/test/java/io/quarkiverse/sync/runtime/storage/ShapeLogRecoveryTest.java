package io.quarkiverse.sync.runtime.storage;

import static io.quarkiverse.sync.runtime.storage.ShapeLogTest.SNAPSHOT_END;
import static io.quarkiverse.sync.runtime.storage.ShapeLogTest.at;
import static io.quarkiverse.sync.runtime.storage.ShapeLogTest.entry;
import static io.quarkiverse.sync.runtime.storage.ShapeLogTest.row;
import static io.quarkiverse.sync.runtime.storage.ShapeLogTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/** Crash and restart: {@code open} gives back exactly what the last {@code sync()} made durable. */
class ShapeLogRecoveryTest {

    private static final long THRESHOLD = 100; // 40-byte entries: a chunk closes after every third entry

    @TempDir
    Path tmp;

    private ShapeLog log;

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
    }

    /** Transaction {@code lsn}: {@code lsn % 3 + 1} entries of 40 bytes (so chunks end mid-transaction). */
    private static void writeTx(ShapeLog log, long lsn, String tag) throws IOException {
        for (int i = 0; i <= lsn % 3; i++) {
            LogOffset offset = at(lsn, 2L * i);
            String e = entry(offset, 40);
            log.append(offset, e.substring(0, e.length() - 4) + tag + "\"}");
        }
        log.commit(lsn);
    }

    /** Every page from {@code -1} to the end, as "end|count|bytes". */
    private static List<String> pages(ShapeLog log) {
        List<String> pages = new ArrayList<>();
        LogOffset offset = LogOffset.BEFORE_ALL;
        while (true) {
            Page page = log.readAfter(offset);
            if (page.count() == 0) {
                assertThat(page.end()).isEqualTo(offset);
                return pages;
            }
            pages.add(page.end() + "|" + page.count() + "|" + text(page));
            offset = page.end();
        }
    }

    private static void truncateBy(Path file, long bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - bytes);
        }
    }

    @Test
    void openKeepsExactlyTheSyncedStateAndAppendingContinuesFromThere() throws IOException {
        Path dir = tmp.resolve("s");
        log = ShapeLog.create(dir, THRESHOLD);
        log.finishSnapshot(SNAPSHOT_END);
        for (long lsn = 1; lsn <= 10; lsn++) {
            writeTx(log, lsn, "aa");
        }
        assertThat(log.syncedLsn()).isZero();
        assertThat(log.sync()).isEqualTo(10);
        assertThat(log.syncedLsn()).isEqualTo(10);
        List<String> synced = pages(log);
        for (long lsn = 11; lsn <= 15; lsn++) { // committed, handed to the OS, never synced
            writeTx(log, lsn, "bb");
        }
        log.append(at(16, 0), entry(at(16, 0), 40)); // not even committed
        assertThat(log.syncedLsn()).isEqualTo(10);
        log.close(); // crash: no sync

        log = ShapeLog.open(dir, THRESHOLD);
        assertThat(log.lastCommittedLsn()).isEqualTo(10);
        assertThat(log.syncedLsn()).isEqualTo(10);
        assertThat(log.lastOffset()).isEqualTo(at(10, 2));
        assertThat(log.snapshotComplete()).isTrue();
        assertThat(pages(log)).isEqualTo(synced);
        assertThatThrownBy(() -> log.append(at(10, 4), "{}")).isInstanceOf(IllegalArgumentException.class);

        // Replay from 11 with different bytes: the result is the log a single uninterrupted run would have written.
        for (long lsn = 11; lsn <= 20; lsn++) {
            writeTx(log, lsn, "cc");
        }
        try (ShapeLog reference = ShapeLog.create(tmp.resolve("ref"), THRESHOLD)) {
            for (long lsn = 1; lsn <= 10; lsn++) {
                writeTx(reference, lsn, "aa");
            }
            for (long lsn = 11; lsn <= 20; lsn++) {
                writeTx(reference, lsn, "cc");
            }
            assertThat(pages(log)).isEqualTo(pages(reference));
        }
        log.sync();
        log.close();
        log = ShapeLog.open(dir, THRESHOLD);
        assertThat(log.lastCommittedLsn()).isEqualTo(20);
        assertThat(String.join("\n", pages(log))).contains("cc").doesNotContain("bb");
    }

    /** Opens {@code log} on a new log of transactions 1..n, synced; returns its pages. */
    private List<String> createSynced(Path dir, int n) throws IOException {
        log = ShapeLog.create(dir, THRESHOLD);
        for (long lsn = 1; lsn <= n; lsn++) {
            writeTx(log, lsn, "aa");
        }
        log.sync();
        return pages(log);
    }

    @Test
    void aTornTailIsTruncatedAway() throws IOException {
        Path dir = tmp.resolve("s");
        List<String> synced = createSynced(dir, 5);
        for (long lsn = 6; lsn <= 8; lsn++) {
            writeTx(log, lsn, "bb");
        }
        log.close();
        truncateBy(dir.resolve("log.json"), 17); // mid-entry
        truncateBy(dir.resolve("log.idx"), 5); // mid-record

        log = ShapeLog.open(dir, THRESHOLD);
        assertThat(log.lastCommittedLsn()).isEqualTo(5);
        assertThat(pages(log)).isEqualTo(synced);
        assertThat(Files.size(dir.resolve("log.idx")) % EntryIndex.RECORD).isZero();
        writeTx(log, 6, "cc");
        assertThat(log.readAfter(at(5, 4)).count()).isEqualTo(1);
    }

    @Test
    void garbageAfterTheSyncedEndAndALeftoverTempFileAreIgnored() throws IOException {
        Path dir = tmp.resolve("s");
        List<String> synced = createSynced(dir, 4);
        log.close();
        for (String name : List.of("log.json", "log.idx", "chunks.idx")) {
            Files.write(dir.resolve(name), new byte[] { 1, 2, 3, 4, 5, 6, 7 }, StandardOpenOption.APPEND);
        }
        Files.write(dir.resolve("log.commit.tmp"), new byte[] { 9, 9, 9 }); // a sync interrupted before its rename

        log = ShapeLog.open(dir, THRESHOLD);
        assertThat(pages(log)).isEqualTo(synced);
        assertThat(dir.resolve("log.commit.tmp")).doesNotExist();
    }

    @Test
    void aLogNeverSyncedOpensEmpty() throws IOException {
        Path dir = tmp.resolve("s");
        log = ShapeLog.create(dir, THRESHOLD);
        writeTx(log, 1, "aa");
        log.close();
        log = ShapeLog.open(dir, THRESHOLD);
        assertThat(log.lastCommittedLsn()).isZero();
        assertThat(log.lastOffset()).isEqualTo(LogOffset.BEFORE_ALL);
        assertThat(pages(log)).isEmpty();
        assertThat(Files.size(dir.resolve("log.json"))).isZero();
    }

    @Test
    void aCommitWithoutEntriesIsDurableToo() throws IOException {
        Path dir = tmp.resolve("s");
        log = ShapeLog.create(dir, THRESHOLD);
        writeTx(log, 1, "aa");
        log.commit(7);
        assertThat(log.sync()).isEqualTo(7);
        assertThat(log.sync()).isEqualTo(7); // nothing new
        log.close();
        log = ShapeLog.open(dir, THRESHOLD);
        assertThat(log.lastCommittedLsn()).isEqualTo(7);
        assertThat(log.lastOffset()).isEqualTo(at(1, 2));
    }

    /** A closed log holding one synced transaction. */
    private Path syncedLogOfOneTransaction() throws IOException {
        Path dir = tmp.resolve("s");
        try (ShapeLog synced = ShapeLog.create(dir, THRESHOLD)) {
            writeTx(synced, 1, "aa");
            synced.sync();
        }
        return dir;
    }

    @Test
    void aDamagedCommitPointIsAnError() throws IOException {
        Path dir = syncedLogOfOneTransaction();
        byte[] commit = Files.readAllBytes(dir.resolve("log.commit"));
        commit[12] ^= 1;
        Files.write(dir.resolve("log.commit"), commit);
        assertThatThrownBy(() -> ShapeLog.open(dir, THRESHOLD)).isInstanceOf(IOException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void syncedDataMissingFromDiskIsAnError() throws IOException {
        Path dir = syncedLogOfOneTransaction();
        truncateBy(dir.resolve("log.json"), 3);
        assertThatThrownBy(() -> ShapeLog.open(dir, THRESHOLD)).isInstanceOf(IOException.class)
                .hasMessageContaining("recorded as durable");
    }

    @Test
    void aFinishedSnapshotSurvivesAndAnUnfinishedOneIsDiscarded() throws IOException {
        Path done = tmp.resolve("done");
        log = ShapeLog.create(done, 10_000);
        for (int i = 0; i < 25; i++) {
            log.appendSnapshotRow(row(i, 1000));
        }
        log.finishSnapshot(SNAPSHOT_END);
        List<String> chunks = new ArrayList<>();
        for (int k = 0; k < log.snapshotChunkCount(); k++) {
            chunks.add(text(log.readSnapshotChunk(k).orElseThrow()));
        }
        log.close(); // no sync(): finishSnapshot made the snapshot durable by itself
        log = ShapeLog.open(done, 10_000);
        assertThat(log.snapshotComplete()).isTrue();
        assertThat(log.snapshotChunkCount()).isEqualTo(3);
        assertThat(log.lastOffset()).isEqualTo(LogOffset.snapshotChunk(2));
        for (int k = 0; k < 3; k++) {
            assertThat(text(log.readSnapshotChunk(k).orElseThrow())).isEqualTo(chunks.get(k));
        }
        log.close();

        Path unfinished = tmp.resolve("unfinished");
        log = ShapeLog.create(unfinished, 10_000);
        for (int i = 0; i < 25; i++) {
            log.appendSnapshotRow(row(i, 1000));
        }
        assertThat(log.snapshotChunkCount()).isEqualTo(2);
        log.close();
        log = ShapeLog.open(unfinished, 10_000);
        assertThat(log.snapshotComplete()).isFalse();
        assertThat(log.snapshotChunkCount()).isZero();
        assertThat(log.readSnapshotChunk(0)).isEmpty();
        log.appendSnapshotRow(row(1, 100)); // written again from nothing
        log.finishSnapshot(SNAPSHOT_END);
        assertThat(text(log.readSnapshotChunk(0).orElseThrow())).isEqualTo(row(1, 100) + "," + SNAPSHOT_END);
    }

    @Test
    void aCreateInterruptedBeforeItsCommitPointIsRedone() throws IOException {
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir);
        Files.write(dir.resolve("log.json"), new byte[] { 1, 2, 3 });
        Files.write(dir.resolve("snapshot.json"), new byte[] { 1, 2, 3 });
        assertThatThrownBy(() -> ShapeLog.open(dir, THRESHOLD)).isInstanceOf(java.nio.file.NoSuchFileException.class);
        log = ShapeLog.create(dir, THRESHOLD);
        assertThat(Files.size(dir.resolve("log.json"))).isZero();
        writeTx(log, 1, "aa");
        assertThat(log.readAfter(LogOffset.BEFORE_ALL).count()).isEqualTo(2);
    }

    @Test
    void aDamagedSnapshotMarkerIsAnErrorNotAReasonToDropTheSnapshot() throws IOException {
        Path dir = tmp.resolve("s");
        try (ShapeLog finished = ShapeLog.create(dir, THRESHOLD)) {
            finished.finishSnapshot(SNAPSHOT_END);
        }
        byte[] marker = Files.readAllBytes(dir.resolve("snapshot.done"));
        marker[9] ^= 1;
        Files.write(dir.resolve("snapshot.done"), marker);
        assertThatThrownBy(() -> ShapeLog.open(dir, THRESHOLD)).isInstanceOf(IOException.class)
                .hasMessageContaining("checksum");
        assertThat(Files.size(dir.resolve("snapshot.json"))).isPositive();
    }
}
