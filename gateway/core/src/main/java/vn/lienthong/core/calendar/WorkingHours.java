package vn.lienthong.core.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The working periods of every working day, kept in order. Periods may touch but not overlap;
 * the gap between them (the lunch break) is not working time.
 */
public record WorkingHours(List<WorkingPeriod> periods) {

    /** The hours most public bodies keep: 07:30–11:30 and 13:00–17:00, eight hours a day. */
    public static final List<String> DEFAULT = List.of("07:30-11:30", "13:00-17:00");

    private static final Pattern SPEC = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");

    public WorkingHours {
        if (periods == null || periods.isEmpty()) {
            throw new IllegalArgumentException("working hours need at least one period");
        }
        List<WorkingPeriod> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(WorkingPeriod::start));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException("working periods " + sorted.get(i - 1) + " and " + sorted.get(i)
                        + " overlap");
            }
        }
        periods = List.copyOf(sorted);
    }

    /** The working hours given as {@code "HH:mm-HH:mm"} strings, e.g. {@code "07:30-11:30"}. */
    public static WorkingHours parse(List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            throw new IllegalArgumentException("working hours need at least one period, such as \"07:30-11:30\"");
        }
        return new WorkingHours(specs.stream().map(WorkingHours::period).toList());
    }

    private static WorkingPeriod period(String spec) {
        Matcher matcher = SPEC.matcher(spec == null ? "" : spec);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("working period \"" + spec + "\" is not of the form HH:mm-HH:mm");
        }
        try {
            return new WorkingPeriod(LocalTime.parse(matcher.group(1), TIME), LocalTime.parse(matcher.group(2), TIME));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("working period \"" + spec + "\" has an invalid time: " + e.getMessage(), e);
        }
    }

    /** Working minutes in one working day. */
    public long minutesPerDay() {
        return periods.stream().mapToLong(WorkingPeriod::minutes).sum();
    }

    public LocalTime firstStart() {
        return periods.get(0).start();
    }

    @Override
    public String toString() {
        return periods.toString();
    }
}
