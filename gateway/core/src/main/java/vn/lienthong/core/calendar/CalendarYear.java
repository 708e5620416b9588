package vn.lienthong.core.calendar;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The days off and compensating workdays of one calendar year, as the government announced
 * them (or, while {@code provisional}, as they are expected to be).
 *
 * @param provisional the government has not yet announced every day off of the year; the
 *        dates follow the law and the lunar calendar and may still change
 * @param source where the dates come from, such as the announcement's number
 */
public record CalendarYear(int year, List<Holiday> holidays, List<CompensatingWorkday> workdays,
                           boolean provisional, @Nullable String source) {

    public CalendarYear {
        holidays = holidays.stream().sorted(Comparator.comparing(Holiday::from)).toList();
        workdays = workdays.stream().sorted(Comparator.comparing(CompensatingWorkday::date)).toList();
        for (Holiday holiday : holidays) {
            requireInYear(year, holiday.from(), "holiday '" + holiday.name() + "'");
            requireInYear(year, holiday.to(), "holiday '" + holiday.name() + "'");
        }
        for (CompensatingWorkday workday : workdays) {
            requireInYear(year, workday.date(), "compensating workday '" + workday.name() + "'");
            for (Holiday holiday : holidays) {
                if (holiday.contains(workday.date())) {
                    throw new IllegalArgumentException("compensating workday '" + workday.name() + "' on "
                            + workday.date() + " falls in holiday '" + holiday.name() + "'; a day cannot be both");
                }
            }
        }
    }

    private static void requireInYear(int year, LocalDate date, String what) {
        Objects.requireNonNull(date, "date");
        if (date.getYear() != year) {
            throw new IllegalArgumentException(what + ": date " + date + " is outside the year " + year);
        }
    }
}
