package vn.lienthong.client.envelope;

/** What was built is not a valid envelope: a required field is missing, or the contract schema refuses it. */
public final class EnvelopeInvalidException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public EnvelopeInvalidException(String message) {
        super(message);
    }
}
