package vn.lienthong.core.agency;

/** How envelopes reach an agency. */
public enum DeliveryMode {
    /** The gateway POSTs each envelope to the agency's REST endpoint. */
    PUSH,
    /** The envelope waits in the agency's inbox until the agency fetches and acknowledges it. */
    PULL
}
