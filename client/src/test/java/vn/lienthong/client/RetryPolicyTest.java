package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1));

    /** No answer: connection refused, a timeout / result: retried, the delay doubling up to the maximum. */
    @Test
    void unansweredRequestsAreRetriedWithGrowingDelays() {
        UncheckedIOException refused = unreachable(new ConnectException("Connection refused"));
        assertThat(policy.delayAfter(1, refused)).contains(Duration.ofMillis(100));
        assertThat(policy.delayAfter(2, refused)).contains(Duration.ofMillis(200));
        assertThat(policy.delayAfter(3, unreachable(new HttpTimeoutException("request timed out")))).contains(Duration.ofMillis(400));
        assertThat(new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1)).delayAfter(8, refused))
                .contains(Duration.ofSeconds(1));
    }

    /** The last attempt failed / result: no more attempts. */
    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(policy.delayAfter(5, unreachable(new ConnectException("refused")))).isEmpty();
        assertThat(RetryPolicy.none().delayAfter(1, unreachable(new ConnectException("refused")))).isEmpty();
    }

    /** 5xx, 429 and the system codes of docs/ERRORS.md / result: retried. */
    @Test
    void systemRefusalsAreRetried() {
        assertThat(policy.delayAfter(1, new GatewayProblemException(503, "GATEWAY_BUSY", "behind"))).isPresent();
        assertThat(policy.delayAfter(1, new GatewayProblemException(429, "RECIPIENT_BACKLOGGED", "full"))).isPresent();
        assertThat(policy.delayAfter(1, new GatewayProblemException(500, "INTERNAL_ERROR", "oops"))).isPresent();
        assertThat(policy.delayAfter(1, new GatewayProblemException(503, "SIGNER_REVOCATION_UNKNOWN", "no CRL"))).isPresent();
        assertThat(policy.delayAfter(1, new GatewayProblemException(502, "UNKNOWN", "proxy"))).isPresent();
    }

    /** Refusals the same bytes would meet again (signature, schema, id conflict, authentication) / result: never retried. */
    @Test
    void inputAndStateRefusalsAreNotRetried() {
        for (String code : new String[] {"SIGNATURE_INVALID", "ENVELOPE_SCHEMA_INVALID", "AUTHENTICATION_FAILED"}) {
            assertThat(policy.delayAfter(1, new GatewayProblemException(400, code, "no"))).as(code).isEmpty();
        }
        assertThat(policy.delayAfter(1, new GatewayProblemException(409, "ENVELOPE_ID_CONFLICT", "other bytes"))).isEmpty();
        assertThat(policy.delayAfter(1, new GatewayProblemException(413, "ENVELOPE_TOO_LARGE", "too big"))).isEmpty();
        assertThat(new GatewayProblemException(403, "SIGNER_UNKNOWN", "x").retryable()).isFalse();
    }

    /** A failed TLS handshake (untrusted certificate) / result: not retried, it would fail the same way. */
    @Test
    void failedHandshakeIsNotRetried() {
        assertThat(policy.delayAfter(1, unreachable(new SSLHandshakeException("PKIX path building failed")))).isEmpty();
    }

    /** The gateway asks for a longer wait than the backoff / result: that wait, within the maximum. */
    @Test
    void retryAfterLengthensTheDelayWithinTheMaximum() {
        assertThat(policy.delayAfter(1, new GatewayProblemException(503, "GATEWAY_BUSY", "x", Duration.ofMillis(700))))
                .contains(Duration.ofMillis(700));
        assertThat(policy.delayAfter(1, new GatewayProblemException(503, "GATEWAY_BUSY", "x", Duration.ofSeconds(60))))
                .contains(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(3, new GatewayProblemException(503, "GATEWAY_BUSY", "x", Duration.ofMillis(10))))
                .contains(Duration.ofMillis(400));
    }

    /** Zero attempts or a maximum below the initial delay / result: refused at construction. */
    @Test
    void nonsensicalPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static UncheckedIOException unreachable(IOException cause) {
        return new UncheckedIOException(cause.getMessage(), cause);
    }
}
