package io.quarkiverse.sync.runtime.where;

/** Postgres' interval: months, days and microseconds kept apart, as the server stores them. */
record Interval(int months, int days, long micros) {

    static final long USECS_PER_DAY = 86_400_000_000L;

    /** interval_cmp_value: a month counts as 30 days and a day as 24 hours, so '1 month' = '30 days'. */
    static int compare(Interval a, Interval b) {
        long da = a.months * 30L + a.days + Math.floorDiv(a.micros, USECS_PER_DAY);
        long db = b.months * 30L + b.days + Math.floorDiv(b.micros, USECS_PER_DAY);
        if (da != db) {
            return Long.compare(da, db);
        }
        return Long.compare(Math.floorMod(a.micros, USECS_PER_DAY), Math.floorMod(b.micros, USECS_PER_DAY));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interval other && compare(this, other) == 0;
    }

    @Override
    public int hashCode() {
        long d = months * 30L + days + Math.floorDiv(micros, USECS_PER_DAY);
        return Long.hashCode(d * 31 + Math.floorMod(micros, USECS_PER_DAY));
    }
}
