package vn.lienthong.signature;

/** A signature that the profile does not accept, with the reason in terms a caller can act on. */
public final class SignatureRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The document carries no XML-DSig signature. */
        MISSING,
        /** More than one signature, or a signature that is not a child of the document element. */
        MISPLACED,
        /** The signature element cannot be read as XML-DSig. */
        MALFORMED,
        /** The signature covers something other than the whole document. */
        REFERENCE_NOT_DOCUMENT,
        /** An algorithm or transform outside the profile's allow-list. */
        ALGORITHM_NOT_ALLOWED,
        /** No signer certificate in {@code KeyInfo}. */
        NO_CERTIFICATE,
        /** The signature value or a digest does not match: the content changed after signing, or the key is wrong. */
        INVALID
    }

    private final Reason reason;

    public SignatureRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignatureRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
