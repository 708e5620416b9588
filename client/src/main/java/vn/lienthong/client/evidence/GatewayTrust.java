package vn.lienthong.client.evidence;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the caller trusts as the gateway, beyond the certificate the bundle carries.
 *
 * <p>With neither, a bundle proves only that it is internally consistent and signed by the
 * key whose certificate it contains: anyone can make such a bundle. Pin the gateway's
 * certificate (from {@code GET /api/v1/gateway/certificate}, or from the operators), or trust
 * the CA that issued it.
 *
 * @param pinned the gateway's certificates, current and earlier; when not empty, the head's
 *               signer and every receipt's signer must be one of them
 * @param anchors trust anchors (CA certificates); when not empty, those signers must chain to
 *                one of them and have been valid when they signed
 */
public record GatewayTrust(List<X509Certificate> pinned, List<X509Certificate> anchors) {

    /** Trust rests on the certificate inside the bundle. */
    public static final GatewayTrust BUNDLE_CERTIFICATE = new GatewayTrust(List.of(), List.of());

    /** What a verification's trust rested on. */
    public enum Basis {
        /** Only the certificate inside the bundle: the bundle is consistent, not proven to be the gateway's. */
        BUNDLE_CERTIFICATE,
        /** Certificates the caller pinned. */
        PINNED,
        /** Trust anchors the caller gave. */
        ANCHORED,
        /** Both. */
        PINNED_AND_ANCHORED
    }

    public GatewayTrust {
        pinned = List.copyOf(pinned);
        anchors = List.copyOf(anchors);
    }

    public static GatewayTrust pinned(List<X509Certificate> certificates) {
        requireSome(certificates, "pinned gateway certificate");
        return new GatewayTrust(certificates, List.of());
    }

    public static GatewayTrust anchoredIn(List<X509Certificate> anchors) {
        requireSome(anchors, "trust anchor");
        return new GatewayTrust(List.of(), anchors);
    }

    public Basis basis() {
        if (pinned.isEmpty()) {
            return anchors.isEmpty() ? Basis.BUNDLE_CERTIFICATE : Basis.ANCHORED;
        }
        return anchors.isEmpty() ? Basis.PINNED : Basis.PINNED_AND_ANCHORED;
    }

    private static void requireSome(List<X509Certificate> certificates, String what) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("give at least one " + what);
        }
    }
}
