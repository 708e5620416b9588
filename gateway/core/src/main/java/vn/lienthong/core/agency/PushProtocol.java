package vn.lienthong.core.agency;

/** How the gateway pushes envelopes to an agency that takes them by push. */
public enum PushProtocol {
    /** An HTTP POST of the signed bytes with the transport headers (docs/PROTOCOL-REST.md). */
    REST,
    /** The agency's AgencyReceiver SOAP service, the bytes as an MTOM attachment (docs/PROTOCOL-SOAP.md). */
    SOAP
}
