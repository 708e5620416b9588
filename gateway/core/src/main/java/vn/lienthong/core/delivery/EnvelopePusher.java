package vn.lienthong.core.delivery;

/**
 * Port to the transport that pushes an envelope to an agency's endpoint. Implemented by
 * the REST adapter (and the SOAP adapter for agencies that take SOAP).
 */
public interface EnvelopePusher {

    /**
     * Delivers the signed bytes and returns once the endpoint acknowledged them with success.
     *
     * @throws PushFailedException when the endpoint is unreachable or answers with a failure
     */
    void push(PushRequest request);
}
