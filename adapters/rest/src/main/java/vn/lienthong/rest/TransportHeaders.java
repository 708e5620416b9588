package vn.lienthong.rest;

/**
 * HTTP headers that carry an envelope's routing facts beside its bytes, on pushes and inbox
 * fetches, so a recipient can route and deduplicate before parsing. Documented in
 * docs/PROTOCOL-REST.md.
 */
final class TransportHeaders {

    static final String ENVELOPE_ID = "Lienthong-Envelope-Id";
    static final String SENDER = "Lienthong-Sender";
    static final String RECIPIENT = "Lienthong-Recipient";
    static final String KIND = "Lienthong-Kind";
    static final String DOSSIER_CODE = "Lienthong-Dossier-Code";
    static final String ATTEMPT = "Lienthong-Attempt";
    /** {@code lienthong-v1} or {@code edxml}: which vocabulary the bytes are in. */
    static final String FORMAT = "Lienthong-Format";
    /** The gateway's hop, kept beside the signed bytes rather than written into them (docs/EDXML.md). */
    static final String GATEWAY = "Lienthong-Gateway";
    static final String ACCEPTED_AT = "Lienthong-Accepted-At";

    private TransportHeaders() {
    }
}
