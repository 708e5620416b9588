package vn.lienthong.core.agency;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import vn.lienthong.signature.PemCertificates;

/**
 * Everything needed to register or update an agency.
 *
 * @param pushProtocol how envelopes are pushed to {@code endpoint}
 * @param signingCertificates the certificates it signs envelopes with; several while a key is rotated
 * @param tlsCertificates client certificates it may authenticate with over mutual TLS
 * @param apiTokenSha256 lower-case hex SHA-256 of its API token, or null for an agency that
 *        never calls with a token
 * @param retry how pushes to it are retried, or null for the gateway's default policy
 */
public record AgencyRegistration(AgencyCode code, String name, DeliveryMode deliveryMode, @Nullable URI endpoint,
                                 PushProtocol pushProtocol,
                                 List<X509Certificate> signingCertificates, List<X509Certificate> tlsCertificates,
                                 @Nullable String apiTokenSha256, boolean allowSha1Signatures,
                                 @Nullable RetryPolicy retry) {

    public AgencyRegistration {
        Agency.requireConsistentDelivery(code, deliveryMode, endpoint);
        signingCertificates = List.copyOf(signingCertificates);
        tlsCertificates = List.copyOf(tlsCertificates);
        if (apiTokenSha256 != null && !apiTokenSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("agency " + code + ": api-token-sha256 must be 64 lower-case hex digits");
        }
    }

    public Agency agency() {
        return new Agency(code, name, deliveryMode, endpoint, pushProtocol, fingerprints(signingCertificates),
                fingerprints(tlsCertificates), allowSha1Signatures, retry);
    }

    private static Set<String> fingerprints(List<X509Certificate> certificates) {
        return certificates.stream().map(PemCertificates::fingerprint).collect(Collectors.toSet());
    }
}
