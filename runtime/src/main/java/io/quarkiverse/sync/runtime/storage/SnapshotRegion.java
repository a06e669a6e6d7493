package io.quarkiverse.sync.runtime.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * The snapshot region of a shape log: chunks {@code 0_0 … 0_k}, written once by one thread.
 * <p>
 * Files: {@code snapshot.json} ({@link JsonFile}), {@code snapshot.chunks} ({@link SnapshotChunkIndex}),
 * {@code snapshot.done} ({@link SnapshotMarker}).
 * <p>
 * Chunking (protocol §3.3): a chunk closes as soon as the sum of {@code json length + 1} of its rows reaches the
 * threshold; it is then visible at once. {@link #finish} appends the snapshot-end message to the chunk still open and
 * closes it. When no chunk is open at that point (the last row closed one, or the table is empty) the snapshot-end
 * message forms a chunk of its own: a closed chunk may already have been served and is never changed.
 * <p>
 * Durability: the snapshot is durable once {@link #finish} returns (both files fsynced, then the marker written
 * atomically). {@code open} of a region without its marker discards what was written: an interrupted snapshot is
 * started again from nothing (the engine should rather drop the shape, as its change log was filtered against that
 * snapshot).
 * <p>
 * Idle: a complete region is never written again, so {@link #detach} may end an instance whose snapshot is complete
 * and the shape log keeps only the chunk count; {@link #resume} makes a new instance from it for the next read. A
 * detached instance stays readable.
 */
final class SnapshotRegion {

    static final String DATA = "snapshot.json";

    private final Path dir;
    private final long threshold;
    private final JsonFile data;
    private final SnapshotChunkIndex chunks;
    private final Object writeLock = new Object();

    private volatile int chunkCount;
    private volatile boolean complete;
    private volatile boolean detached;

    // Writer state, guarded by writeLock.
    private long rows;
    private long openChunkBytes;

    private SnapshotRegion(Path dir, long threshold) {
        this.dir = dir;
        this.threshold = threshold;
        this.data = new JsonFile(dir, DATA);
        this.chunks = new SnapshotChunkIndex(dir);
    }

    static SnapshotRegion create(Path dir, long threshold) throws IOException {
        FileHandle.createEmpty(dir, DATA);
        FileHandle.createEmpty(dir, SnapshotChunkIndex.NAME);
        return new SnapshotRegion(dir, threshold);
    }

    /** A new instance for the complete region that {@link #detach} left with {@code chunkCount} chunks. No I/O. */
    static SnapshotRegion resume(Path dir, long threshold, int chunkCount) {
        SnapshotRegion region = new SnapshotRegion(dir, threshold);
        region.chunkCount = chunkCount;
        region.complete = true;
        return region;
    }

    static SnapshotRegion open(Path dir, long threshold) throws IOException {
        SnapshotRegion region = new SnapshotRegion(dir, threshold);
        SnapshotMarker marker = SnapshotMarker.read(dir);
        synchronized (region.writeLock) {
            if (marker != null) {
                region.data.handle().truncateTo(marker.snapshotBytes);
                region.chunks.handle().truncateTo(marker.chunks * SnapshotChunkIndex.RECORD);
                region.rows = region.chunks.record((int) marker.chunks - 1)[1];
                region.chunkCount = (int) marker.chunks;
                region.complete = true;
            } else {
                Files.deleteIfExists(dir.resolve(SnapshotMarker.NAME + ".tmp"));
                region.data.handle().truncateTo(0);
                region.chunks.handle().truncateTo(0);
            }
            region.data.handle().releaseChannel();
            region.chunks.handle().releaseChannel();
        }
        return region;
    }

    void appendRow(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            append(bytes);
            if (openChunkBytes >= threshold) {
                closeChunk();
            }
        }
    }

    void finish(String snapshotEndJson) throws IOException {
        byte[] bytes = snapshotEndJson.getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            append(bytes);
            closeChunk();
            data.handle().force();
            chunks.handle().force();
            new SnapshotMarker(chunkCount, data.handle().size()).write(dir);
            complete = true;
            data.handle().releaseBuffer();
            chunks.handle().releaseBuffer();
        }
    }

    private void append(byte[] bytes) throws IOException {
        if (complete) {
            throw new IllegalStateException("snapshot already complete");
        }
        data.append(bytes);
        rows++;
        openChunkBytes += bytes.length + 1;
    }

    private void closeChunk() throws IOException {
        data.handle().flush();
        chunks.append(data.handle().size(), rows);
        chunks.handle().flush();
        openChunkBytes = 0;
        chunkCount = chunkCount + 1; // publish: the record and the data are already with the OS
    }

    boolean complete() {
        return complete;
    }

    int chunkCount() {
        return chunkCount;
    }

    Optional<Page> readChunk(int k) throws IOException {
        if (k < 0 || k >= chunkCount) {
            return Optional.empty();
        }
        long[] before = chunks.record(k - 1);
        long[] chunk = chunks.record(k);
        byte[] json = data.readElements(before[0], chunk[0]);
        return Optional.of(new Page(json, (int) (chunk[1] - before[1]), LogOffset.snapshotChunk(k)));
    }

    /**
     * Closes the files and, when the snapshot is complete, ends this instance: true when it did (the caller keeps
     * {@link #chunkCount()} and resumes from it), false when the snapshot is still being written.
     */
    boolean detach() throws IOException {
        synchronized (writeLock) {
            detached = complete; // before the files close: see ShapeLog.afterRead
            release();
            return complete;
        }
    }

    boolean isDetached() {
        return detached;
    }

    /** Closes the files (any thread, no lock): a reader done with a detached instance closes what it reopened. */
    void releaseChannels() throws IOException {
        data.handle().releaseChannel();
        chunks.handle().releaseChannel();
    }

    void release() throws IOException {
        synchronized (writeLock) {
            data.handle().releaseChannel();
            chunks.handle().releaseChannel();
            data.handle().releaseBuffer(); // only empty buffers
            chunks.handle().releaseBuffer();
        }
    }

    void close() throws IOException {
        synchronized (writeLock) {
            data.handle().close();
            chunks.handle().close();
        }
    }
}
