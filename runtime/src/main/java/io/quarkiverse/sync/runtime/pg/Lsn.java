package io.quarkiverse.sync.runtime.pg;

/**
 * A PostgreSQL WAL position (log sequence number), an unsigned 64-bit integer.
 * <p>
 * The text form is Postgres' own: two hexadecimal halves, {@code 16/B374D848}. {@link #parse(String)} and
 * {@link #toString()} are inverses. Text that is not an LSN is rejected with an exception rather than mapped to
 * {@link #INVALID}, so a bad value from a client can never silently mean "from the start".
 */
public record Lsn(long asLong) implements Comparable<Lsn> {

    /** {@code 0/0}: no position. Postgres uses it for "not set" (e.g. "start where the slot is"). */
    public static final Lsn INVALID = new Lsn(0);

    private static final int MAX_HALF_DIGITS = 8;

    public static Lsn fromLong(long value) {
        return value == 0 ? INVALID : new Lsn(value);
    }

    /**
     * @throws IllegalArgumentException unless the text is {@code X/Y} with X and Y of 1 to 8 hexadecimal digits
     */
    public static Lsn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("An LSN is required, got null");
        }
        int slash = text.indexOf('/');
        if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("Not an LSN (expected two hexadecimal halves such as 16/B374D848): '"
                    + text + "'");
        }
        long high = parseHalf(text, 0, slash);
        long low = parseHalf(text, slash + 1, text.length());
        return fromLong(high << 32 | low);
    }

    private static long parseHalf(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > MAX_HALF_DIGITS) {
            throw new IllegalArgumentException("Not an LSN (each half has 1 to 8 hexadecimal digits): '" + text + "'");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw new IllegalArgumentException("Not an LSN (not a hexadecimal digit at " + i + "): '" + text + "'");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    public boolean isValid() {
        return asLong != 0;
    }

    /** The later of the two positions. */
    public Lsn max(Lsn other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** Compares as unsigned numbers, as Postgres does. */
    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(asLong, other.asLong);
    }

    /** Postgres' text form, upper-case hexadecimal without leading zeros: {@code 16/B374D848}. */
    @Override
    public String toString() {
        return Long.toHexString(asLong >>> 32).toUpperCase() + "/" + Long.toHexString(asLong & 0xFFFF_FFFFL).toUpperCase();
    }
}
