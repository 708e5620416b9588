package vn.lienthong.signature;

import java.util.Arrays;
import java.util.Optional;

/** Reference digest methods the profile knows. */
public enum DigestAlgorithm {
    SHA256("http://www.w3.org/2001/04/xmlenc#sha256", false),
    /** Legacy, as {@link SignatureAlgorithm#RSA_SHA1}. */
    SHA1("http://www.w3.org/2000/09/xmldsig#sha1", true);

    private final String uri;
    private final boolean legacy;

    DigestAlgorithm(String uri, boolean legacy) {
        this.uri = uri;
        this.legacy = legacy;
    }

    public String uri() {
        return uri;
    }

    public boolean legacy() {
        return legacy;
    }

    public static Optional<DigestAlgorithm> fromUri(String uri) {
        return Arrays.stream(values()).filter(a -> a.uri.equals(uri)).findFirst();
    }
}
