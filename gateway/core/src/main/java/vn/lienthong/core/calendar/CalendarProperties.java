package vn.lienthong.core.calendar;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The working-time calendar, prefix {@code lienthong.calendar}.
 *
 * @param zone the zone whose dates and times are working days and hours
 * @param workingHours the working periods of every working day, {@code HH:mm-HH:mm}
 * @param cutOff a dossier received on a working day at or after this time counts from the
 *        next working day; set to the end of the last working period (17:00) to turn the rule off
 * @param directory folder of operator year files {@code <year>.yaml}; each replaces the shipped
 *        year wholesale. Need not exist: then the shipped years apply
 * @param reloadInterval how often the directory is checked for changed files
 */
@ConfigurationProperties("lienthong.calendar")
public record CalendarProperties(@DefaultValue("Asia/Ho_Chi_Minh") ZoneId zone,
                                 @DefaultValue({"07:30-11:30", "13:00-17:00"}) List<String> workingHours,
                                 @DefaultValue("15:00") LocalTime cutOff,
                                 @Nullable Path directory,
                                 @DefaultValue("1m") Duration reloadInterval) {
}
