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

    private TransportHeaders() {
    }
}
