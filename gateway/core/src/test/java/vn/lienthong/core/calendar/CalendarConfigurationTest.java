package vn.lienthong.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The configuration alone, as the application imports it: settings bound, shipped years loaded. */
class CalendarConfigurationTest {

    @TempDir
    Path directory;

    @Test
    void theCalendarIsABeanBuiltFromTheSettings() {
        new ApplicationContextRunner()
                .withUserConfiguration(CalendarConfiguration.class)
                .withPropertyValues("lienthong.calendar.directory=" + directory.resolve("calendar"),
                        "lienthong.calendar.cut-off=16:00")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(CalendarSource.class);
                    WorkingCalendar calendar = context.getBean(CalendarSource.class).current();
                    assertThat(calendar.covers(2026)).isTrue();
                    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-17"))).isFalse();
                    assertThat(calendar.cutOff()).isEqualTo(LocalTime.of(16, 0));
                    assertThat(calendar.hours().minutesPerDay()).isEqualTo(480);
                });
    }
}
