package vn.lienthong.core.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import vn.lienthong.core.agency.RetryPolicy;

/**
 * Delivery settings, prefix {@code lienthong.delivery}.
 *
 * @param connectTimeout how long a push waits to connect to an agency endpoint
 * @param pushTimeout how long a push waits for the endpoint's answer
 * @param consumersPerAgency concurrent deliveries per agency; envelopes of one dossier stay
 *        in order whatever this is
 * @param retry the default retry policy for failed pushes; an agency may have its own
 * @param circuitBreaker when to stop pushing at an endpoint that keeps failing
 */
@ConfigurationProperties("lienthong.delivery")
public record DeliveryProperties(@DefaultValue("5s") Duration connectTimeout,
                                 @DefaultValue("30s") Duration pushTimeout,
                                 @DefaultValue("1") int consumersPerAgency,
                                 @DefaultValue Retry retry,
                                 @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * Retries after a failed push: wait {@code initialDelay}, then {@code multiplier} times
     * longer each time up to {@code maxDelay}; after {@code maxAttempts} attempts the delivery
     * is dead-lettered.
     */
    public record Retry(@DefaultValue("1s") Duration initialDelay,
                        @DefaultValue("2.0") double multiplier,
                        @DefaultValue("5m") Duration maxDelay,
                        @DefaultValue("20") int maxAttempts) {

        public RetryPolicy policy() {
            return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay);
        }
    }

    /**
     * The circuit breaker per agency endpoint: it opens when at least {@code failureRateThreshold}
     * percent of the last {@code window} pushes failed (counted once there were
     * {@code minimumPushes}), and lets a trial push through after {@code openWait}. While it is
     * open, deliveries wait without spending attempts.
     */
    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
                                 @DefaultValue("10") int window,
                                 @DefaultValue("5") int minimumPushes,
                                 @DefaultValue("30s") Duration openWait) {
    }
}
