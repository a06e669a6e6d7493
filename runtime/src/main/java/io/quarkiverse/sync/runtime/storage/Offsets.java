package io.quarkiverse.sync.runtime.storage;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/** Offset comparisons on raw (tx, op) pairs read from an index file, without allocating a {@link LogOffset}. */
final class Offsets {

    private Offsets() {
    }

    /** Compares the stored offset {@code tx_op} (never before-all) to {@code other}, as {@link LogOffset#compareTo}. */
    static int compare(long tx, long op, LogOffset other) {
        if (other.isBeforeAll()) {
            return 1;
        }
        int byTx = Long.compareUnsigned(tx, other.txOffset());
        return byTx != 0 ? byTx : Long.compareUnsigned(op, other.opOffset());
    }

    static int compare(long tx, long op, long otherTx, long otherOp) {
        int byTx = Long.compareUnsigned(tx, otherTx);
        return byTx != 0 ? byTx : Long.compareUnsigned(op, otherOp);
    }
}
