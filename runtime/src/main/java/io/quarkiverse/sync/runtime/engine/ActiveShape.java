package io.quarkiverse.sync.runtime.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.quarkiverse.sync.runtime.pg.Change;
import io.quarkiverse.sync.runtime.pg.PgMessage;
import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.Transaction;
import io.quarkiverse.sync.runtime.pg.TupleData;
import io.quarkiverse.sync.runtime.storage.ShapeLog;

/**
 * A shape the engine maintains: its definition and handle, its log, and where its snapshot stands. The engine's
 * replication thread appends to the log; request threads read it.
 * <p>
 * Until the snapshot has recorded which transactions it sees, replicated transactions for the shape's table wait in
 * memory; then those the snapshot already contains are dropped and the rest applied, in commit order.
 */
public final class ActiveShape {

    private final Shape shape;
    private final ShapeLog log;
    private final ChangeEncoder encoder;
    /** Completed future that shapes whose snapshot finished share: thousands of idle shapes need no pair each. */
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private volatile CompletableFuture<Void> firstChunk = new CompletableFuture<>();
    private volatile CompletableFuture<Void> snapshotDone = new CompletableFuture<>();
    /** The relation message last found to match; pgoutput reuses it for every change until the table changes. */
    private PgMessage.Relation checkedRelation;

    // Guarded by the engine's lock.
    private Snapshotter.Visibility visibility;
    private List<Transaction> waiting = new ArrayList<>();
    private volatile boolean invalidated;
    private volatile long lastAppendMillis = System.currentTimeMillis();

    ActiveShape(Shape shape, ShapeLog log, RowFilter filter) {
        this.shape = shape;
        this.log = log;
        this.encoder = new ChangeEncoder(shape.messages(), shape.definition().replica(), filter);
    }

    public Shape shape() {
        return shape;
    }

    public String handle() {
        return shape.handle();
    }

    public ShapeLog log() {
        return log;
    }

    /** Records that the log grew: an active log keeps its files open. */
    void appended() {
        lastAppendMillis = System.currentTimeMillis();
    }

    long lastAppendMillis() {
        return lastAppendMillis;
    }

    public boolean isInvalidated() {
        return invalidated;
    }

    void invalidate() {
        invalidated = true;
        firstChunk.completeExceptionally(new ShapeInvalidatedException(shape.handle()));
        snapshotDone.completeExceptionally(new ShapeInvalidatedException(shape.handle()));
    }

    /** Completes once snapshot chunk 0 can be read (or exceptionally when the snapshot failed). */
    public CompletableFuture<Void> firstChunk() {
        return firstChunk;
    }

    public CompletableFuture<Void> snapshotDone() {
        return snapshotDone;
    }

    Snapshotter.Visibility visibility() {
        return visibility;
    }

    /** Sets the snapshot's visibility and hands back the transactions that waited for it. */
    List<Transaction> visibilityKnown(Snapshotter.Visibility known) {
        visibility = known;
        List<Transaction> held = waiting;
        waiting = null;
        return held;
    }

    /** Holds a transaction until the snapshot's visibility is known; false when it is known already. */
    boolean holdIfWaiting(Transaction transaction) {
        if (visibility != null) {
            return false;
        }
        if (waiting.isEmpty() || waiting.get(waiting.size() - 1) != transaction) {
            waiting.add(transaction);
        }
        return true;
    }

    /**
     * Whether a relation message still describes the table this shape was made for: same columns, same names, same
     * types. Anything else (a column added, dropped, renamed, retyped) invalidates the shape.
     */
    boolean matches(PgMessage.Relation relation) {
        if (relation == checkedRelation) {
            return true;
        }
        List<TableSchema.Column> columns = shape.table().columns();
        if (relation.columns().size() != columns.size() || !relation.schema().equals(shape.table().schema())
                || !relation.table().equals(shape.table().name())) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            PgMessage.Relation.Column sent = relation.columns().get(i);
            if (!sent.name().equals(columns.get(i).name()) || sent.typeOid() != columns.get(i).typeOid()) {
                return false;
            }
        }
        checkedRelation = relation;
        return true;
    }

    /** The shape's log entries for one change; op is the change's op offset in its transaction. */
    /** @param encoded the entries other shapes encoded in this transaction, reused when they are this shape's too */
    List<ChangeEncoder.PendingEntry> encode(Change change, ChangeEncoder.TxHeaders tx, long op,
            ChangeEncoder.Encoded encoded) {
        if (change instanceof Change.Insert insert) {
            return encoder.insert(row(insert.newTuple(), null), tx, op, encoded);
        }
        if (change instanceof Change.Delete delete) {
            return encoder.delete(row(delete.oldTuple(), null), tx, op, encoded);
        }
        if (change instanceof Change.Update update) {
            TupleData old = update.oldTuple();
            String[] oldRow = old != null && old.kind() == TupleData.Kind.OLD ? row(old, null) : null;
            return encoder.update(oldRow, row(update.newTuple(), oldRow), tx, op, encoded);
        }
        return List.of();
    }

    /**
     * Text values in table column order. An unchanged TOAST value (not sent by Postgres) is taken from the old row,
     * which replica identity FULL provides.
     */
    private String[] row(TupleData tuple, String[] oldRow) {
        String[] row = new String[tuple.size()];
        for (int i = 0; i < row.length; i++) {
            TupleData.Value value = tuple.get(i);
            if (value instanceof TupleData.Text text) {
                row[i] = text.text();
            } else if (value instanceof TupleData.UnchangedToast) {
                row[i] = oldRow != null ? oldRow[i] : null;
            }
        }
        return row;
    }

    void snapshotChunkReady() {
        firstChunk.complete(null);
    }

    void snapshotFinished() {
        firstChunk.complete(null);
        snapshotDone.complete(null);
        // Those who hold the own futures saw them complete; later callers get the shared completed one.
        firstChunk = DONE;
        snapshotDone = DONE;
    }

    void snapshotFailed(Throwable error) {
        firstChunk.completeExceptionally(error);
        snapshotDone.completeExceptionally(error);
    }
}
