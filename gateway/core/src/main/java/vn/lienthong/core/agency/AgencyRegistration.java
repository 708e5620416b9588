package vn.lienthong.core.agency;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import vn.lienthong.signature.PemCertificates;

/**
 * Everything needed to register or update an agency.
 *
 * @param certificates the certificates it signs with; several while a key is being rotated
 * @param apiTokenSha256 lower-case hex SHA-256 of the agency's API token, or null for an
 *        agency that never calls the gateway's API
 */
public record AgencyRegistration(AgencyCode code, String name, DeliveryMode deliveryMode, @Nullable URI endpoint,
                                 List<X509Certificate> certificates, @Nullable String apiTokenSha256) {

    public AgencyRegistration {
        Agency.requireConsistentDelivery(code, deliveryMode, endpoint);
        certificates = List.copyOf(certificates);
        if (apiTokenSha256 != null && !apiTokenSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("agency " + code + ": api-token-sha256 must be 64 lower-case hex digits");
        }
    }

    public Agency agency() {
        return new Agency(code, name, deliveryMode, endpoint,
                certificates.stream().map(PemCertificates::fingerprint).collect(Collectors.toSet()));
    }
}
