/**
 * Shape logs on disk: one directory per shape, append-only, served as stored bytes.
 * <p>
 * {@link io.quarkiverse.sync.runtime.storage.ShapeLog} is the API: a snapshot region (chunks {@code 0_k}, written once
 * by the snapshotter) and a change log (entries {@code L_n}, appended and committed a transaction at a time by the
 * engine thread), read by any number of HTTP threads as {@link io.quarkiverse.sync.runtime.storage.Page}s. Inside,
 * one class per on-disk concern, each opening with the byte layout of its file: {@code JsonFile} (the JSON of both
 * regions), {@code EntryIndex} (24 bytes per entry), {@code ChunkIndex} (24 bytes per closed chunk),
 * {@code SnapshotChunkIndex}, {@code SnapshotMarker}, {@code CommitPoint}; {@code ChangeLog} and
 * {@code SnapshotRegion} hold the rules of each region, {@code FileHandle} the channel plumbing. The two index files
 * share one record format and search ({@code OffsetRecords}), the two small metadata files one checksummed format
 * ({@code ChecksummedFile}).
 * <p>
 * Which LSN may be acknowledged to the replication slot is the engine's decision ({@code SyncEngine.flush()}): it
 * syncs every log that changed and then acknowledges the last transaction processed before.
 * <p>
 * Rules worth knowing, all checked by the tests of this package:
 * <ul>
 * <li>Readers take no lock: they read a volatile commit point (or chunk count) and then only the file ranges it
 * covers, with positional reads. Uncommitted entries, and chunk boundaries that fall inside an uncommitted
 * transaction, are invisible until the commit.</li>
 * <li>Change-log chunks close right after the entry that brings the sum of entry JSON sizes to the threshold; snapshot
 * chunks count {@code json length + 1} per row. A closed chunk never changes, so its pages are deterministic.</li>
 * <li>{@code commit} hands bytes to the OS without fsync; {@code sync} fsyncs and then replaces {@code log.commit}
 * atomically; {@code open} truncates back to it. The engine replays from {@code lastCommittedLsn()}: appending an LSN
 * at or below it is refused.</li>
 * <li>A thread interrupted during a read closes the shared channel for everyone (a {@code FileChannel} rule); the
 * others reopen it and retry.</li>
 * <li>Page bodies are read in slices of at most 256 KiB, so the per-thread direct buffers the JDK caches for heap
 * buffer I/O stay small.</li>
 * </ul>
 */
package io.quarkiverse.sync.runtime.storage;
