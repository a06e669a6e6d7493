package io.quarkiverse.sync.runtime.storage;

import static io.quarkiverse.sync.runtime.storage.ShapeLogTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * {@code readAfter} against a plain in-memory model of protocol §3.4, on random logs: random transaction sizes, entry
 * sizes, PK-change splits, thresholds, an uncommitted tail, a restart, and random request offsets.
 */
class ShapeLogModelTest {

    @TempDir
    Path tmp;

    private final List<LogOffset> offsets = new ArrayList<>();
    private final List<String> jsons = new ArrayList<>();
    private final List<Integer> chunkEnds = new ArrayList<>(); // index of each chunk's last entry
    private long runningSum;
    private int committed;

    private void modelAppend(LogOffset offset, String json, long threshold) {
        offsets.add(offset);
        jsons.add(json);
        runningSum += json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (runningSum >= threshold) {
            chunkEnds.add(offsets.size() - 1);
            runningSum = 0;
        }
    }

    private String expected(LogOffset after) {
        int first = 0;
        while (first < committed && offsets.get(first).compareTo(after) <= 0) {
            first++;
        }
        if (first == committed) {
            return after + "|0|";
        }
        int last = committed - 1;
        for (int end : chunkEnds) {
            if (end >= first && end < committed) {
                last = end;
                break;
            }
        }
        return offsets.get(last) + "|" + (last - first + 1) + "|" + String.join(",", jsons.subList(first, last + 1));
    }

    private static String actual(ShapeLog log, LogOffset after) {
        Page page = log.readAfter(after);
        return page.end() + "|" + page.count() + "|" + text(page);
    }

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5 })
    void readAfterMatchesTheModel(long seed) throws IOException {
        Random random = new Random(seed);
        long threshold = 50 + random.nextInt(2000);
        Path dir = tmp.resolve("s");
        ShapeLog log = ShapeLog.create(dir, threshold);
        long lsn = 1000;
        int transactions = 300 + random.nextInt(300);
        for (int t = 0; t < transactions; t++) {
            lsn += 1 + random.nextInt(100);
            appendRandomTx(log, random, lsn, threshold);
            log.commit(lsn);
            committed = offsets.size();
            if (t == transactions / 2) {
                log.sync();
            }
        }
        log.sync();
        // An uncommitted tail, long enough to close chunks of its own.
        appendRandomTx(log, random, lsn + 10, threshold);
        appendRandomTxEntries(log, random, lsn + 10, threshold, 40);

        check(log, random, lsn);
        log.release();
        check(log, random, lsn);
        log.close();

        // After a restart the uncommitted tail is gone and the model keeps only committed entries.
        int keep = committed;
        offsets.subList(keep, offsets.size()).clear();
        jsons.subList(keep, jsons.size()).clear();
        chunkEnds.removeIf(end -> end >= keep);
        runningSum = 0;
        for (int i = chunkEnds.isEmpty() ? 0 : chunkEnds.get(chunkEnds.size() - 1) + 1; i < keep; i++) {
            runningSum += jsons.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        try (ShapeLog reopened = ShapeLog.open(dir, threshold)) {
            check(reopened, random, lsn);
            long next = lsn + 5;
            appendRandomTx(reopened, random, next, threshold);
            reopened.commit(next);
            committed = offsets.size();
            check(reopened, random, next);
        }
    }

    private void appendRandomTx(ShapeLog log, Random random, long lsn, long threshold) throws IOException {
        appendRandomTxEntries(log, random, lsn, threshold, 1 + random.nextInt(random.nextInt(10) == 0 ? 30 : 4));
    }

    private void appendRandomTxEntries(ShapeLog log, Random random, long lsn, long threshold, int count)
            throws IOException {
        long op = offsets.isEmpty() || offsets.get(offsets.size() - 1).txOffset() != lsn ? 0
                : offsets.get(offsets.size() - 1).opOffset() + 2;
        for (int i = 0; i < count; i++) {
            String json = "{\"o\":\"" + lsn + "_" + op + "\",\"v\":\"" + "é".repeat(random.nextInt(3))
                    + "z".repeat(random.nextInt(random.nextInt(8) == 0 ? 3000 : 300)) + "\"}";
            LogOffset offset = new LogOffset(lsn, op);
            log.append(offset, json);
            modelAppend(offset, json, threshold);
            op += random.nextInt(5) == 0 ? 1 : 2; // now and then a PK-change split (n, n+1)
            if (op % 2 == 1) {
                offset = new LogOffset(lsn, op);
                log.append(offset, "{\"split\":" + op + "}");
                modelAppend(offset, "{\"split\":" + op + "}", threshold);
                op++;
            }
        }
    }

    private void check(ShapeLog log, Random random, long lastLsn) {
        List<LogOffset> requests = new ArrayList<>(List.of(LogOffset.BEFORE_ALL, LogOffset.snapshotChunk(0),
                LogOffset.LAST_SNAPSHOT, new LogOffset(lastLsn + 1000, 0), offsets.get(committed - 1)));
        for (int i = 0; i < 400; i++) {
            LogOffset o = offsets.get(random.nextInt(offsets.size()));
            switch (random.nextInt(4)) {
                case 0:
                    requests.add(o);
                    break;
                case 1:
                    requests.add(new LogOffset(o.txOffset(), o.opOffset() + 1));
                    break;
                case 2:
                    requests.add(new LogOffset(o.txOffset() - 1, 7));
                    break;
                default:
                    requests.add(new LogOffset(o.txOffset(), Long.MAX_VALUE));
            }
        }
        for (LogOffset after : requests) {
            assertThat(actual(log, after)).as("after %s", after).isEqualTo(expected(after));
        }
        // Paging from the start visits every committed entry once.
        LogOffset at = LogOffset.BEFORE_ALL;
        int seen = 0;
        while (true) {
            Page page = log.readAfter(at);
            if (page.count() == 0) {
                break;
            }
            seen += page.count();
            at = page.end();
        }
        assertThat(seen).isEqualTo(committed);
    }
}
