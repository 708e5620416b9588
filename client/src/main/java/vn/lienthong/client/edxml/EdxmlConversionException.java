package vn.lienthong.client.edxml;

/** The input cannot be converted: not the document the conversion reads, not valid, or carrying what the other side cannot hold. */
public final class EdxmlConversionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EdxmlConversionException(String message) {
        super(message);
    }

    public EdxmlConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
