package io.quarkiverse.sync.runtime.where;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The hand-written fast parsers of dates and timestamps (a month table for 1900-2199, the calendar arithmetic
 * outside it) against java.time's proleptic Gregorian calendar, on every day of the years around and inside the
 * table and on texts that must be rejected.
 */
class DateTimesTest {

    @Test
    void everyDayParsesToItsEpochDay() {
        List<String> wrong = new ArrayList<>();
        for (LocalDate d = LocalDate.of(1000, 1, 1); d.getYear() < 10000; d = d.plusDays(d.getYear() < 1890
                || d.getYear() > 2210 ? 7 : 1)) {
            String text = d.toString();
            if (DateTimes.parseDate(text) != d.toEpochDay()) {
                wrong.add(text + " -> " + DateTimes.parseDate(text));
            }
            LocalDateTime t = d.atTime(23, 59, 59, 999_999_000);
            long expected = (t.toEpochSecond(ZoneOffset.UTC) - DateTimes.PG_EPOCH_DAY * 86400) * 1_000_000 + 999_999;
            if (DateTimes.parseTimestamp(text + " 23:59:59.999999+00", true) != expected) {
                wrong.add(text + " 23:59:59.999999+00");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void impossibleDaysAreNotTakenByTheFastPath() {
        for (String text : new String[] { "2023-02-29", "1900-02-29", "2100-02-29", "2199-04-31", "2024-13-01",
                "2024-00-01", "2024-01-00", "2024-01-32", "20a4-01-01", "2024-0a-01", "2024-01-0/", "2024-01-0:" }) {
            assertThat(DateTimes.fastDay(text)).as(text).isEqualTo(Long.MIN_VALUE);
        }
        assertThat(DateTimes.parseDate("2000-02-29")).isEqualTo(LocalDate.of(2000, 2, 29).toEpochDay());
        assertThat(DateTimes.fastTimestamp("2024-01-01 24:00:00+00", true)).isEqualTo(Long.MIN_VALUE);
        assertThat(DateTimes.fastTimestamp("2024-01-01 10:0a:00+00", true)).isEqualTo(Long.MIN_VALUE);
        assertThat(DateTimes.fastTimestamp("2024-01-01 10:00:00+1/", true)).isEqualTo(Long.MIN_VALUE);
    }
}
