package vn.lienthong.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings bind as documented in docs/CONFIGURATION.md, defaults included. */
class CalendarPropertiesTest {

    @Test
    void defaults() {
        CalendarProperties properties = bind(Map.of());

        assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
        assertThat(properties.workingHours()).containsExactly("07:30-11:30", "13:00-17:00");
        assertThat(properties.cutOff()).isEqualTo(LocalTime.of(15, 0));
        assertThat(properties.directory()).isNull();
        assertThat(properties.reloadInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void everySettingBinds() {
        CalendarProperties properties = bind(Map.of(
                "lienthong.calendar.zone", "Asia/Bangkok",
                "lienthong.calendar.working-hours[0]", "08:00-12:00",
                "lienthong.calendar.working-hours[1]", "13:30-17:30",
                "lienthong.calendar.cut-off", "16:00",
                "lienthong.calendar.directory", "/srv/lienthong/calendar",
                "lienthong.calendar.reload-interval", "30s"));

        assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Bangkok"));
        assertThat(WorkingHours.parse(properties.workingHours()).minutesPerDay()).isEqualTo(480);
        assertThat(properties.cutOff()).isEqualTo(LocalTime.of(16, 0));
        assertThat(properties.directory()).isEqualTo(Path.of("/srv/lienthong/calendar"));
        assertThat(properties.reloadInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    private static CalendarProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("lienthong.calendar", CalendarProperties.class);
    }
}
