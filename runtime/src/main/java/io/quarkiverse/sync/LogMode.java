package io.quarkiverse.sync;

/** Whether a shape's log starts with the table's current rows (protocol {@code log} parameter). */
public enum LogMode {
    /** The initial snapshot of matching rows, then every change. */
    FULL,
    /** No initial rows: only changes from the moment the shape is created (clients load rows on demand). */
    CHANGES_ONLY
}
