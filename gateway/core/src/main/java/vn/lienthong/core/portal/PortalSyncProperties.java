package vn.lienthong.core.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway keeps the national portal in step, prefix {@code lienthong.portal.sync}.
 * The connection itself ({@code lienthong.portal.*}) belongs to the portal adapter.
 *
 * @param interval how often the relay looks for updates to send
 * @param initialBackoff the wait after the first failed call; doubled after each further one
 * @param maxBackoff the longest wait between two tries, however long the portal is away
 * @param batchSize most updates sent in one round
 * @param warnAfter the age of the oldest unsent update past which health warns
 * @param lockTtl how long one instance's hold on the relay lasts if it dies holding it
 */
@ConfigurationProperties("lienthong.portal.sync")
public record PortalSyncProperties(@DefaultValue("1s") Duration interval,
                                   @DefaultValue("2s") Duration initialBackoff,
                                   @DefaultValue("10m") Duration maxBackoff,
                                   @DefaultValue("200") int batchSize,
                                   @DefaultValue("1h") Duration warnAfter,
                                   @DefaultValue("5m") Duration lockTtl) {
}
