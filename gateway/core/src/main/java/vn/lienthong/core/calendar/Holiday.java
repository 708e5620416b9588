package vn.lienthong.core.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Days off for public bodies, {@code from} to {@code to} inclusive: a public holiday, the Tết
 * break, or a compensating day off (nghỉ bù). Weekend days inside the range change nothing;
 * ranges are written as announced, weekends included.
 */
public record Holiday(LocalDate from, LocalDate to, String name) {

    public Holiday {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("holiday " + from + " has no name");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("holiday '" + name + "': from " + from + " is after to " + to);
        }
    }

    /** A one-day holiday. */
    public Holiday(LocalDate date, String name) {
        this(date, date, name);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
