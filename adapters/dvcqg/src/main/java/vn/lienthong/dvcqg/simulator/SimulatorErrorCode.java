package vn.lienthong.dvcqg.simulator;

/**
 * The {@code error_code}s the simulator answers. The real portal's codes are not published in
 * full; these borrow the HTTP numbers so a log reads naturally, and the client is configured
 * with the session-expired ones of the portal it talks to ({@code lienthong.portal.session-expired-codes}).
 */
public enum SimulatorErrorCode {
    /** The call was taken. */
    OK(0),
    /** A required field is missing or a value is malformed; the message names the field. */
    VALIDATION(400),
    /** The session is unknown, expired or missing: authenticate again. */
    SESSION_EXPIRED(401),
    /** Wrong username or password, or {@code dstcode}/{@code madonvi} not the account's agency. */
    FORBIDDEN(403),
    /** A service the simulator does not offer. */
    UNKNOWN_SERVICE(404);

    private final int code;

    SimulatorErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
