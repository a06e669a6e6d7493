package io.quarkiverse.sync.runtime.protocol;

import java.util.List;

/** The control messages of protocol §4.6. LSNs and xids are decimal strings, as the clients parse them with BigInt. */
public final class ControlMessages {

    /** The whole body of a 409. */
    public static final String MUST_REFETCH_BODY = "[{\"headers\":{\"control\":\"must-refetch\"}}]";

    private ControlMessages() {
    }

    public static String upToDate(long globalLastSeenLsn) {
        return "{\"headers\":{\"control\":\"up-to-date\",\"global_last_seen_lsn\":\""
                + Long.toUnsignedString(globalLastSeenLsn) + "\"}}";
    }

    /** Closes the initial snapshot, with the snapshot's {@code pg_current_snapshot()} (64-bit xids). */
    public static String snapshotEnd(long xmin, long xmax, List<Long> xip) {
        StringBuilder out = new StringBuilder("{\"headers\":{\"control\":\"snapshot-end\",\"xmin\":\"")
                .append(xmin).append("\",\"xmax\":\"").append(xmax).append("\",\"xip_list\":[");
        for (int i = 0; i < xip.size(); i++) {
            out.append(i > 0 ? ",\"" : "\"").append(xip.get(i)).append('"');
        }
        return out.append("]}}").toString();
    }
}
