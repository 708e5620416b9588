package vn.lienthong.core.portal;

/**
 * The portal refused a call for what it said (a validation error): retrying the same call
 * cannot help, so it goes to the portal dead letters for an operator to fix and replay.
 *
 * @see PortalUnavailableException for failures worth retrying
 */
public class PortalRejectedException extends RuntimeException {

    private final int errorCode;

    public PortalRejectedException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /** The portal's {@code error_code}. */
    public int errorCode() {
        return errorCode;
    }
}
