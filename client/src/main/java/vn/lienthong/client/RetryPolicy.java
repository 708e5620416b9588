package vn.lienthong.client;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;

/**
 * When the client sends a request again, and after how long. Every call the client makes is
 * safe to repeat: a submission sends the same bytes under the same envelope id, and the gateway
 * answers a repeat with the first receipt; listing, fetching and acknowledging are idempotent.
 *
 * <p>Retried: no answer (connection refused or reset, a timeout), a 5xx or 429 status, and the
 * codes docs/ERRORS.md says to retry. Never retried: any other refusal, which the same request
 * would meet again, and a failed TLS handshake. The delay doubles from {@code initialDelay} up
 * to {@code maxDelay}, and is at least the gateway's {@code Retry-After} (within {@code maxDelay}).
 *
 * @param maxAttempts attempts in all, the first included; 1 never retries
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    private static final Set<String> RETRYABLE_CODES = Set.of("GATEWAY_BUSY", "RECIPIENT_BACKLOGGED",
            "SIGNER_REVOCATION_UNKNOWN", "INTERNAL_ERROR");

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initial (" + initialDelay + ") <= max (" + maxDelay + ")");
        }
    }

    /** One attempt: failures reach the caller at once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** Four attempts, 1 s, 2 s, 4 s apart (longer when the gateway asks), never more than 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /**
     * @param failedAttempts attempts made so far, all failed (1 after the first)
     * @param failure how the last one failed
     * @return how long to wait before the next attempt, or empty to give up and report the failure
     */
    public Optional<Duration> delayAfter(int failedAttempts, RuntimeException failure) {
        if (failedAttempts >= maxAttempts || !retryable(failure)) {
            return Optional.empty();
        }
        Duration backoff = initialDelay.multipliedBy(1L << Math.min(failedAttempts - 1, 30));
        if (failure instanceof GatewayProblemException problem && problem.retryAfter().isPresent()
                && problem.retryAfter().get().compareTo(backoff) > 0) {
            backoff = problem.retryAfter().get();
        }
        return Optional.of(backoff.compareTo(maxDelay) > 0 ? maxDelay : backoff);
    }

    /** True for failures that the same request may not meet again. */
    public static boolean retryable(RuntimeException failure) {
        if (failure instanceof GatewayProblemException problem) {
            return problem.status() >= 500 || problem.status() == 429 || RETRYABLE_CODES.contains(problem.code());
        }
        return failure instanceof UncheckedIOException unreachable && !(unreachable.getCause() instanceof SSLHandshakeException);
    }
}
