package vn.lienthong.signature;

import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Optional;

/** Signature methods the profile knows, by their XML-DSig identifiers. */
public enum SignatureAlgorithm {
    RSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", false),
    ECDSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", false),
    /** Still sent by older department systems; accepted only where an agency's policy allows it. */
    RSA_SHA1("http://www.w3.org/2000/09/xmldsig#rsa-sha1", true);

    private final String uri;
    private final boolean legacy;

    SignatureAlgorithm(String uri, boolean legacy) {
        this.uri = uri;
        this.legacy = legacy;
    }

    public String uri() {
        return uri;
    }

    /** True for SHA-1 based methods, which are weak and off unless a policy turns them on. */
    public boolean legacy() {
        return legacy;
    }

    public static Optional<SignatureAlgorithm> fromUri(String uri) {
        return Arrays.stream(values()).filter(a -> a.uri.equals(uri)).findFirst();
    }

    /** True when this method can sign with the key. */
    public boolean fits(PrivateKey key) {
        return (this == ECDSA_SHA256) == "EC".equals(key.getAlgorithm());
    }

    /** The modern method for a key: ECDSA for EC keys, RSA otherwise. */
    public static SignatureAlgorithm forKey(PrivateKey key) {
        return "EC".equals(key.getAlgorithm()) ? ECDSA_SHA256 : RSA_SHA256;
    }
}
