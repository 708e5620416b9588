package vn.lienthong.core.agency;

import java.time.Instant;

/** A certificate registered for an agency, as the registry describes it. */
public record RegisteredCertificate(String agency, Purpose purpose, String fingerprint, String subject,
                                    Instant notBefore, Instant notAfter) {

    /** What the agency uses the certificate for. */
    public enum Purpose {
        /** Signing envelopes. */
        SIGNING,
        /** Authenticating to the gateway with mutual TLS. */
        TLS_CLIENT
    }
}
