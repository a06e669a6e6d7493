package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * Figures for {@link ShapeLog}; not run by the build. Arguments: {@code [transactions=500000] [threshold=10485760]
 * [logs=2000]}.
 * <ol>
 * <li>append+commit throughput: single-entry transactions of 300-byte entries, no sync; then the same with a
 * {@code sync()} every 1,000 transactions;</li>
 * <li>{@code readAfter} latency: from random offsets (a full chunk page), from near the tail (a live client's small
 * page), and at the end (nothing new);</li>
 * <li>heap per released log: many small logs, each with a snapshot and a few transactions, released.</li>
 * </ol>
 * Run: {@code java -cp runtime/target/classes:runtime/target/test-classes
 * io.quarkiverse.sync.runtime.storage.ShapeLogBenchmark}.
 */
public final class ShapeLogBenchmark {

    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        long threshold = args.length > 1 ? Long.parseLong(args[1]) : 10L * 1024 * 1024;
        int logs = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Path root = Files.createTempDirectory("shapelog-bench");
        try {
            System.out.printf("threshold %,d bytes, %,d transactions of one 300-byte entry%n", threshold, transactions);
            System.out.print("(warm-up) ");
            appendThroughput(root.resolve("warmup"), Math.min(transactions, 100_000), threshold, 0);
            appendThroughput(root.resolve("append"), transactions, threshold, 0);
            appendThroughput(root.resolve("append-sync"), transactions, threshold, 1000);
            readLatency(root.resolve("append"), threshold, transactions);
            memoryPerReleasedLog(root.resolve("many"), logs);
        } finally {
            ShapeLog.delete(root);
        }
    }

    static String entry(long lsn) {
        String head = "{\"key\":\"\\\"public\\\".\\\"bench\\\"/\\\"" + lsn + "\\\"\",\"value\":{\"id\":\"" + lsn
                + "\",\"payload\":\"";
        String tail = "\"},\"headers\":{\"operation\":\"insert\",\"lsn\":\"" + lsn + "\",\"op_position\":0}}";
        return head + "x".repeat(Math.max(0, 300 - head.length() - tail.length())) + tail;
    }

    static long lsn(int i) {
        return 0x1000000L + 64L * i;
    }

    static void appendThroughput(Path dir, int transactions, long threshold, int syncEvery) throws IOException {
        String[] entries = new String[1024];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = entry(lsn(i)); // pre-built: measure the log, not string building
        }
        try (ShapeLog log = ShapeLog.create(dir, threshold)) {
            log.finishSnapshot("{\"headers\":{\"control\":\"snapshot-end\"}}");
            long start = System.nanoTime();
            for (int i = 0; i < transactions; i++) {
                long lsn = lsn(i);
                log.append(new LogOffset(lsn, 0), entries[i & 1023]);
                log.commit(lsn);
                if (syncEvery > 0 && (i + 1) % syncEvery == 0) {
                    log.sync();
                }
            }
            log.sync();
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = Files.size(dir.resolve("log.json"));
            System.out.printf("append+commit%s: %,.0f tx/s, %.1f MB/s of JSON (%.2f s, %,d bytes)%n",
                    syncEvery > 0 ? " + sync every " + syncEvery : " (one sync at the end)", transactions / seconds,
                    bytes / seconds / 1e6, seconds, bytes);
        }
    }

    static void readLatency(Path dir, long threshold, int transactions) throws IOException {
        try (ShapeLog log = ShapeLog.open(dir, threshold)) {
            Random random = new Random(42);
            int rounds = 2000;
            long[] full = new long[rounds];
            long[] tail = new long[rounds * 10];
            long[] end = new long[rounds * 10];
            long pageBytes = 0;
            for (int warm = 0; warm < 2; warm++) {
                for (int r = 0; r < rounds; r++) {
                    // between entries: op 1 of a random transaction
                    LogOffset after = new LogOffset(lsn(random.nextInt(transactions)), 1);
                    long t = System.nanoTime();
                    Page page = log.readAfter(after);
                    full[r] = System.nanoTime() - t;
                    pageBytes += page.json().length;
                }
                for (int r = 0; r < tail.length; r++) {
                    LogOffset after = new LogOffset(lsn(transactions - 1 - random.nextInt(5)), 0);
                    long t = System.nanoTime();
                    log.readAfter(after);
                    tail[r] = System.nanoTime() - t;
                }
                LogOffset last = log.lastOffset();
                for (int r = 0; r < end.length; r++) {
                    long t = System.nanoTime();
                    log.readAfter(last);
                    end[r] = System.nanoTime() - t;
                }
            }
            System.out.printf("readAfter from a random offset (mean page %,d bytes): %s%n", pageBytes / rounds / 2,
                    percentiles(full));
            System.out.printf("readAfter near the tail (1-4 entries): %s%n", percentiles(tail));
            System.out.printf("readAfter at the end (nothing new): %s%n", percentiles(end));
            log.release();
            long t = System.nanoTime();
            log.readAfter(new LogOffset(lsn(transactions - 2), 0));
            System.out.printf("first readAfter after release() (reopens handles): %.1f µs%n",
                    (System.nanoTime() - t) / 1e3);
        }
    }

    static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f µs, p99 %.1f µs, max %.1f µs", sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3);
    }

    static void memoryPerReleasedLog(Path root, int count) throws IOException {
        List<ShapeLog> logs = new ArrayList<>(count);
        long before = usedHeap();
        for (int n = 0; n < count; n++) {
            ShapeLog log = ShapeLog.create(root.resolve("shape-" + n), 10_000);
            for (int i = 0; i < 20; i++) {
                log.appendSnapshotRow(entry(i));
            }
            log.finishSnapshot("{\"headers\":{\"control\":\"snapshot-end\"}}");
            for (int i = 0; i < 50; i++) {
                log.append(new LogOffset(lsn(i), 0), entry(lsn(i)));
                log.commit(lsn(i));
            }
            log.sync();
            log.readAfter(LogOffset.BEFORE_ALL);
            log.release();
            logs.add(log);
        }
        long after = usedHeap();
        System.out.printf("heap per released log (%,d logs, snapshot + 50 transactions each): %,d bytes%n", count,
                (after - before) / count);
        long open = 0;
        for (ShapeLog log : logs) {
            log.readAfter(LogOffset.BEFORE_ALL);
            log.readSnapshotChunk(0);
        }
        open = usedHeap();
        System.out.printf("heap per log with its 5 file handles open again after a read: %,d bytes%n",
                (open - before) / count);
        for (ShapeLog log : logs) {
            log.close();
        }
        System.out.println("(" + logs.size() + " logs kept reachable until here)");
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
