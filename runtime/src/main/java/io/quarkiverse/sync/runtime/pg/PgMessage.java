package io.quarkiverse.sync.runtime.pg;

import java.util.List;
import java.util.Objects;

/**
 * One decoded pgoutput message (protocol version 1), see PostgreSQL's "Logical Replication Message Formats".
 * <p>
 * Timestamps are kept as on the wire: microseconds since the PostgreSQL epoch, 2000-01-01 00:00:00 UTC
 * (see {@link PgTime}). Origin ({@code 'O'}) and logical decoding ({@code 'M'}) messages are not represented: the
 * decoder skips them.
 */
public sealed interface PgMessage {

    /** {@code 'B'}: a transaction starts; the changes up to the matching {@link Commit} belong to it. */
    record Begin(Lsn finalLsn, long commitTimeMicros, int xid) implements PgMessage {
        public Begin {
            Objects.requireNonNull(finalLsn, "finalLsn");
        }

        /** The 32-bit transaction id as the unsigned number Postgres prints (e.g. in {@code txid} headers). */
        public long xidUnsigned() {
            return Integer.toUnsignedLong(xid);
        }
    }

    /**
     * {@code 'C'}: the transaction is complete.
     *
     * @param commitLsn the LSN of the commit record (equal to {@link Begin#finalLsn()})
     * @param endLsn the LSN just past the commit record: acknowledging it means "this transaction is done"
     */
    record Commit(Lsn commitLsn, Lsn endLsn, long commitTimeMicros) implements PgMessage {
        public Commit {
            Objects.requireNonNull(commitLsn, "commitLsn");
            Objects.requireNonNull(endLsn, "endLsn");
        }
    }

    /**
     * {@code 'R'}: the shape of a table, sent before its first change in a session and again after it changed.
     *
     * @param schema the namespace; empty for {@code pg_catalog}
     * @param replicaIdentity {@code pg_class.relreplident}: {@code 'd'} default, {@code 'n'} nothing, {@code 'f'}
     *        full, {@code 'i'} index
     */
    record Relation(int oid, String schema, String table, char replicaIdentity, List<Column> columns)
            implements PgMessage {
        public Relation {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(table, "table");
            columns = List.copyOf(columns);
        }

        /**
         * @param key part of the replica identity (flag bit 1)
         * @param typeModifier {@code atttypmod}, -1 when the type has none
         */
        public record Column(boolean key, String name, int typeOid, int typeModifier) {
            public Column {
                Objects.requireNonNull(name, "name");
            }
        }
    }

    /** {@code 'I'} */
    record Insert(int relationOid, TupleData newTuple) implements PgMessage {
        public Insert {
            Objects.requireNonNull(newTuple, "newTuple");
        }
    }

    /**
     * {@code 'U'}
     *
     * @param oldTuple {@code null} when Postgres sent none (the key did not change and the replica identity is not
     *        FULL); otherwise {@link TupleData.Kind#KEY} or {@link TupleData.Kind#OLD}
     */
    record Update(int relationOid, TupleData oldTuple, TupleData newTuple) implements PgMessage {
        public Update {
            Objects.requireNonNull(newTuple, "newTuple");
        }
    }

    /** {@code 'D'}; the old tuple is {@link TupleData.Kind#KEY} or {@link TupleData.Kind#OLD}. */
    record Delete(int relationOid, TupleData oldTuple) implements PgMessage {
        public Delete {
            Objects.requireNonNull(oldTuple, "oldTuple");
        }
    }

    /** {@code 'T'}: one TRUNCATE statement, possibly over several tables. */
    record Truncate(List<Integer> relationOids, boolean cascade, boolean restartIdentity) implements PgMessage {
        public Truncate {
            relationOids = List.copyOf(relationOids);
        }
    }

    /** {@code 'Y'}: a non-built-in type used by a following {@link Relation}. */
    record Type(int oid, String schema, String name) implements PgMessage {
        public Type {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(name, "name");
        }
    }
}
