package vn.lienthong.core.delivery;

import vn.lienthong.core.agency.PushProtocol;

/**
 * Port to the transport that pushes an envelope to an agency's endpoint. Implemented by the
 * REST adapter and the SOAP adapter, one per {@link PushProtocol}; delivery picks the one of
 * the agency's protocol.
 */
public interface EnvelopePusher {

    /** The protocol this pusher speaks; agencies registered with it are pushed to by it. */
    PushProtocol protocol();

    /**
     * Delivers the signed bytes and returns once the endpoint acknowledged them with success.
     *
     * @throws PushFailedException when the endpoint is unreachable or answers with a failure
     */
    void push(PushRequest request);
}
