package vn.lienthong.core.tracking;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.calendar.Timeliness;
import vn.lienthong.core.calendar.WorkingCalendar;
import vn.lienthong.core.envelope.AllowedTime;

/**
 * The arithmetic of a step: when its working time starts counting, when it is due, how its due
 * time moves while the dossier waits for supplementation, and how it ended.
 */
final class StepTiming {

    private StepTiming() {
    }

    /** Counting starts at the next working moment; after the cut-off, on the next working day. */
    static Instant start(WorkingCalendar calendar, Instant givenAt) {
        return calendar.countingStart(givenAt);
    }

    static @Nullable Instant due(WorkingCalendar calendar, Instant start, @Nullable AllowedTime allowed) {
        return allowed == null ? null : calendar.plus(start, allowed);
    }

    /**
     * The due time moved on by the working time the clock stood still for this step: from
     * the later of the pause's start and the step's start, until {@code until}.
     */
    static Instant extended(WorkingCalendar calendar, Instant due, Instant startedAt, Instant pausedSince,
                            Instant until) {
        Instant from = pausedSince.isAfter(startedAt) ? pausedSince : startedAt;
        return calendar.plusWorkingMinutes(due, calendar.workingMinutesBetween(from, until));
    }

    /**
     * How a step done at {@code doneAt} ended; null when it had no allowed time. A step done
     * while the clock stands still is judged with the wait so far left out.
     */
    static @Nullable Timeliness result(WorkingCalendar calendar, @Nullable Instant due, Instant startedAt,
                                       @Nullable Instant pausedSince, Instant doneAt) {
        if (due == null) {
            return null;
        }
        Instant effectiveDue = pausedSince == null ? due : extended(calendar, due, startedAt, pausedSince, doneAt);
        return calendar.judge(doneAt, effectiveDue);
    }
}
