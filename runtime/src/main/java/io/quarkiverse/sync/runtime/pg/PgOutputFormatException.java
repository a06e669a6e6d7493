package io.quarkiverse.sync.runtime.pg;

/** A pgoutput message that does not follow the format of protocol version 1. */
public class PgOutputFormatException extends RuntimeException {

    public PgOutputFormatException(String message) {
        super(message);
    }
}
