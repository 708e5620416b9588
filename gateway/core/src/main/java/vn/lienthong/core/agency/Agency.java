package vn.lienthong.core.agency;

import java.net.URI;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A registered agency.
 *
 * @param endpoint where pushed envelopes go; present exactly when {@code deliveryMode} is PUSH
 * @param certificateFingerprints SHA-256 fingerprints of the certificates it signs with
 */
public record Agency(AgencyCode code, String name, DeliveryMode deliveryMode, @Nullable URI endpoint,
                     Set<String> certificateFingerprints) {

    public Agency {
        requireConsistentDelivery(code, deliveryMode, endpoint);
        certificateFingerprints = Set.copyOf(certificateFingerprints);
    }

    static void requireConsistentDelivery(AgencyCode code, DeliveryMode mode, @Nullable URI endpoint) {
        if ((mode == DeliveryMode.PUSH) != (endpoint != null)) {
            throw new IllegalArgumentException("agency " + code + ": a push agency needs an endpoint, a pull agency none");
        }
    }

    public boolean signsWith(String fingerprint) {
        return certificateFingerprints.contains(fingerprint);
    }
}
