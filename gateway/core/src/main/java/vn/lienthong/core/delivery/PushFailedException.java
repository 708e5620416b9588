package vn.lienthong.core.delivery;

/** A push that did not reach the recipient, or that the recipient did not acknowledge with success. */
public final class PushFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PushFailedException(String message) {
        super(message);
    }

    public PushFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
