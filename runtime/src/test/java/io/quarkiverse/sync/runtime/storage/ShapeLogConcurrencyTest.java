package io.quarkiverse.sync.runtime.storage;

import static io.quarkiverse.sync.runtime.storage.ShapeLogTest.SNAPSHOT_END;
import static io.quarkiverse.sync.runtime.storage.ShapeLogTest.at;
import static io.quarkiverse.sync.runtime.storage.ShapeLogTest.entry;
import static io.quarkiverse.sync.runtime.storage.ShapeLogTest.row;
import static io.quarkiverse.sync.runtime.storage.ShapeLogTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * One change-log writer, one snapshot writer, a thread that syncs and releases, and several readers paging from the
 * start: every reader sees every entry exactly once, in order, never torn, and never past a commit.
 */
class ShapeLogConcurrencyTest {

    private static final int TRANSACTIONS = 4000;
    private static final int READERS = 4;
    private static final Pattern ENTRY = Pattern.compile("\\{\"o\":\"(\\d+)_(\\d+)\",\"p\":\"y*\"\\}");

    @TempDir
    Path tmp;

    static long lsn(int i) {
        return 1000 + 10L * i;
    }

    static int entriesOf(int i) {
        return 1 + i % 4;
    }

    static int sizeOf(long tx, long op) {
        return 50 + (int) ((tx * 31 + op * 7) % 350);
    }

