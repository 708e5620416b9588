package vn.lienthong.core.trust;

/** What to do when a certificate's revocation status cannot be known, because no current CRL covers it. */
public enum RevocationPolicy {
    /** Refuse the envelope (SIGNER_REVOCATION_UNKNOWN); safe, and the default. */
    REFUSE,
    /** Accept it, log a warning and count it in {@code lienthong.signatures.revocation.unknown}. */
    WARN
}
