package io.quarkiverse.sync.runtime.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.runtime.protocol.Json;

/**
 * Turns one replicated row change into the shape's log entries (protocol §4.2–4.4): the where-clause decides between
 * insert, update, delete or nothing (moves in and out of the shape), {@code replica} decides what values travel, and an
 * update that changes the primary key becomes a delete of the old key and an insert of the new one.
 * <p>
 * Rows are text values in table column order, null for SQL NULL, as pgoutput and COPY give them.
 */
final class ChangeEncoder {

    /**
     * One log entry before the transaction is complete: {@code last} goes on the shape's last entry of the
     * transaction, which is known only then. {@code op} is the op offset within the transaction, {@code jsonHead} the
     * entry's JSON up to, not including, the closing of its headers object.
     */
    static final class PendingEntry {
        private final long op;
        private final String jsonHead;
        /** The two renderings, made once: an entry is shared by the shapes that encode it alike ({@link Encoded}). */
        private String json;
        private String lastJson;

        PendingEntry(long op, String jsonHead) {
            this.op = op;
            this.jsonHead = jsonHead;
        }

        long op() {
            return op;
        }

        String json(boolean last) {
            if (last) {
                if (lastJson == null) {
                    lastJson = jsonHead + ",\"last\":true}}";
                }
                return lastJson;
            }
            if (json == null) {
                json = jsonHead + "}}";
            }
            return json;
        }
    }

    /**
     * The entries encoded so far in one transaction, reused by every shape with the same row messages and replica: an
     * entry depends on nothing else but the change and its op, so 1,500 shapes that see the same 50 rows encode them
     * 50 times, not 75,000. Used by the replication thread, for one transaction at a time.
     */
    static final class Encoded {
        private record Key(RowMessages messages, Replica replica, long op, String kind) {
        }

        /** Null when the transaction goes to one shape: nothing to share, nothing to keep. */
        private final Map<Key, List<PendingEntry>> entries;

        /** @param shared whether several shapes will encode the transaction */
        Encoded(boolean shared) {
            this.entries = shared ? new HashMap<>() : null;
        }

        /** For one shape: every entry is encoded where it is needed (keeps nothing, so one instance serves all). */
        static final Encoded UNSHARED = new Encoded(false);

        /**
         * What a shape with the same messages and replica encoded for this op and kind, or null (always null for one
         * shape: then nothing is looked up or allocated on the routing path).
         */
        List<PendingEntry> found(ChangeEncoder encoder, long op, String kind) {
            return entries == null ? null : entries.get(new Key(encoder.messages, encoder.replica, op, kind));
        }

        /** Keeps {@code encodedEntries} for the next shapes when shared; returns them. */
        List<PendingEntry> keep(ChangeEncoder encoder, long op, String kind, List<PendingEntry> encodedEntries) {
            if (entries != null) {
                entries.put(new Key(encoder.messages, encoder.replica, op, kind), encodedEntries);
            }
            return encodedEntries;
        }
    }

    /** The transaction's identity, the same on every entry it produces. */
    record TxHeaders(long xid, long lsn) {
        String json() {
            return ",\"txids\":[" + xid + "],\"lsn\":\"" + Long.toUnsignedString(lsn) + "\"";
        }
    }

    private final RowMessages messages;
    private final Replica replica;
    private final RowFilter filter;

    ChangeEncoder(RowMessages messages, Replica replica, RowFilter filter) {
        this.messages = messages;
        this.replica = Objects.requireNonNull(replica);
        this.filter = filter;
    }

    List<PendingEntry> insert(String[] row, TxHeaders tx, long op) {
        return insert(row, tx, op, Encoded.UNSHARED);
    }

    List<PendingEntry> insert(String[] row, TxHeaders tx, long op, Encoded encoded) {
        if (!filter.matches(row)) {
            return List.of();
        }
        List<PendingEntry> known = encoded.found(this, op, "insert");
        return known != null ? known : encoded.keep(this, op, "insert", List.of(insertEntry(row, tx, op, null)));
    }

    List<PendingEntry> delete(String[] oldRow, TxHeaders tx, long op) {
        return delete(oldRow, tx, op, Encoded.UNSHARED);
    }

    List<PendingEntry> delete(String[] oldRow, TxHeaders tx, long op, Encoded encoded) {
        if (!filter.matches(oldRow)) {
            return List.of();
        }
        List<PendingEntry> known = encoded.found(this, op, "delete");
        return known != null ? known : encoded.keep(this, op, "delete", List.of(deleteEntry(oldRow, tx, op, null)));
    }

    /**
     * @param oldRow the whole old row (replica identity FULL), or null when Postgres did not send it; then every
     *        selected column counts as changed and the old row is taken to have matched as the new one does
     */
    List<PendingEntry> update(String[] oldRow, String[] newRow, TxHeaders tx, long op) {
        return update(oldRow, newRow, tx, op, Encoded.UNSHARED);
    }

