package vn.lienthong.core.agency;

import java.time.Duration;

/**
 * How often and how patiently pushes to an agency are retried: the first retry after
 * {@code initialDelay}, each further one {@code multiplier} times later, at most
 * {@code maxDelay} apart; after {@code maxAttempts} attempts the delivery is dead-lettered.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1 || initialDelay.isNegative() || multiplier < 1.0 || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry policy needs maxAttempts >= 1, multiplier >= 1 and "
                    + "maxDelay >= initialDelay, not " + this);
        }
    }

    /** True when a delivery that has failed {@code failedAttempts} times may be tried again. */
    public boolean allowsAnotherAttempt(int failedAttempts) {
        return failedAttempts < maxAttempts;
    }

    /** The wait before the next attempt, after {@code failedAttempts} failures (at least one). */
    public Duration delayAfter(int failedAttempts) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
    }
}
