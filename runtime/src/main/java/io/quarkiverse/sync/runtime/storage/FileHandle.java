package io.quarkiverse.sync.runtime.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One file of a shape log: a lazily opened {@link FileChannel} shared by the writer and every reader, plus the writer's
 * append buffer. No byte layout of its own; the classes that own a file ({@link JsonFile}, {@link EntryIndex},
 * {@link ChunkIndex}, {@link SnapshotChunkIndex}) state theirs.
 * <p>
 * Readers use positional reads only, which on Linux take no lock and run concurrently with the writer's positional
 * writes. A reader never reads past the committed size the owner published, so the writer may append beyond it freely.
 * <p>
 * {@link #release()} closes the channel; the next read or write reopens it. A thread interrupted during I/O closes the
 * channel for everyone ({@link ClosedByInterruptException}); other threads then see an
 * {@link java.nio.channels.AsynchronousCloseException} and retry on a fresh channel, the interrupted thread gets the
 * exception.
 * <p>
 * Write side (buffer, {@link #size()}) is confined to the owner's write lock.
 */
final class FileHandle {

    /** Reads of heap buffers go through a cached per-thread direct buffer of the same size: keep those small. */
    private static final int MAX_IO_SLICE = 256 * 1024;
    private static final int MAX_RETRIES = 16;

    private final Path dir;
    private final String name;
    private final int bufferCapacity;

    private volatile FileChannel channel;
    private volatile boolean closed;

    // Writer side, guarded by the owner's write lock.
    private ByteBuffer buffer;
    private long flushed; // bytes handed to the OS = file position where the buffer starts

    FileHandle(Path dir, String name, int bufferCapacity) {
        this.dir = dir;
        this.name = name;
        this.bufferCapacity = bufferCapacity;
    }

    Path path() {
        return dir.resolve(name);
    }

    /** Creates {@code dir/name} empty, emptying what a create interrupted by a crash may have left. */
    static void createEmpty(Path dir, String name) throws IOException {
        Files.newByteChannel(dir.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING).close();
    }

    // ---------------------------------------------------------------- channel

    private FileChannel channel() throws IOException {
        FileChannel ch = channel;
        if (ch != null && ch.isOpen()) {
            return ch;
        }
        synchronized (this) {
            if (closed) {
                throw new ClosedChannelException();
            }
            ch = channel;
            if (ch == null || !ch.isOpen()) {
                ch = FileChannel.open(path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
                channel = ch;
            }
            return ch;
        }
    }

    /** Closes the channel; the next use reopens it. Keeps buffered bytes. */
    void releaseChannel() throws IOException {
        FileChannel ch;
        synchronized (this) {
            ch = channel;
            channel = null;
        }
        if (ch != null) {
            ch.close();
        }
    }

    /** Writer side: drops the append buffer when it holds nothing. */
    void releaseBuffer() {
        if (buffer != null && buffer.position() == 0) {
            buffer = null;
        }
    }

    /** For good: later calls fail with {@link ClosedChannelException}. */
    void close() throws IOException {
        closed = true;
        releaseChannel();
        buffer = null;
    }

    private boolean retry(ClosedChannelException e, int attempt) {
        return !(e instanceof ClosedByInterruptException) && !Thread.currentThread().isInterrupted() && !closed
                && attempt < MAX_RETRIES;
    }

    // ---------------------------------------------------------------- reads (any thread)

    /** Fills {@code dst} from {@code position}; the range must be inside what was written. */
    void readFully(ByteBuffer dst, long position) throws IOException {
        int attempt = 0;
        long pos = position;
        while (dst.hasRemaining()) {
            try {
                int n = channel().read(dst, pos);
                if (n < 0) {
                    throw new EOFException(name + ": end of file at " + pos);
                }
                pos += n;
            } catch (ClosedChannelException e) {
                if (!retry(e, ++attempt)) {
                    throw e;
                }
            }
        }
    }

    /** Reads {@code length} bytes at {@code position} into a new array, in slices. */
    byte[] read(long position, int length) throws IOException {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int n = Math.min(MAX_IO_SLICE, length - done);
            readFully(ByteBuffer.wrap(out, done, n), position + done);
            done += n;
        }
        return out;
    }

    long readLong(long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Long.BYTES);
        readFully(b, position);
        return b.getLong(0);
    }

    // ---------------------------------------------------------------- writes (owner's write lock)

    /** Logical size: bytes handed to the OS plus bytes still buffered. */
    long size() {
        return flushed + (buffer == null ? 0 : buffer.position());
    }

    /**
     * Takes up writing at {@code size}, the length the owner recorded for this file (a log made active again after it
     * went idle). No I/O: the file must be exactly that long.
     */
    void resumeAt(long size) {
        buffer = null;
        flushed = size;
    }

    /** Makes the file exactly {@code size} bytes long (recovery). Only with an empty buffer. */
    void truncateTo(long size) throws IOException {
        FileChannel ch = channel();
        long actual = ch.size();
        if (actual < size) {
            throw new IOException(path() + ": " + actual + " bytes on disk, " + size + " recorded as durable");
        }
        if (actual > size) {
            ch.truncate(size);
        }
        buffer = null;
        flushed = size;
    }

    long sizeOnDisk() throws IOException {
        return channel().size();
    }

    /**
     * The append buffer with room for {@code needed} bytes. It starts small and doubles up to its capacity before
     * bytes are handed to the OS: a log that takes a few entries now and then (the many shapes of a diverse fan-out,
     * each made active again by its next append) does not allocate and zero a full-size buffer each time.
     */
    private ByteBuffer buffer(int needed) throws IOException {
        if (buffer == null) {
            buffer = ByteBuffer.allocate(Math.min(bufferCapacity, Math.max(INITIAL_BUFFER_BYTES, needed)));
        } else if (buffer.remaining() < needed) {
            if (buffer.capacity() < bufferCapacity) {
                int capacity = Math.min(bufferCapacity, Math.max(buffer.capacity() * 2, buffer.position() + needed));
                ByteBuffer bigger = ByteBuffer.allocate(capacity);
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            if (buffer.remaining() < needed) {
                flush();
            }
        }
        return buffer;
    }

    /** The first size of an append buffer; see {@link #buffer(int)}. */
    private static final int INITIAL_BUFFER_BYTES = 4096;

    void append(byte[] bytes) throws IOException {
        if (bytes.length >= bufferCapacity / 2) {
            flush();
            writeFully(ByteBuffer.wrap(bytes), flushed);
            flushed += bytes.length;
        } else {
            buffer(bytes.length).put(bytes);
        }
    }

    void append(byte b) throws IOException {
        buffer(1).put(b);
    }

    void appendLongs(long a, long b) throws IOException {
        buffer(2 * Long.BYTES).putLong(a).putLong(b);
    }

    void appendLongs(long a, long b, long c) throws IOException {
        buffer(3 * Long.BYTES).putLong(a).putLong(b).putLong(c);
    }

    /** Hands buffered bytes to the OS (no fsync). */
    void flush() throws IOException {
        if (buffer == null || buffer.position() == 0) {
            return;
        }
        buffer.flip();
        int n = buffer.remaining();
        writeFully(buffer, flushed);
        flushed += n;
        buffer.clear();
    }

    private void writeFully(ByteBuffer src, long position) throws IOException {
        int attempt = 0;
        long pos = position;
        int limit = src.limit();
        try {
            while (src.hasRemaining()) {
                // Heap buffers are copied through a per-thread direct buffer of the same size: write in slices.
                src.limit(Math.min(limit, src.position() + MAX_IO_SLICE));
                try {
                    pos += channel().write(src, pos);
                } catch (ClosedChannelException e) {
                    if (!retry(e, ++attempt)) {
                        throw e;
                    }
                }
                src.limit(limit);
            }
        } finally {
            src.limit(limit);
        }
    }

    /** fsync: data and metadata of everything handed to the OS so far. */
    void force() throws IOException {
        int attempt = 0;
        while (true) {
            try {
                channel().force(true);
                return;
            } catch (ClosedChannelException e) {
                if (!retry(e, ++attempt)) {
                    throw e;
                }
            }
        }
    }

    // ---------------------------------------------------------------- small whole-file helpers

    /** Durably replaces {@code dir/name} by {@code content}: temp file, fsync, atomic rename, fsync of the dir. */
    static void replaceAtomically(Path dir, String name, byte[] content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    /** Makes creations and renames in {@code dir} durable (Linux; a no-op where directories cannot be opened). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Windows: directories cannot be opened as channels; renames are durable with the file.
        }
    }
}
