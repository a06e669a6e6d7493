package io.quarkiverse.sync.runtime.pg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the decoded messages of one replication session into {@link Transaction}s: BEGIN opens one, changes are
 * joined with the latest relation announced for their table, COMMIT closes it.
 * <p>
 * Relations are remembered for the whole session because pgoutput announces each only once per session (until it
 * changes). A new session (a reconnect) needs a new assembler.
 */
final class TransactionAssembler {

    private final Map<Integer, PgMessage.Relation> relations = new HashMap<>();

    private PgMessage.Begin begin;
    private final List<Change> changes = new ArrayList<>();
    private final List<PgMessage.Relation> announcedRelations = new ArrayList<>();
    private final List<PgMessage.Type> announcedTypes = new ArrayList<>();

    /**
     * @return the transaction this message completes, or {@code null}
     * @throws IllegalStateException when the messages do not follow the protocol (a change outside a transaction, a
     *         change for a table never announced, ...)
     */
    Transaction accept(PgMessage message) {
        if (message instanceof PgMessage.Begin b) {
            if (begin != null) {
                throw new IllegalStateException("BEGIN of xid " + b.xidUnsigned() + " inside the transaction of xid "
                        + begin.xidUnsigned());
            }
            begin = b;
            return null;
        }
        if (message instanceof PgMessage.Commit commit) {
            return complete(commit);
        }
        if (message instanceof PgMessage.Relation relation) {
            relations.put(relation.oid(), relation);
            if (begin != null) {
                announcedRelations.add(relation);
            }
            return null;
        }
        if (message instanceof PgMessage.Type type) {
            if (begin != null) {
                announcedTypes.add(type);
            }
            return null;
        }
        changes.add(toChange(message));
        return null;
    }

    /** Whether a BEGIN arrived whose COMMIT has not (yet). */
    boolean inTransaction() {
        return begin != null;
    }

    private Change toChange(PgMessage message) {
        if (begin == null) {
            throw new IllegalStateException("A change outside a transaction: " + message.getClass().getSimpleName());
        }
        if (message instanceof PgMessage.Insert insert) {
            return new Change.Insert(relation(insert.relationOid()), insert.newTuple());
        }
        if (message instanceof PgMessage.Update update) {
            return new Change.Update(relation(update.relationOid()), update.oldTuple(), update.newTuple());
        }
        if (message instanceof PgMessage.Delete delete) {
            return new Change.Delete(relation(delete.relationOid()), delete.oldTuple());
        }
        if (message instanceof PgMessage.Truncate truncate) {
            List<PgMessage.Relation> truncated = new ArrayList<>(truncate.relationOids().size());
            for (int oid : truncate.relationOids()) {
                truncated.add(relation(oid));
            }
            return new Change.Truncate(truncated, truncate.cascade(), truncate.restartIdentity());
        }
        throw new IllegalStateException("Unexpected message " + message);
    }

    private PgMessage.Relation relation(int oid) {
        PgMessage.Relation relation = relations.get(oid);
        if (relation == null) {
            throw new IllegalStateException("A change for relation " + Integer.toUnsignedString(oid)
                    + " that was never announced by a RELATION message");
        }
        return relation;
    }

    private Transaction complete(PgMessage.Commit commit) {
        if (begin == null) {
            throw new IllegalStateException("COMMIT at " + commit.commitLsn() + " without a BEGIN");
        }
        Transaction transaction = new Transaction(begin.xid(), commit.commitLsn(), commit.endLsn(),
                commit.commitTimeMicros(), announcedRelations, announcedTypes, changes);
        begin = null;
        changes.clear();
        announcedRelations.clear();
        announcedTypes.clear();
        return transaction;
    }
}
