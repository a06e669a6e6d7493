package io.quarkiverse.sync.runtime.engine;

/** The shape was removed (truncate, schema change, deletion) while a request was waiting on it. */
public final class ShapeInvalidatedException extends RuntimeException {

    public ShapeInvalidatedException(String handle) {
        super("Shape " + handle + " was invalidated", null, false, false);
    }
}
