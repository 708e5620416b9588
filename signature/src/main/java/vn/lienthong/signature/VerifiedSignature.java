package vn.lienthong.signature;

import java.security.cert.X509Certificate;

/**
 * What a successful verification proved: who signed, and with which algorithms.
 *
 * @param signer the certificate from {@code KeyInfo} whose key verified the signature;
 *               whether that certificate belongs to the claimed sender is the caller's check
 */
public record VerifiedSignature(X509Certificate signer, SignatureAlgorithm signatureAlgorithm,
                                DigestAlgorithm digestAlgorithm, String canonicalizationUri) {

    /** True when SHA-1 was used anywhere in the signature. */
    public boolean usesLegacyAlgorithm() {
        return signatureAlgorithm.legacy() || digestAlgorithm.legacy();
    }
}
