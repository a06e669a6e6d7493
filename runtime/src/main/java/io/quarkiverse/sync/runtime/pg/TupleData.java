package io.quarkiverse.sync.runtime.pg;

import java.util.List;
import java.util.Objects;

/**
 * The column values of one row as pgoutput sends them (protocol 1: values in their text output form, under the
 * session settings of the replication connection, see {@link ConnectionSettings}).
 * <p>
 * Every column is in exactly one of three states, made explicit by {@link Value}: a text value, SQL NULL, or
 * "unchanged TOAST" — a large value that an UPDATE did not change and that Postgres therefore does not send again
 * (the consumer must keep the value it already has). Values are in the column order of the relation's
 * {@link PgMessage.Relation} message (generated columns are never sent).
 *
 * @param kind which tuple of the change this is; {@link Kind#KEY} tuples carry only the replica identity columns,
 *        the others are sent as NULL although they are not null
 * @param values one per column
 */
public record TupleData(Kind kind, List<Value> values) {

    public TupleData {
        Objects.requireNonNull(kind, "kind");
        values = List.copyOf(values);
    }

    /** Which tuple of a change, from the byte that precedes it on the wire. */
    public enum Kind {
        /** {@code 'N'}: the new row (insert, update). */
        NEW,
        /** {@code 'K'}: the old row's replica identity (key) columns only; other columns are sent as NULL. */
        KEY,
        /** {@code 'O'}: the whole old row ({@code REPLICA IDENTITY FULL}). */
        OLD
    }

    /** One column value: exactly one of {@link Text}, {@link Null}, {@link UnchangedToast}. */
    public sealed interface Value permits Text, Null, UnchangedToast {
        Value NULL = new Null();
        Value UNCHANGED_TOAST = new UnchangedToast();

        static Value text(String text) {
            return new Text(text);
        }
    }

    /** {@code 't'}: the value in its text output form. */
    public record Text(String text) implements Value {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code 'n'}: SQL NULL (or, in a {@link Kind#KEY} tuple, a column that is not part of the key). */
    public record Null() implements Value {
    }

    /** {@code 'u'}: a TOASTed value the change left as it was; Postgres did not send it. */
    public record UnchangedToast() implements Value {
    }

    public int size() {
        return values.size();
    }

    public Value get(int column) {
        return values.get(column);
    }

    public boolean isNull(int column) {
        return values.get(column) instanceof Null;
    }

    public boolean isUnchangedToast(int column) {
        return values.get(column) instanceof UnchangedToast;
    }

    /**
     * The text of a column, or {@code null} for SQL NULL.
     *
     * @throws IllegalStateException for an unchanged TOAST value, which has no text here
     */
    public String text(int column) {
        Value value = values.get(column);
        if (value instanceof Text text) {
            return text.text();
        }
        if (value instanceof Null) {
            return null;
        }
        throw new IllegalStateException("Column " + column + " is an unchanged TOAST value: Postgres did not send it");
    }
}
