package io.quarkiverse.sync.runtime.pg;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One committed transaction as replicated: its changes in commit order, each joined with its table's relation.
 *
 * @param xid the 32-bit transaction id from BEGIN (see {@link #xidUnsigned()} for the number Postgres prints)
 * @param commitLsn the LSN of the commit record: the position changes are ordered by
 * @param endLsn the LSN just past the commit record: the value to {@link ReplicationClient#acknowledge acknowledge}
 *        once this transaction is safely stored
 * @param commitTimeMicros microseconds since 2000-01-01 UTC
 * @param relations the relation messages that arrived within this transaction, in order. pgoutput announces a table
 *        before its first change in each replication session and again after its definition changed, so an entry
 *        here means "check the columns", not necessarily "the table changed"
 * @param types the type messages (non-built-in column types) that arrived within this transaction
 * @param changes in commit order; may be empty (servers before PostgreSQL 15 send transactions that touched no
 *        published table)
 */
public record Transaction(int xid, Lsn commitLsn, Lsn endLsn, long commitTimeMicros, List<PgMessage.Relation> relations,
        List<PgMessage.Type> types, List<Change> changes) {

    public Transaction {
        Objects.requireNonNull(commitLsn, "commitLsn");
        Objects.requireNonNull(endLsn, "endLsn");
        relations = List.copyOf(relations);
        types = List.copyOf(types);
        changes = List.copyOf(changes);
    }

    public long xidUnsigned() {
        return Integer.toUnsignedLong(xid);
    }

    public Instant commitTime() {
        return PgTime.toInstant(commitTimeMicros);
    }
}
