package io.quarkiverse.sync.runtime.protocol;

/**
 * A position in a shape log (protocol §3): {@code -1} before everything, {@code 0_k} snapshot chunk k, {@code 0_inf} the
 * end of the snapshot region, {@code L_n} operation n of the transaction committed at LSN L.
 * <p>
 * {@link #parse(String)} and {@link #toString()} are inverses for every offset a server emits.
 */
public record LogOffset(long txOffset, long opOffset) implements Comparable<LogOffset> {

    /** The virtual position before the log; prints as {@code -1}. No parsed offset has op offset -1. */
    public static final LogOffset BEFORE_ALL = new LogOffset(-1, -1);
    /** The end of the snapshot region. */
    public static final LogOffset LAST_SNAPSHOT = new LogOffset(0, Long.MAX_VALUE);

    private static final String INF = "inf";

    public static LogOffset snapshotChunk(long k) {
        return new LogOffset(0, k);
    }

    public boolean isBeforeAll() {
        return txOffset == -1 && opOffset == -1;
    }

    /** True for {@code 0_k} and {@code 0_inf}. */
    public boolean isInSnapshot() {
        return txOffset == 0;
    }

    /**
     * Parses the request form. Both parts are whole decimal numbers (leading zeros and a {@code +} sign allowed, as the
     * reference server's {@code Integer.parse} accepts), the second may be {@code inf}; a negative part is rejected
     * except in {@code -1_0}, which means before-all. Unsigned 64-bit LSNs above {@code Long.MAX_VALUE} are kept as
     * their two's-complement long and compare unsigned.
     *
     * @throws IllegalArgumentException when the text is not an offset (the caller answers 400 "has invalid format")
     */
    public static LogOffset parse(String text) {
        if ("-1".equals(text)) {
            return BEFORE_ALL;
        }
        int sep = text.indexOf('_');
        if (sep < 0 || text.indexOf('_', sep + 1) >= 0) {
            throw new IllegalArgumentException("offset must have the form <tx>_<op>: " + text);
        }
        String tx = text.substring(0, sep);
        String op = text.substring(sep + 1);
        if ("-1".equals(tx) && "0".equals(op)) {
            return BEFORE_ALL;
        }
        long txValue = parseUnsigned(tx);
        long opValue = INF.equals(op) ? Long.MAX_VALUE : parseUnsigned(op);
        // Op offsets are small counters: a value in the unsigned upper half or equal to inf's would be ambiguous.
        if (opValue < 0 || (opValue == Long.MAX_VALUE && !INF.equals(op))) {
            throw new IllegalArgumentException("op offset out of range: " + text);
        }
        return new LogOffset(txValue, opValue);
    }

    private static long parseUnsigned(String part) {
        String digits = part.startsWith("+") ? part.substring(1) : part;
        if (digits.isEmpty() || digits.length() > 40) {
            throw new IllegalArgumentException("not a number: " + part);
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a number: " + part);
            }
        }
        return Long.parseUnsignedLong(digits); // throws NumberFormatException (an IllegalArgumentException) past 2^64-1
    }

    @Override
    public int compareTo(LogOffset other) {
        if (isBeforeAll() || other.isBeforeAll()) {
            return Boolean.compare(!isBeforeAll(), !other.isBeforeAll());
        }
        int byTx = Long.compareUnsigned(txOffset, other.txOffset);
        return byTx != 0 ? byTx : Long.compareUnsigned(opOffset, other.opOffset);
    }

    @Override
    public String toString() {
        if (isBeforeAll()) {
            return "-1";
        }
        return Long.toUnsignedString(txOffset) + "_" + (opOffset == Long.MAX_VALUE ? INF : Long.toString(opOffset));
    }
}
