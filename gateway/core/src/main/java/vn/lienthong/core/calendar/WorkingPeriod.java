package vn.lienthong.core.calendar;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One stretch of working time within a working day, such as the morning 07:30–11:30.
 * Whole minutes only, so that working time is always a whole number of minutes per day.
 */
public record WorkingPeriod(LocalTime start, LocalTime end) {

    public WorkingPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("working period " + start + "-" + end + " must start before it ends");
        }
        if (start.getSecond() != 0 || start.getNano() != 0 || end.getSecond() != 0 || end.getNano() != 0) {
            throw new IllegalArgumentException("working period " + start + "-" + end + " must be in whole minutes");
        }
    }

    public long minutes() {
        return Duration.between(start, end).toMinutes();
    }

    /** Whether {@code time} is inside the period: from its start, up to but not including its end. */
    public boolean contains(LocalTime time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
