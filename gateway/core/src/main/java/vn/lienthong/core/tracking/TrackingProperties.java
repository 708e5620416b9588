package vn.lienthong.core.tracking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hand-off tracking settings, prefix {@code lienthong.tracking}.
 *
 * @param watchInterval how often the deadline watch looks for steps and dossiers that are due
 *        soon or overdue
 * @param dueSoonWithin working time before a due time from which a step or dossier counts as
 *        due soon (8h: one working day)
 * @param watchLockTtl how long one instance holds the watch's database lock before another may
 *        take over; longer than a watch run takes
 */
@ConfigurationProperties("lienthong.tracking")
public record TrackingProperties(@DefaultValue("1m") Duration watchInterval,
                                 @DefaultValue("8h") Duration dueSoonWithin,
                                 @DefaultValue("5m") Duration watchLockTtl) {
}
