package io.quarkiverse.sync.runtime.storage;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one owner of "which LSN may we acknowledge to the replication slot".
 * <p>
 * Postgres may discard WAL up to what we acknowledge, so we may acknowledge a transaction only once every shape log
 * that received part of it has made it durable ({@link ShapeLog#sync()}). Shape logs sync on their own cadence and
 * each sees only some transactions, so the answer is a minimum across the shapes that still have unsynced data; the
 * shapes that are caught up do not hold it back, and a transaction that no shape received is acknowledgeable at once.
 * <p>
 * Unlike the reference server's tracker, ours never has to lag by one transaction "just in case": a shape log commits
 * and syncs whole transactions only, so the LSN a sync reports is always a transaction boundary. And because the slot
 * is acknowledged with the position just past a transaction's commit record, the tracker remembers, for the
 * transactions not acknowledged yet, their end LSN ({@code Transaction.endLsn()}) by commit LSN (the tx part of the
 * log offsets).
 * <p>
 * Protocol for the engine:
 * <ol>
 * <li>after committing a transaction to every shape log it touched: {@link #transactionStored(long, long, Collection)}
 * with those shapes (possibly none);</li>
 * <li>after each {@link ShapeLog#sync()}: {@link #shapeSynced(Object, long)} with the LSN it returned;</li>
 * <li>when a shape is deleted: {@link #shapeRemoved(Object)};</li>
 * <li>pass {@link #acknowledgeable()} (when not 0) to {@code ReplicationClient.acknowledge}.</li>
 * </ol>
 * The bound is conservative: a lagging shape holds the point at its last synced LSN, even where the transactions
 * after it that it did not receive are durable everywhere else; a later sync of that shape releases them.
 * <p>
 * LSNs are unsigned 64-bit values. Thread-safe (each method is short and synchronised). Memory: one entry per shape
 * with unsynced data, plus one per transaction stored since the last acknowledgeable point moved past it.
 *
 * @param <K> the shape key (e.g. the handle)
 */
public final class FlushTracker<K> {

    private static final class Pending {
        long lastStored; // commit LSN of the newest transaction this shape received
        long lastSynced; // all its transactions up to here are durable

        Pending(long lastStored, long lastSynced) {
            this.lastStored = lastStored;
            this.lastSynced = lastSynced;
        }
    }

    private final Map<K, Pending> pending = new HashMap<>();
    /** lastSynced → how many pending shapes are at it: the minimum is the first key. */
    private final TreeMap<Long, Integer> syncedPoints = new TreeMap<>(Long::compareUnsigned);
    /** commit LSN → end LSN of the transactions stored since (and including) the durable point. */
    private final TreeMap<Long, Long> endByCommit = new TreeMap<>(Long::compareUnsigned);

    private long lastStoredCommit;
    private long durableCommit; // every transaction with commit LSN <= this is durable in every shape log
    private long acknowledgeable;

    /** A tracker that has seen nothing: {@link #acknowledgeable()} is 0 until a transaction is stored. */
    public FlushTracker() {
    }

    /**
     * Transaction {@code commitLsn} (ending at {@code endLsn}) is committed to the logs of {@code shapes}; call it in
     * commit order, once per replicated transaction, including those that touched no shape.
     */
    public synchronized void transactionStored(long commitLsn, long endLsn, Collection<? extends K> shapes) {
        if (Long.compareUnsigned(commitLsn, lastStoredCommit) <= 0) {
            throw new IllegalArgumentException("transaction " + Long.toUnsignedString(commitLsn)
                    + " is not after " + Long.toUnsignedString(lastStoredCommit));
        }
        long previous = lastStoredCommit;
        lastStoredCommit = commitLsn;
        endByCommit.put(commitLsn, endLsn);
        for (K shape : shapes) {
            Pending p = pending.get(shape);
            if (p == null) {
                // Not pending: all it received so far is durable, so it holds back nothing before this transaction.
                pending.put(shape, new Pending(commitLsn, previous));
                addPoint(previous);
            } else {
                p.lastStored = commitLsn;
            }
        }
        advance();
    }

    /** {@code shape}'s log is durable up to {@code syncedLsn} (the value {@link ShapeLog#sync()} returned). */
    public synchronized void shapeSynced(K shape, long syncedLsn) {
        Pending p = pending.get(shape);
        if (p == null || Long.compareUnsigned(syncedLsn, p.lastSynced) <= 0) {
            return; // caught up already, unknown (removed) or old news
        }
        removePoint(p.lastSynced);
        if (Long.compareUnsigned(syncedLsn, p.lastStored) >= 0) {
            pending.remove(shape);
        } else {
            p.lastSynced = syncedLsn;
            addPoint(syncedLsn);
        }
        advance();
    }

    /** The shape is gone: it no longer holds anything back. */
    public synchronized void shapeRemoved(K shape) {
        Pending p = pending.remove(shape);
        if (p != null) {
            removePoint(p.lastSynced);
            advance();
        }
    }

    /** The LSN to acknowledge: the end LSN of the newest transaction durable in every shape log; 0 when none. */
    public synchronized long acknowledgeable() {
        return acknowledgeable;
    }

    /** The commit LSN of that transaction. */
    public synchronized long durableCommitLsn() {
        return durableCommit;
    }

    /** Shapes holding the acknowledgement back. */
    public synchronized int pendingShapes() {
        return pending.size();
    }

    private void advance() {
        long candidate = syncedPoints.isEmpty() ? lastStoredCommit : syncedPoints.firstKey();
        if (Long.compareUnsigned(candidate, durableCommit) <= 0) {
            return;
        }
        Map.Entry<Long, Long> floor = endByCommit.floorEntry(candidate);
        durableCommit = candidate;
        if (floor != null) {
            acknowledgeable = floor.getValue();
            endByCommit.headMap(floor.getKey(), false).clear(); // keep the floor: pending shapes may sit on it
        }
    }

    private void addPoint(long lsn) {
        syncedPoints.merge(lsn, 1, Integer::sum);
    }

    private void removePoint(long lsn) {
        syncedPoints.computeIfPresent(lsn, (k, n) -> n == 1 ? null : n - 1);
    }
}
