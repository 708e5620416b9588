package vn.lienthong.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.envelope.AllowedTime;
import vn.lienthong.core.envelope.AllowedTime.Unit;

/** Working-time arithmetic on the shipped 2025–2027 calendar, in Vietnam's zone. */
class WorkingCalendarTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final WorkingHours HOURS = WorkingHours.parse(WorkingHours.DEFAULT);
    static final List<CalendarYear> SHIPPED = List.of(shipped(2025), shipped(2026), shipped(2027));

    final WorkingCalendar calendar = new WorkingCalendar(VIETNAM, HOURS, LocalTime.of(15, 0), SHIPPED);

    @Test
    void weekendsAreNotWorkingDays() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-06"))).as("Friday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-07"))).as("Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-08"))).as("Sunday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-09"))).as("Monday").isTrue();
        assertThat(calendar.holidayOn(LocalDate.parse("2026-03-07"))).isEmpty();
    }

    @Test
    void tetWeekOf2026IsOff() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-13"))).isTrue();
        for (LocalDate day = LocalDate.parse("2026-02-14"); !day.isAfter(LocalDate.parse("2026-02-22")); day = day.plusDays(1)) {
            assertThat(calendar.isWorkingDay(day)).as(day.toString()).isFalse();
        }
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-23"))).isTrue();
        assertThat(calendar.holidayOn(LocalDate.parse("2026-02-17"))).get().extracting(Holiday::name).asString()
                .contains("Tết Nguyên đán");

        assertThat(calendar.plus(at("2026-02-13T16:30"), hours(1))).isEqualTo(at("2026-02-23T08:00"));
        assertThat(calendar.workingMinutesBetween(at("2026-02-13T08:00"), at("2026-02-23T08:00"))).isEqualTo(480);
    }

    @Test
    void cutOffAtThreeInTheAfternoon() {
        assertThat(calendar.countingStart(at("2026-03-04T14:59"))).as("Wednesday 14:59").isEqualTo(at("2026-03-04T14:59"));
        assertThat(calendar.countingStart(at("2026-03-04T15:00"))).as("Wednesday 15:00").isEqualTo(at("2026-03-05T07:30"));
        assertThat(calendar.countingStart(at("2026-03-04T16:30"))).as("Wednesday 16:30").isEqualTo(at("2026-03-05T07:30"));
        assertThat(calendar.countingStart(at("2026-03-06T15:30"))).as("Friday after the cut-off").isEqualTo(at("2026-03-09T07:30"));
        assertThat(calendar.countingStart(at("2026-04-29T15:10"))).as("before 30 April and 1 May")
                .isEqualTo(at("2026-05-04T07:30"));
        assertThat(calendar.countingStart(at("2026-02-13T15:00"))).as("before Tết").isEqualTo(at("2026-02-23T07:30"));
    }

    @Test
    void countingStartsAtTheFirstWorkingMoment() {
        assertThat(calendar.countingStart(at("2026-03-04T12:10"))).as("lunch").isEqualTo(at("2026-03-04T13:00"));
        assertThat(calendar.countingStart(at("2026-03-04T06:45"))).as("early morning").isEqualTo(at("2026-03-04T07:30"));
        assertThat(calendar.countingStart(at("2026-03-07T10:00"))).as("Saturday").isEqualTo(at("2026-03-09T07:30"));
        assertThat(calendar.countingStart(at("2026-03-07T16:00"))).as("Saturday after 15:00").isEqualTo(at("2026-03-09T07:30"));
        assertThat(calendar.countingStart(at("2026-03-04T18:00"))).as("evening").isEqualTo(at("2026-03-05T07:30"));
        Instant inside = at("2026-03-04T09:41:07.250");
        assertThat(calendar.countingStart(inside)).as("inside a period, exactly").isEqualTo(inside);
    }

    @Test
    void withoutCutOffALateAfternoonCountsTheSameDay() {
        WorkingCalendar noCutOff = new WorkingCalendar(VIETNAM, HOURS, null, SHIPPED);
        assertThat(noCutOff.countingStart(at("2026-03-04T16:30"))).isEqualTo(at("2026-03-04T16:30"));
        assertThat(noCutOff.countingStart(at("2026-03-04T17:00"))).isEqualTo(at("2026-03-05T07:30"));
        WorkingCalendar cutOffAtClosing = new WorkingCalendar(VIETNAM, HOURS, LocalTime.of(17, 0), SHIPPED);
        assertThat(cutOffAtClosing.countingStart(at("2026-03-04T16:30"))).isEqualTo(at("2026-03-04T16:30"));
        assertThat(cutOffAtClosing.countingStart(at("2026-03-04T17:00"))).isEqualTo(at("2026-03-05T07:30"));
    }

    @Test
    void lunchBreakIsNotWorkingTime() {
        assertThat(calendar.plus(at("2026-03-04T11:00"), hours(1))).isEqualTo(at("2026-03-04T13:30"));
        assertThat(calendar.plusWorkingMinutes(at("2026-03-04T12:00"), 30)).isEqualTo(at("2026-03-04T13:30"));
        assertThat(calendar.workingMinutesBetween(at("2026-03-04T11:00"), at("2026-03-04T13:30"))).isEqualTo(60);
        assertThat(calendar.workingMinutesBetween(at("2026-03-04T11:40"), at("2026-03-04T12:50"))).isZero();
    }

    @Test
    void eightWorkingHoursAreOneWorkingDay() {
        Instant tuesdayMorning = at("2026-03-03T09:00");
        assertThat(calendar.plus(tuesdayMorning, hours(8))).isEqualTo(at("2026-03-04T09:00"));
        assertThat(calendar.plus(tuesdayMorning, days(1))).isEqualTo(at("2026-03-04T09:00"));
        assertThat(calendar.plus(tuesdayMorning, days(3))).as("same time, third working day").isEqualTo(at("2026-03-06T09:00"));
        assertThat(calendar.plus(tuesdayMorning, days(4))).as("over the weekend").isEqualTo(at("2026-03-09T09:00"));
        assertThat(calendar.plus(at("2026-03-03T14:00"), days(1))).isEqualTo(at("2026-03-04T14:00"));

        WorkingCalendar shortDays = new WorkingCalendar(VIETNAM, WorkingHours.parse(List.of("08:00-12:00")), null, SHIPPED);
        assertThat(shortDays.plus(tuesdayMorning, days(1))).as("a day is a day's working time").isEqualTo(at("2026-03-04T09:00"));
        assertThat(shortDays.plus(tuesdayMorning, hours(8))).isEqualTo(at("2026-03-05T09:00"));
    }

    @Test
    void aDeadlineEndingWithAPeriodIsThatPeriodsEnd() {
        assertThat(calendar.plus(at("2026-03-04T16:00"), hours(1))).isEqualTo(at("2026-03-04T17:00"));
        assertThat(calendar.plus(at("2026-03-04T07:30"), hours(4))).isEqualTo(at("2026-03-04T11:30"));
        assertThat(calendar.plus(at("2026-03-04T07:30"), days(1))).isEqualTo(at("2026-03-04T17:00"));
        assertThat(calendar.plus(at("2026-03-02T07:30"), days(2))).isEqualTo(at("2026-03-03T17:00"));
        assertThat(calendar.plus(at("2026-03-06T07:30"), days(1))).as("Friday, not Monday 07:30").isEqualTo(at("2026-03-06T17:00"));
        assertThat(calendar.plus(at("2026-03-06T17:00"), hours(1))).as("from a period's end").isEqualTo(at("2026-03-09T08:30"));
    }

    @Test
    void plusKeepsTheStartsSecondsAndIgnoresNoCutOff() {
        assertThat(calendar.plusWorkingMinutes(at("2026-03-04T09:15:42.123"), 60)).isEqualTo(at("2026-03-04T10:15:42.123"));
        assertThat(calendar.plusWorkingMinutes(at("2026-03-04T11:00:30"), 60)).isEqualTo(at("2026-03-04T13:30:30"));
        assertThat(calendar.plus(at("2026-03-04T16:00"), hours(2))).as("no cut-off inside plus").isEqualTo(at("2026-03-05T08:30"));
        Instant saturday = at("2026-03-07T10:00:05");
        assertThat(calendar.plusWorkingMinutes(saturday, 0)).isSameAs(saturday);
        assertThatThrownBy(() -> calendar.plusWorkingMinutes(saturday, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acrossTheYearBoundary() {
        // 31 Dec is the first day; 1 Jan is a holiday and 2 Jan 2026 was swapped off; the weekend.
        assertThat(calendar.plus(at("2025-12-30T09:00"), days(3))).isEqualTo(at("2026-01-06T09:00"));
        // 1 Jan 2027 (a Friday) is a holiday, then the weekend.
        assertThat(calendar.plus(at("2026-12-31T10:00"), days(2))).isEqualTo(at("2027-01-05T10:00"));
        assertThat(calendar.plus(at("2026-12-31T16:00"), hours(2))).isEqualTo(at("2027-01-04T08:30"));
        assertThat(calendar.workingMinutesBetween(at("2026-12-31T10:00"), at("2027-01-05T10:00"))).isEqualTo(2 * 480);
    }

    @Test
    void aCompensatingSaturdayIsWorked() {
        LocalDate saturday = LocalDate.parse("2025-04-26");
        assertThat(calendar.isWorkingDay(saturday)).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-05-02"))).as("the Friday swapped for it").isFalse();
        assertThat(calendar.plus(at("2025-04-25T16:30"), hours(1))).isEqualTo(at("2025-04-26T08:00"));
        assertThat(calendar.countingStart(at("2025-04-25T15:30"))).isEqualTo(at("2025-04-26T07:30"));
        assertThat(calendar.countingStart(at("2025-04-26T16:00"))).as("cut-off on a worked Saturday")
                .isEqualTo(at("2025-04-28T07:30"));
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-01-10"))).isTrue();
    }

    @Test
    void workingMinutesBetweenUndoesPlusWorkingMinutes() {
        Random random = new Random(20260217);
        long span = Duration.between(at("2025-01-01T00:00"), at("2027-12-01T00:00")).toMillis();
        for (int i = 0; i < 2000; i++) {
            Instant start = at("2025-01-01T00:00").plusMillis((long) (random.nextDouble() * span));
            long minutes = random.nextInt(20 * 480);
            Instant due = calendar.plusWorkingMinutes(start, minutes);
            assertThat(calendar.workingMinutesBetween(start, due)).as("%s + %d", start, minutes).isEqualTo(minutes);
            if (minutes > 0) {
                assertThat(calendar.workingMinutesBetween(start, due.minusSeconds(1))).as("earliest: %s + %d", start, minutes)
                        .isEqualTo(minutes - 1);
            }
        }
    }

    @Test
    void plusWorkingMinutesAgreesWithCountingMinuteByMinute() {
        Random random = new Random(7);
        for (int i = 0; i < 150; i++) {
            LocalDateTime start = LocalDateTime.parse("2025-01-20T00:00").plusMinutes(random.nextInt(60 * 24 * 1000));
            int minutes = 1 + random.nextInt(1500);
            LocalDateTime cursor = start;
            int counted = 0;
            while (counted < minutes) {
                if (working(cursor)) {
                    counted++;
                }
                cursor = cursor.plusMinutes(1);
            }
            assertThat(calendar.plusWorkingMinutes(instant(start), minutes)).as("%s + %d", start, minutes)
                    .isEqualTo(instant(cursor));
        }
    }

    @Test
    void threeYearsAreCountedQuicklyAndExactly() {
        long workingDays = 0;
        for (LocalDate day = LocalDate.parse("2025-01-01"); day.getYear() < 2028; day = day.plusDays(1)) {
            workingDays += calendar.isWorkingDay(day) ? 1 : 0;
        }
        long started = System.nanoTime();
        long minutes = calendar.workingMinutesBetween(at("2025-01-01T00:00"), at("2028-01-01T00:00"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(minutes).isEqualTo(workingDays * 480);
        assertThat(took).isLessThan(Duration.ofMillis(500));
        assertThat(calendar.plusWorkingMinutes(at("2025-01-01T00:00"), minutes)).isEqualTo(at("2027-12-31T17:00"));
        assertThat(calendar.workingMinutesBetween(at("2026-03-05T10:00"), at("2026-03-04T10:00"))).isZero();
        assertThat(calendar.workingMinutesBetween(at("2026-03-04T10:00"), at("2026-03-04T10:00"))).isZero();
    }

    @Test
    void judgeByTheDueDay() {
        Instant due = at("2026-03-06T17:00");
        assertThat(calendar.judge(at("2026-03-05T10:00"), due)).isEqualTo(Timeliness.EARLY);
        assertThat(calendar.judge(at("2026-03-06T08:00"), due)).isEqualTo(Timeliness.ON_TIME);
        assertThat(calendar.judge(due, due)).isEqualTo(Timeliness.ON_TIME);
        assertThat(calendar.judge(due.plusSeconds(1), due)).isEqualTo(Timeliness.LATE);
        assertThat(calendar.judge(at("2026-03-09T08:00"), due)).isEqualTo(Timeliness.LATE);
        // 06:00 in Vietnam is still the previous day in UTC: the day is the zone's.
        assertThat(calendar.judge(at("2026-03-06T06:00"), at("2026-03-06T09:00"))).isEqualTo(Timeliness.ON_TIME);
        assertThat(calendar.judge(at("2026-03-05T23:30"), at("2026-03-06T07:30"))).isEqualTo(Timeliness.EARLY);
    }

    @Test
    void aYearWithoutAFileHasNoHolidays() {
        assertThat(calendar.covers(2026)).isTrue();
        assertThat(calendar.covers(2030)).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2030-01-01"))).as("a Tuesday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2030-09-02"))).as("a Monday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2030-09-07"))).as("a Saturday").isFalse();
        assertThat(calendar.plus(at("2029-12-31T09:00"), days(1))).isEqualTo(at("2030-01-01T09:00"));
    }

    @Test
    void workingHoursAreValidated() {
        assertThat(WorkingHours.parse(List.of("13:00-17:00", "7:30-11:30")).periods())
                .extracting(WorkingPeriod::start).containsExactly(LocalTime.of(7, 30), LocalTime.of(13, 0));
        assertThat(HOURS.minutesPerDay()).isEqualTo(480);
        assertThatThrownBy(() -> WorkingHours.parse(List.of("07:30-11:30", "11:00-17:00"))).hasMessageContaining("overlap");
        assertThatThrownBy(() -> WorkingHours.parse(List.of("11:30-07:30"))).hasMessageContaining("start before");
        assertThatThrownBy(() -> WorkingHours.parse(List.of("7h30-11h30"))).hasMessageContaining("HH:mm-HH:mm");
        assertThatThrownBy(() -> WorkingHours.parse(List.of("07:30-25:00"))).hasMessageContaining("invalid time");
        assertThatThrownBy(() -> WorkingHours.parse(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new WorkingCalendar(VIETNAM, HOURS, null, List.of(shipped(2026), shipped(2026))))
                .hasMessageContaining("2026");
    }

    private boolean working(LocalDateTime minute) {
        for (WorkingPeriod period : HOURS.periods()) {
            if (period.contains(minute.toLocalTime())) {
                return calendar.isWorkingDay(minute.toLocalDate());
            }
        }
        return false;
    }

    static CalendarYear shipped(int year) {
        String name = "lienthong/calendar/" + year + ".yaml";
        try (InputStream in = WorkingCalendarTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return CalendarFile.read(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Instant at(String localDateTime) {
        return instant(LocalDateTime.parse(localDateTime));
    }

    static Instant instant(LocalDateTime local) {
        return local.atZone(VIETNAM).toInstant();
    }

    static AllowedTime hours(int amount) {
        return new AllowedTime(amount, Unit.WORKING_HOURS);
    }

    static AllowedTime days(int amount) {
        return new AllowedTime(amount, Unit.WORKING_DAYS);
    }
}
