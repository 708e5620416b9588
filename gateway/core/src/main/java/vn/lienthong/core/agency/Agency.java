package vn.lienthong.core.agency;

import java.net.URI;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A registered agency.
 *
 * @param endpoint where pushed envelopes go; present exactly when {@code deliveryMode} is PUSH
 * @param pushProtocol how envelopes are pushed to {@code endpoint}; kept for a pull agency too,
 *        so that switching it back to push needs no second setting
 * @param signingCertificates SHA-256 fingerprints of the certificates it signs envelopes with
 *        (several while a key is rotated)
 * @param tlsCertificates SHA-256 fingerprints of the client certificates it may authenticate
 *        with over mutual TLS
 * @param allowSha1Signatures whether its signatures may use SHA-1 (older department systems)
 * @param retry how pushes to it are retried, or null for the gateway's default policy
 */
public record Agency(AgencyCode code, String name, DeliveryMode deliveryMode, @Nullable URI endpoint,
                     PushProtocol pushProtocol,
                     Set<String> signingCertificates, Set<String> tlsCertificates, boolean allowSha1Signatures,
                     @Nullable RetryPolicy retry) {

    public Agency {
        requireConsistentDelivery(code, deliveryMode, endpoint);
        signingCertificates = Set.copyOf(signingCertificates);
        tlsCertificates = Set.copyOf(tlsCertificates);
    }

    public boolean signsWith(String fingerprint) {
        return signingCertificates.contains(fingerprint);
    }

    static void requireConsistentDelivery(AgencyCode code, DeliveryMode mode, @Nullable URI endpoint) {
        if ((mode == DeliveryMode.PUSH) != (endpoint != null)) {
            throw new IllegalArgumentException("agency " + code + ": a push agency needs an endpoint, a pull agency none");
        }
    }
}
