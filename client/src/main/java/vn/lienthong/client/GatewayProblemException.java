package vn.lienthong.client;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The gateway refused a request; {@link #code()} is the stable code from its error catalogue
 * (docs/ERRORS.md), the same over REST and SOAP.
 */
public final class GatewayProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String detail;
    private final @Nullable Duration retryAfter;

    public GatewayProblemException(int status, String code, String detail) {
        this(status, code, detail, null);
    }

    /** @param retryAfter how long the gateway asked to wait before sending again, if it said */
    public GatewayProblemException(int status, String code, String detail, @Nullable Duration retryAfter) {
        super(status + " " + code + ": " + detail);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status the REST API answers this refusal with (also over SOAP, from the fault's detail). */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    /** The wait the gateway asked for ({@code Retry-After}, or {@code retryAfterSeconds} in a SOAP fault). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** True when sending the same request again later may succeed (docs/ERRORS.md: system errors). */
    public boolean retryable() {
        return RetryPolicy.retryable(this);
    }
}
