package vn.lienthong.core.delivery;

/**
 * Thrown out of the delivery flow so that the broker rolls the order back and redelivers it
 * later, with the back-off its redelivery policy sets.
 */
public final class DeliveryFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeliveryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
