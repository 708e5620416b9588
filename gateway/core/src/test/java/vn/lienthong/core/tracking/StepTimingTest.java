package vn.lienthong.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.calendar.CalendarFile;
import vn.lienthong.core.calendar.CalendarYear;
import vn.lienthong.core.calendar.Timeliness;
import vn.lienthong.core.calendar.WorkingCalendar;
import vn.lienthong.core.calendar.WorkingHours;
import vn.lienthong.core.envelope.AllowedTime;

/** Steps in a plain week (Monday 2 March 2026) of the shipped calendar, office hours 07:30–11:30, 13:00–17:00. */
class StepTimingTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private final WorkingCalendar calendar = new WorkingCalendar(VIETNAM, WorkingHours.parse(WorkingHours.DEFAULT),
            LocalTime.of(15, 0), List.of(shipped(2026)));

    @Test
    void aStepIsDueItsAllowedWorkingTimeAfterItStarts() {
        Instant start = StepTiming.start(calendar, at("2026-03-02T08:00"));
        assertThat(StepTiming.due(calendar, start, days(3))).isEqualTo(at("2026-03-05T08:00"));
        assertThat(StepTiming.due(calendar, start, new AllowedTime(4, AllowedTime.Unit.WORKING_HOURS)))
                .as("lunch does not count").isEqualTo(at("2026-03-02T13:30"));
        assertThat(StepTiming.due(calendar, start, null)).isNull();
    }

    @Test
    void aHandOffAfterTheCutOffCountsFromTheNextWorkingDay() {
        Instant start = StepTiming.start(calendar, at("2026-03-03T15:30"));
        assertThat(start).isEqualTo(at("2026-03-04T07:30"));
        assertThat(StepTiming.due(calendar, start, days(1))).as("the end of that day, not 07:30 the next")
                .isEqualTo(at("2026-03-04T17:00"));
        assertThat(StepTiming.start(calendar, at("2026-03-06T16:00"))).as("Friday afternoon: Monday")
                .isEqualTo(at("2026-03-09T07:30"));
    }

    @Test
    void waitingForSupplementationMovesTheDueTimeOnByTheWorkingTimeWaited() {
        // 10.5 working hours stood still: Tuesday 10:00 to Wednesday 14:00.
        assertThat(StepTiming.extended(calendar, at("2026-03-05T08:00"), at("2026-03-02T08:00"),
                at("2026-03-03T10:00"), at("2026-03-04T14:00"))).isEqualTo(at("2026-03-06T10:30"));
        assertThat(StepTiming.extended(calendar, at("2026-03-05T08:00"), at("2026-03-04T09:00"),
                at("2026-03-03T10:00"), at("2026-03-04T14:00")))
                .as("a step that began during the wait only gains the part after its start")
                .isEqualTo(at("2026-03-05T11:30"));
    }

    @Test
    void resultsCompareTheDayDoneWithTheDayDue() {
        Instant started = at("2026-03-02T10:00");
        Instant due = at("2026-03-04T10:00");
        assertThat(StepTiming.result(calendar, due, started, null, at("2026-03-03T16:59"))).isEqualTo(Timeliness.EARLY);
        assertThat(StepTiming.result(calendar, due, started, null, at("2026-03-04T10:00"))).isEqualTo(Timeliness.ON_TIME);
        assertThat(StepTiming.result(calendar, due, started, null, at("2026-03-04T07:31"))).isEqualTo(Timeliness.ON_TIME);
        assertThat(StepTiming.result(calendar, due, started, null, at("2026-03-04T10:01"))).isEqualTo(Timeliness.LATE);
        assertThat(StepTiming.result(calendar, null, started, null, at("2026-03-09T10:00"))).as("no allowed time")
                .isNull();
    }

    @Test
    void aStepDoneWhileTheClockStandsStillIsJudgedWithoutTheWaitSoFar() {
        Instant started = at("2026-03-02T10:00");
        Instant due = at("2026-03-04T10:00");
        Instant doneAt = at("2026-03-05T09:00");
        assertThat(StepTiming.result(calendar, due, started, null, doneAt)).isEqualTo(Timeliness.LATE);
        assertThat(StepTiming.result(calendar, due, started, at("2026-03-03T09:00"), doneAt))
                .as("two working days waited since Tuesday 09:00 move the due time to Friday 10:00")
                .isEqualTo(Timeliness.EARLY);
    }

    private static AllowedTime days(int amount) {
        return new AllowedTime(amount, AllowedTime.Unit.WORKING_DAYS);
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(VIETNAM).toInstant();
    }

    private static CalendarYear shipped(int year) {
        String name = "lienthong/calendar/" + year + ".yaml";
        try (InputStream in = StepTimingTest.class.getClassLoader().getResourceAsStream(name)) {
            return CalendarFile.read(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