    @Test
    void readersSeeEveryCommittedEntryOnceInOrderWhileWritersRun() throws Exception {
        List<LogOffset> expected = new ArrayList<>();
        for (int i = 0; i < TRANSACTIONS; i++) {
            for (int j = 0; j < entriesOf(i); j++) {
                expected.add(at(lsn(i), 2L * j));
            }
        }
        LogOffset last = expected.get(expected.size() - 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(READERS + 4);
        try (ShapeLog log = ShapeLog.create(tmp.resolve("s"), 2000)) {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> readAll(log, expected, last)));
            }
            Future<?> snapshotReader = pool.submit(() -> {
                int k = 0;
                while (!log.snapshotComplete() || k < log.snapshotChunkCount()) {
                    var chunk = log.readSnapshotChunk(k);
                    if (chunk.isPresent()) {
                        assertThat(chunk.get().end()).isEqualTo(LogOffset.snapshotChunk(k));
                        assertThat(text(chunk.get())).startsWith("{\"key\"").endsWith("}");
                        k++;
                    } else {
                        Thread.yield();
                    }
                }
                return k;
            });
            Future<?> snapshotWriter = pool.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    log.appendSnapshotRow(row(i, 200 + i % 300));
                }
                log.finishSnapshot(SNAPSHOT_END);
                return null;
            });
            // A reader interrupted during a read closes the shared channel (ClosedByInterruptException): the other
            // readers and the writers must carry on over a reopened one.
            Future<Integer> victim = pool.submit(() -> {
                int interrupted = 0;
                while (writing.get()) {
                    Thread.currentThread().interrupt();
                    try {
                        log.readAfter(LogOffset.BEFORE_ALL);
                    } catch (java.io.UncheckedIOException e) {
                        // Its own interrupt closed the channel (ClosedByInterruptException), or another thread closed
                        // it under the read (the log going idle, another reader's interrupt): an interrupted thread
                        // does not retry either way.
                        assertThat(e.getCause()).isInstanceOf(java.nio.channels.AsynchronousCloseException.class);
                        interrupted++;
                    }
                    Thread.interrupted();
                    Thread.sleep(1);
                }
                return interrupted;
            });
            Future<?> janitor = pool.submit(() -> {
                while (writing.get()) {
                    log.sync();
                    log.release();
                    Thread.sleep(1);
                }
                return null;
            });
            for (int i = 0; i < TRANSACTIONS; i++) {
                for (int j = 0; j < entriesOf(i); j++) {
                    LogOffset offset = at(lsn(i), 2L * j);
                    log.append(offset, entry(offset, sizeOf(offset.txOffset(), offset.opOffset())));
                }
                log.commit(lsn(i));
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(expected.size());
            }
            snapshotWriter.get(60, TimeUnit.SECONDS);
            snapshotReader.get(60, TimeUnit.SECONDS);
            janitor.get(60, TimeUnit.SECONDS);
            assertThat(victim.get(60, TimeUnit.SECONDS)).isPositive();
            assertThat(log.sync()).isEqualTo(lsn(TRANSACTIONS - 1));
            assertThat(log.lastOffset()).isEqualTo(last);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The writer syncs after every commit and a janitor releases all the time, so the log keeps going idle and back
     * while readers page through it and the writer appends: nothing is lost, doubled or torn, and writes that meet a
     * log going idle land in the instance that replaces it.
     */
    @Test
    void readersAndTheWriterCarryOnWhileTheLogGoesIdleAndBack() throws Exception {
        int transactions = 400; // each one fsynced
        List<LogOffset> expected = new ArrayList<>();
        for (int i = 0; i < transactions; i++) {
            for (int j = 0; j < entriesOf(i); j++) {
                expected.add(at(lsn(i), 2L * j));
            }
        }
        LogOffset last = expected.get(expected.size() - 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
        try (ShapeLog log = ShapeLog.create(tmp.resolve("s"), 2000)) {
            log.appendSnapshotRow(row(1, 300));
            log.finishSnapshot(SNAPSHOT_END);
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> readAll(log, expected, last)));
            }
            Future<Integer> janitor = pool.submit(() -> {
                int wentIdle = 0;
                while (writing.get()) {
                    log.release();
                    if (log.isIdle()) {
                        wentIdle++;
                        assertThat(log.snapshotChunkCount()).isEqualTo(1);
                        assertThat(text(log.readSnapshotChunk(0).orElseThrow())).endsWith(SNAPSHOT_END);
                    }
                    Thread.yield();
                }
                return wentIdle;
            });
            for (int i = 0; i < transactions; i++) {
                for (int j = 0; j < entriesOf(i); j++) {
                    LogOffset offset = at(lsn(i), 2L * j);
                    log.append(offset, entry(offset, sizeOf(offset.txOffset(), offset.opOffset())));
                }
                log.commit(lsn(i));
                assertThat(log.sync()).isEqualTo(lsn(i));
                assertThat(log.lastCommittedLsn()).isEqualTo(lsn(i));
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(expected.size());
            }
            assertThat(janitor.get(60, TimeUnit.SECONDS)).as("times the log went idle").isPositive();
            assertThat(log.lastOffset()).isEqualTo(last);
            assertThat(log.syncedLsn()).isEqualTo(lsn(transactions - 1));
            log.release();
            assertThat(log.isIdle()).isTrue();
            // Readers that met an instance going idle closed the files they reopened on it.
            assertThat(openFilesUnder(tmp.resolve("s"))).isEmpty();
        } finally {
            pool.shutdownNow();
        }
        try (ShapeLog reopened = ShapeLog.open(tmp.resolve("s"), 2000)) {
            assertThat(readAll(reopened, expected, last)).isEqualTo(expected.size());
        }
    }

    /** The files under {@code dir} this process holds open (Linux); empty where /proc is missing. */
    static List<Path> openFilesUnder(Path dir) throws java.io.IOException {
        Path fds = Path.of("/proc/self/fd");
        List<Path> open = new ArrayList<>();
        if (!java.nio.file.Files.isDirectory(fds)) {
            return open;
        }
        Path real = dir.toRealPath();
        try (var links = java.nio.file.Files.list(fds)) {
            for (Path link : links.toList()) {
                try {
                    Path target = java.nio.file.Files.readSymbolicLink(link);
                    if (target.startsWith(real)) {
                        open.add(target);
                    }
                } catch (java.io.IOException gone) {
                    // closed since the listing
                }
            }
        }
        return open;
    }

    private static int readAll(ShapeLog log, List<LogOffset> expected, LogOffset last) {
        int seen = 0;
        LogOffset offset = LogOffset.BEFORE_ALL;
        while (offset.compareTo(last) < 0) {
            Page page = log.readAfter(offset);
            LogOffset committedAfter = log.lastOffset(); // a page never goes past the last commit
            if (page.count() == 0) {
                assertThat(page.end()).isEqualTo(offset);
                Thread.yield();
                continue;
            }
            Matcher m = ENTRY.matcher(text(page));
            int position = 0;
            int count = 0;
            LogOffset lastSeen = null;
            while (m.find()) {
                assertThat(m.start()).as("no gap or torn bytes").isEqualTo(position);
                LogOffset o = at(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                assertThat(o).isEqualTo(expected.get(seen + count));
                assertThat(m.group().length()).isEqualTo(sizeOf(o.txOffset(), o.opOffset()));
                position = m.end() + 1; // the ',' separator
                count++;
                lastSeen = o;
            }
            assertThat(position).isEqualTo(page.json().length + 1);
            assertThat(count).isEqualTo(page.count());
            assertThat(page.end()).isEqualTo(lastSeen);
            assertThat(page.end()).isLessThanOrEqualTo(committedAfter);
            seen += count;
            offset = page.end();
        }
        return seen;
    }
}
