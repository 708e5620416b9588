package vn.lienthong.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A Saturday or Sunday that public bodies work (làm bù), in exchange for a weekday they take
 * off to bridge a holiday to a weekend.
 */
public record CompensatingWorkday(LocalDate date, String name) {

    public CompensatingWorkday {
        Objects.requireNonNull(date, "date");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("compensating workday " + date + " has no name");
        }
        if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
            throw new IllegalArgumentException("compensating workday " + date + " is a " + date.getDayOfWeek()
                    + ", already a working day; only a Saturday or Sunday can be worked in compensation");
        }
    }
}
