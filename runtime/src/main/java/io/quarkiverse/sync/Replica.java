package io.quarkiverse.sync;

/** What update and delete messages of a shape carry (protocol {@code replica} parameter). */
public enum Replica {
    /** Updates carry the primary key and the changed columns; deletes carry the primary key. */
    DEFAULT,
    /** Updates carry the whole new row and the old values of changed columns; deletes carry the whole old row. */
    FULL
}
