package vn.lienthong.core.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing settings, prefix {@code lienthong.routing}.
 *
 * @param relayInterval pause between outbox polls when the previous poll found nothing to do;
 *        bounds the time from acceptance to the broker
 * @param relayBatchSize most outbox rows relayed in one transaction
 */
@ConfigurationProperties("lienthong.routing")
public record RoutingProperties(@DefaultValue("20ms") Duration relayInterval,
                                @DefaultValue("200") int relayBatchSize) {

    public RoutingProperties {
        if (relayBatchSize < 1) {
            throw new IllegalArgumentException("lienthong.routing.relay-batch-size must be at least 1");
        }
    }
}
