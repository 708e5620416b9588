package vn.lienthong.core.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery settings, prefix {@code lienthong.delivery}.
 *
 * @param connectTimeout how long a push waits to connect to an agency endpoint
 * @param pushTimeout how long a push waits for the endpoint's answer
 * @param consumersPerAgency concurrent deliveries per agency; envelopes of one dossier stay
 *        in order whatever this is
 * @param retry the redelivery policy for failed pushes
 */
@ConfigurationProperties("lienthong.delivery")
public record DeliveryProperties(@DefaultValue("5s") Duration connectTimeout,
                                 @DefaultValue("30s") Duration pushTimeout,
                                 @DefaultValue("1") int consumersPerAgency,
                                 @DefaultValue Retry retry) {

    /**
     * Redelivery after a failed push: wait {@code initialDelay}, then multiply by
     * {@code multiplier} each time up to {@code maxDelay}; after {@code maxAttempts} the order
     * is parked as a dead letter.
     */
    public record Retry(@DefaultValue("1s") Duration initialDelay,
                        @DefaultValue("2.0") double multiplier,
                        @DefaultValue("5m") Duration maxDelay,
                        @DefaultValue("20") int maxAttempts) {
    }
}