    List<PendingEntry> update(String[] oldRow, String[] newRow, TxHeaders tx, long op, Encoded encoded) {
        boolean newMatches = filter.matches(newRow);
        boolean oldMatches = oldRow == null ? newMatches : filter.matches(oldRow);
        if (!oldMatches && !newMatches) {
            return List.of();
        }
        if (!oldMatches) { // moved into the shape
            List<PendingEntry> known = encoded.found(this, op, "move-in");
            return known != null ? known
                    : encoded.keep(this, op, "move-in", List.of(insertEntry(newRow, tx, op, null)));
        }
        if (!newMatches) { // moved out of the shape
            List<PendingEntry> known = encoded.found(this, op, "move-out");
            return known != null ? known
                    : encoded.keep(this, op, "move-out", List.of(deleteEntry(oldRow, tx, op, null)));
        }
        List<PendingEntry> known = encoded.found(this, op, "update");
        return known != null ? known : encoded.keep(this, op, "update", stayingUpdate(oldRow, newRow, tx, op));
    }

    /** The entries of an update of a row in the shape before and after: none, one, or a key change's two. */
    private List<PendingEntry> stayingUpdate(String[] oldRow, String[] newRow, TxHeaders tx, long op) {
        String oldKey = oldRow == null ? null : messages.key(oldRow);
        String newKey = messages.key(newRow);
        if (oldKey != null && !oldKey.equals(newKey)) {
            // The key changed: clients index rows by key, so the old row goes and the new one comes (ops n, n+1).
            return List.of(deleteEntry(oldRow, tx, op, "\"key_change_to\":" + Json.quote(newKey)),
                    insertEntry(newRow, tx, op + 1, "\"key_change_from\":" + Json.quote(oldKey)));
        }
        boolean[] changed = changedColumns(oldRow, newRow);
        if (!anySelected(changed)) {
            return List.of(); // nothing this shape sends has changed
        }
        StringBuilder out = new StringBuilder(256).append("{\"key\":");
        Json.string(out, newKey).append(",\"value\":");
        if (replica == Replica.FULL) {
            messages.appendValues(out, newRow, null);
            if (oldRow != null) {
                out.append(",\"old_value\":");
                messages.appendValues(out, oldRow, changed);
            }
        } else {
            boolean[] keyAndChanged = changed.clone();
            for (int position : messages.keyPositions()) {
                keyAndChanged[position] = true;
            }
            messages.appendValues(out, newRow, keyAndChanged);
        }
        return List.of(new PendingEntry(op, headers(out, "update", tx, op, null)));
    }

    private PendingEntry insertEntry(String[] row, TxHeaders tx, long op, String extraHeader) {
        StringBuilder out = new StringBuilder(256).append("{\"key\":");
        Json.string(out, messages.key(row)).append(",\"value\":");
        messages.appendValues(out, row, null);
        return new PendingEntry(op, headers(out, "insert", tx, op, extraHeader));
    }

    private PendingEntry deleteEntry(String[] oldRow, TxHeaders tx, long op, String extraHeader) {
        StringBuilder out = new StringBuilder(256).append("{\"key\":");
        Json.string(out, messages.key(oldRow)).append(",\"value\":");
        if (replica == Replica.FULL) {
            messages.appendValues(out, oldRow, null);
        } else {
            boolean[] keyOnly = new boolean[oldRow.length];
            for (int position : messages.keyPositions()) {
                keyOnly[position] = true;
            }
            messages.appendValues(out, oldRow, keyOnly);
        }
        return new PendingEntry(op, headers(out, "delete", tx, op, extraHeader));
    }

    private String headers(StringBuilder out, String operation, TxHeaders tx, long op, String extraHeader) {
        out.append(",\"headers\":{\"operation\":\"").append(operation).append("\",\"relation\":")
                .append(messages.relationJson()).append(tx.json()).append(",\"op_position\":").append(op);
        if (extraHeader != null) {
            out.append(',').append(extraHeader);
        }
        return out.toString();
    }

    private static boolean[] changedColumns(String[] oldRow, String[] newRow) {
        boolean[] changed = new boolean[newRow.length];
        for (int i = 0; i < newRow.length; i++) {
            changed[i] = oldRow == null || !Objects.equals(oldRow[i], newRow[i]);
        }
        return changed;
    }

    private boolean anySelected(boolean[] changed) {
        for (int position : messages.selectedPositions()) {
            if (changed[position]) {
                return true;
            }
        }
        return false;
    }

    /** Renders a transaction's entries for one shape, {@code last} on the final one. */
    static List<String> render(List<PendingEntry> entries) {
        List<String> json = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            json.add(entries.get(i).json(i == entries.size() - 1));
        }
        return json;
    }
}
