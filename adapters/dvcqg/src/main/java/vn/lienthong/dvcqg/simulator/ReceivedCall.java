package vn.lienthong.dvcqg.simulator;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request to a portal endpoint, in the order received, with how the simulator answered.
 *
 * @param sequence 1 for the first request since the start or the last reset
 * @param endpoint {@code auth} or {@code integration}
 * @param service the {@code service} field of an integration call
 * @param dstcode the {@code dstcode} header
 * @param fields the body without the session and the password
 * @param httpStatus 503 when the simulator was down, else 200
 * @param errorCode the answer's {@code error_code}; -1 when there was none (down)
 */
public record ReceivedCall(long sequence, Instant at, String endpoint, @Nullable String service,
                           @Nullable String dstcode, Map<String, Object> fields, int httpStatus, int errorCode,
                           String message) {

    public static final String AUTH = "auth";
    public static final String INTEGRATION = "integration";

    public boolean accepted() {
        return httpStatus == 200 && errorCode == SimulatorErrorCode.OK.code();
    }
}
