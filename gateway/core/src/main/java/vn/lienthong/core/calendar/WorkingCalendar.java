package vn.lienthong.core.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.envelope.AllowedTime;

/**
 * Working-time arithmetic for deadlines (hạn giải quyết) and their outcome.
 *
 * <p>A <b>working day</b> is Monday to Friday unless a holiday covers it, or a Saturday or
 * Sunday named as a compensating workday. Every working day has the same
 * {@linkplain WorkingHours working periods}; only time inside them is working time. Dates and
 * times are those of the calendar's zone. A year without a {@link CalendarYear} counts
 * Monday to Friday as working days with no holidays; {@link #covers(int)} tells callers so
 * they can warn. This class logs nothing and is immutable, so it may be shared freely.
 *
 * <p>Instants are kept exact: an instant inside working time is used as it is, seconds and
 * fractions included. Working time is counted in whole minutes.
 *
 * <ul>
 * <li>{@link #countingStart}: a dossier received on a working day at or after the cut-off
 *     (15:00 by default) counts from the start of the next working day; otherwise from the
 *     first working moment at or after its receipt.</li>
 * <li>{@link #plus}: the due instant, the earliest instant by which the allowed working time
 *     has elapsed. A deadline that ends exactly at the end of a period is that end (17:00 of
 *     the last day), not the start of the next period.</li>
 * <li>{@link #judge}: late after the due instant, early on a day before the due day, otherwise
 *     on time.</li>
 * </ul>
 */
public final class WorkingCalendar {

    private final ZoneId zone;
    private final WorkingHours hours;
    private final @Nullable LocalTime cutOff;
    private final Map<Integer, CalendarYear> years;
    private final Map<LocalDate, Holiday> holidays = new HashMap<>();
    private final Set<LocalDate> workdays = new HashSet<>();

