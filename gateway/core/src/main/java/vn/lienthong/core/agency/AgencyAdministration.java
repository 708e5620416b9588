package vn.lienthong.core.agency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.signature.PemCertificates;

/**
 * The agency registry as operators see and change it: operators read it, admins register
 * and update agencies. Changes take effect at once on the instance that made them (queues for
 * new agencies included), and on the other instances at their next registry refresh.
 */
public final class AgencyAdministration {

    /** An agency as the admin API shows it. Token hashes are never shown, only whether there is one. */
    public record AgencyView(String code, String name, String deliveryMode, @Nullable String endpoint, String pushProtocol,
                             boolean apiToken,
                             boolean allowSha1Signatures, @Nullable RetrySettings retry, List<CertificateView> certificates) {
    }

    /** A registered certificate as the admin API shows it. */
    public record CertificateView(String purpose, String fingerprint, String subject, Instant notBefore,
                                  Instant notAfter) {
    }

    /**
     * A registration or update as an admin sends it.
     *
     * @param deliveryMode {@code push} or {@code pull}
     * @param pushProtocol {@code rest} (when absent) or {@code soap}: how envelopes are pushed
     * @param certificates PEM certificates the agency signs with
     * @param tlsCertificates PEM certificates it may authenticate with over mutual TLS
     * @param retry its own retry policy, or null for the gateway's default
     */
    public record Change(String name, String deliveryMode, @Nullable String endpoint, @Nullable String pushProtocol,
                         @Nullable List<String> certificates,
                         @Nullable List<String> tlsCertificates, @Nullable String apiTokenSha256,
                         @Nullable Boolean allowSha1Signatures, @Nullable RetrySettings retry) {
    }

    private final AgencyRegistry registry;

    public AgencyAdministration(AgencyRegistry registry) {
        this.registry = registry;
    }

    public List<AgencyView> list(Caller caller) {
        caller.requireOperator("list agencies");
        Map<String, List<RegisteredCertificate>> certificates = byAgency();
        return registry.all().stream().sorted(Comparator.comparing(Agency::code))
                .map(agency -> view(agency, certificates.getOrDefault(agency.code().value(), List.of()))).toList();
    }

    public AgencyView get(Caller caller, String code) {
        caller.requireOperator("read agencies");
        Agency agency = find(code);
        return view(agency, byAgency().getOrDefault(agency.code().value(), List.of()));
    }

    /** Registers the agency, or replaces its settings, certificates and token. */
    public AgencyView register(Caller caller, String code, Change change) {
        caller.requireAdmin("register agencies");
        AgencyRegistration registration;
        try {
            if (!AgencyCode.isWellFormed(code) || !registry.codePolicy().accepts(code)) {
                throw new IllegalArgumentException("agency code " + code + " does not match the pattern "
                        + registry.codePolicy().pattern());
            }
            if (change.name() == null || change.name().isBlank() || change.deliveryMode() == null) {
                throw new IllegalArgumentException("name and deliveryMode are required");
            }
            registration = new AgencyRegistration(AgencyCode.of(code), change.name().strip(),
                    DeliveryMode.valueOf(change.deliveryMode().toUpperCase(Locale.ROOT)),
                    change.endpoint() == null ? null : URI.create(change.endpoint()),
                    AgencyFile.pushProtocol(change.pushProtocol()),
                    certificates(change.certificates()), certificates(change.tlsCertificates()),
                    change.apiTokenSha256(), Boolean.TRUE.equals(change.allowSha1Signatures()),
                    change.retry() == null ? null : change.retry().policy());
            registry.register(registration);
        } catch (IllegalArgumentException e) {
            throw invalid(code, e);
        }
        return get(caller, code);
    }

    private Agency find(String code) {
        if (!AgencyCode.isWellFormed(code)) {
            throw notFound(code);
        }
        return registry.find(AgencyCode.of(code)).orElseThrow(() -> notFound(code));
    }

    private Map<String, List<RegisteredCertificate>> byAgency() {
        return registry.certificates().stream().collect(Collectors.groupingBy(RegisteredCertificate::agency));
    }

    private AgencyView view(Agency agency, List<RegisteredCertificate> certificates) {
        return new AgencyView(agency.code().value(), agency.name(), agency.deliveryMode().name().toLowerCase(Locale.ROOT),
                agency.endpoint() == null ? null : agency.endpoint().toString(),
                agency.pushProtocol().name().toLowerCase(Locale.ROOT), registry.hasApiToken(agency.code()),
                agency.allowSha1Signatures(), agency.retry() == null ? null : RetrySettings.of(agency.retry()),
                certificates.stream().map(c -> new CertificateView(
                        c.purpose().name().toLowerCase(Locale.ROOT).replace('_', '-'), c.fingerprint(), c.subject(),
                        c.notBefore(), c.notAfter())).toList());
    }

    private static List<X509Certificate> certificates(@Nullable List<String> pems) {
        if (pems == null) {
            return List.of();
        }
        return pems.stream().map(pem -> {
            List<X509Certificate> parsed = PemCertificates.parse(pem.getBytes(StandardCharsets.US_ASCII));
            if (parsed.size() != 1) {
                throw new IllegalArgumentException("each entry must hold exactly one PEM certificate");
            }
            return parsed.get(0);
        }).toList();
    }

    private static GatewayException invalid(String code, IllegalArgumentException e) {
        return ErrorCode.AGENCY_REGISTRATION_INVALID.exception("agency " + code + ": " + e.getMessage()).build();
    }

    private static GatewayException notFound(String code) {
        return ErrorCode.AGENCY_NOT_FOUND.exception("no agency " + code + " is registered").build();
    }
}
