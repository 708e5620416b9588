package vn.lienthong.core.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;

/** The working-time calendar, its shipped years, and the reload of the operators' year files. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CalendarProperties.class)
public class CalendarConfiguration {

    /** Where the year files shipped with the gateway are, one per year. */
    static final String SHIPPED_YEARS = "classpath*:lienthong/calendar/*.yaml";

    @Bean
    CalendarSource calendarSource(CalendarProperties properties) {
        return new CalendarSource(properties.zone(), WorkingHours.parse(properties.workingHours()), properties.cutOff(),
                shippedYears(), properties.directory());
    }

    @Bean
    Reload calendarReload(CalendarSource source) {
        return new Reload(source);
    }

    /** The shipped year files; one that does not parse is a build error and stops the start. */
    static List<CalendarYear> shippedYears() {
        try {
            List<CalendarYear> years = new ArrayList<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(SHIPPED_YEARS)) {
                try (InputStream in = resource.getInputStream()) {
                    years.add(CalendarFile.read(String.valueOf(resource.getFilename()), in));
                }
            }
            return years;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped calendar years " + SHIPPED_YEARS, e);
        }
    }

    /** Checks the operators' year files for changes. */
    static final class Reload {
        private final CalendarSource source;

        Reload(CalendarSource source) {
            this.source = source;
        }

        @Scheduled(fixedDelayString = "${lienthong.calendar.reload-interval:1m}",
                initialDelayString = "${lienthong.calendar.reload-interval:1m}")
        void reload() {
            source.reload();
        }
    }
}
