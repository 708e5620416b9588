package vn.lienthong.core.portal;

/** The portal could not take a call now; the same call may succeed later. */
public class PortalUnavailableException extends RuntimeException {

    public PortalUnavailableException(String message) {
        super(message);
    }

    public PortalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
