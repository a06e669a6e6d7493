package io.quarkiverse.sync.runtime.pg;

import java.time.Instant;

/** Postgres' binary timestamps count microseconds from its own epoch, not the Unix one. */
public final class PgTime {

    /** 2000-01-01T00:00:00Z in microseconds since the Unix epoch. */
    static final long POSTGRES_EPOCH_UNIX_MICROS = 946_684_800_000_000L;

    private PgTime() {
    }

    public static Instant toInstant(long postgresMicros) {
        long unixMicros = postgresMicros + POSTGRES_EPOCH_UNIX_MICROS;
        return Instant.ofEpochSecond(Math.floorDiv(unixMicros, 1_000_000L), Math.floorMod(unixMicros, 1_000_000L) * 1_000L);
    }
}