    /**
     * @param cutOff a dossier received on a working day at or after this time counts from the
     *        next working day; null: no cut-off
     * @param years the years whose holidays are known, at most one per year
     */
    public WorkingCalendar(ZoneId zone, WorkingHours hours, @Nullable LocalTime cutOff, Collection<CalendarYear> years) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.hours = Objects.requireNonNull(hours, "hours");
        this.cutOff = cutOff;
        Map<Integer, CalendarYear> byYear = new TreeMap<>();
        for (CalendarYear year : years) {
            if (byYear.put(year.year(), year) != null) {
                throw new IllegalArgumentException("the year " + year.year() + " is given twice");
            }
            for (Holiday holiday : year.holidays()) {
                for (LocalDate day = holiday.from(); !day.isAfter(holiday.to()); day = day.plusDays(1)) {
                    holidays.putIfAbsent(day, holiday);
                }
            }
            year.workdays().forEach(workday -> workdays.add(workday.date()));
        }
        this.years = Map.copyOf(byYear);
    }

    public ZoneId zone() {
        return zone;
    }

    public WorkingHours hours() {
        return hours;
    }

    /** The cut-off time for {@link #countingStart}, or null when there is none. */
    public @Nullable LocalTime cutOff() {
        return cutOff;
    }

    /** The year's data, when a year file is loaded for it. */
    public Optional<CalendarYear> year(int year) {
        return Optional.ofNullable(years.get(year));
    }

    /** Monday to Friday that no holiday covers, or a compensating workday. */
    public boolean isWorkingDay(LocalDate date) {
        if (workdays.contains(date)) {
            return true;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.containsKey(date);
    }

    public Optional<Holiday> holidayOn(LocalDate date) {
        return Optional.ofNullable(holidays.get(date));
    }

    /** Whether a year file is loaded for the year; without one, no holidays are known for it. */
    public boolean covers(int year) {
        return years.containsKey(year);
    }

    /**
     * When the time allowed for a dossier received at {@code received} starts to run: the start
     * of the next working day when it came on a working day at or after the cut-off, otherwise
     * the first working moment at or after its receipt (12:10 counts from 13:00, a Saturday
     * from Monday's first period, a moment inside a period from that moment).
     */
    public Instant countingStart(Instant received) {
        LocalDateTime local = local(received);
        LocalDate date = local.toLocalDate();
        if (cutOff != null && isWorkingDay(date) && !local.toLocalTime().isBefore(cutOff)) {
            return instant(nextWorkingDay(date).atTime(hours.firstStart()));
        }
        return instant(firstWorkingMoment(local));
    }

    /**
     * The due instant of a step that starts at {@code start} and may take {@code allowed}:
     * a working hour is 60 working minutes, a working day {@link WorkingHours#minutesPerDay()}
     * working minutes. The cut-off is not applied here; pass a {@link #countingStart} when it
     * should be.
     */
    public Instant plus(Instant start, AllowedTime allowed) {
        long minutes = switch (allowed.unit()) {
            case WORKING_HOURS -> Math.multiplyExact(allowed.amount(), 60L);
            case WORKING_DAYS -> Math.multiplyExact(allowed.amount(), hours.minutesPerDay());
        };
        return plusWorkingMinutes(start, minutes);
    }

    /**
     * The earliest instant at which {@code minutes} of working time have elapsed since
     * {@code start}; counting begins at the first working moment at or after {@code start}.
     * Ending exactly at the end of a period gives that end. Zero minutes give {@code start}.
     */
    public Instant plusWorkingMinutes(Instant start, long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("working minutes must not be negative: " + minutes);
        }
        if (minutes == 0) {
            return start;
        }
        Duration remaining = Duration.ofMinutes(minutes);
        LocalDateTime cursor = firstWorkingMoment(local(start));
        while (true) {
            Duration left = workingTimeAfter(cursor.toLocalTime());
            if (remaining.compareTo(left) <= 0) {
                return instant(withinDay(cursor, remaining));
            }
            remaining = remaining.minus(left);
            cursor = nextWorkingDay(cursor.toLocalDate()).atTime(hours.firstStart());
        }
    }

    /** Working minutes in {@code [from, to)}, whole minutes rounded down; 0 when {@code to} is not after {@code from}. */
    public long workingMinutesBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        LocalDateTime start = local(from);
        LocalDateTime end = local(to);
        LocalDate first = start.toLocalDate();
        LocalDate last = end.toLocalDate();
        if (first.equals(last)) {
            return isWorkingDay(first) ? workingTimeBetween(start.toLocalTime(), end.toLocalTime()).toMinutes() : 0;
        }
        Duration partial = Duration.ZERO;
        if (isWorkingDay(first)) {
            partial = partial.plus(workingTimeAfter(start.toLocalTime()));
        }
        if (isWorkingDay(last)) {
            partial = partial.plus(workingTimeBetween(LocalTime.MIDNIGHT, end.toLocalTime()));
        }
        long fullDays = 0;
        for (LocalDate day = first.plusDays(1); day.isBefore(last); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                fullDays++;
            }
        }
        return Math.addExact(Math.multiplyExact(fullDays, hours.minutesPerDay()), partial.toMinutes());
    }

    /**
     * Late when finished after the due instant; early when finished on a day before the due
     * day; otherwise on time. Days are those of the calendar's zone.
     */
    public Timeliness judge(Instant finishedAt, Instant dueAt) {
        if (finishedAt.isAfter(dueAt)) {
            return Timeliness.LATE;
        }
        return local(finishedAt).toLocalDate().isBefore(local(dueAt).toLocalDate()) ? Timeliness.EARLY : Timeliness.ON_TIME;
    }

    /** The moment itself when it is working time, otherwise the start of the next working period. */
    private LocalDateTime firstWorkingMoment(LocalDateTime moment) {
        LocalDate date = moment.toLocalDate();
        if (isWorkingDay(date)) {
            LocalTime time = moment.toLocalTime();
            for (WorkingPeriod period : hours.periods()) {
                if (time.isBefore(period.start())) {
                    return date.atTime(period.start());
                }
                if (period.contains(time)) {
                    return moment;
                }
            }
        }
        return nextWorkingDay(date).atTime(hours.firstStart());
    }

    /** Walks the day's periods from {@code cursor}, which is working time, for {@code amount} of working time. */
    private LocalDateTime withinDay(LocalDateTime cursor, Duration amount) {
        Duration remaining = amount;
        LocalTime time = cursor.toLocalTime();
        for (WorkingPeriod period : hours.periods()) {
            if (!time.isBefore(period.end())) {
                continue;
            }
            LocalTime from = time.isAfter(period.start()) ? time : period.start();
            Duration available = Duration.between(from, period.end());
            if (remaining.compareTo(available) <= 0) {
                return cursor.toLocalDate().atTime(from).plus(remaining);
            }
            remaining = remaining.minus(available);
        }
        throw new IllegalStateException("working time " + amount + " does not fit the day of " + cursor);
    }

    /** Working time of a working day from {@code time} on (periods end at whole minutes, before {@code LocalTime.MAX}). */
    private Duration workingTimeAfter(LocalTime time) {
        return workingTimeBetween(time, LocalTime.MAX);
    }

    /** Working time of a working day in {@code [from, to)}. */
    private Duration workingTimeBetween(LocalTime from, LocalTime to) {
        Duration total = Duration.ZERO;
        for (WorkingPeriod period : hours.periods()) {
            LocalTime start = from.isAfter(period.start()) ? from : period.start();
            LocalTime end = to.isBefore(period.end()) ? to : period.end();
            if (start.isBefore(end)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    private LocalDate nextWorkingDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    private LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    private Instant instant(LocalDateTime local) {
        return local.atZone(zone).toInstant();
    }
}
