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
        if ((deliveryMode == DeliveryMode.PUSH) != (endpoint != null)) {
            throw new IllegalArgumentException("agency " + code + ": a push agency needs an endpoint, a pull agency none");
        }
        certificateFingerprints = Set.copyOf(certificateFingerprints);
    }

    public boolean signsWith(String fingerprint) {
        return certificateFingerprints.contains(fingerprint);
    }
}
