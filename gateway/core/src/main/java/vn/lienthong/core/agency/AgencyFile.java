package vn.lienthong.core.agency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;
import vn.lienthong.signature.PemCertificates;

/**
 * Reads the agency registry file: a YAML list of agencies with their delivery settings,
 * certificate files (relative to the registry file) and API token hashes.
 *
 * <pre>
 * agencies:
 *   - code: 000.00.12.H53
 *     name: Sở Tài nguyên và Môi trường
 *     delivery: { mode: push, endpoint: https://stnmt.example.gov.vn/lienthong, push-protocol: rest }   # or soap
 *     certificates: [ stnmt/certificate.pem ]          # signs envelopes with these
 *     tls-certificates: [ stnmt/tls-client.pem ]       # may call over mutual TLS with these
 *     api-token-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 *     allow-sha1-signatures: false                    # true only for legacy systems
 *     retry: { max-attempts: 30, initial-delay: 10s, multiplier: 2, max-delay: 30m }   # optional
 * </pre>
 */
public final class AgencyFile {

    record Document(List<Entry> agencies) {
    }

    record Entry(String code, String name, Delivery delivery, @Nullable List<String> certificates,
                 @Nullable List<String> tlsCertificates, @Nullable String apiTokenSha256,
                 @Nullable Boolean allowSha1Signatures, @Nullable RetrySettings retry) {
    }

    record Delivery(String mode, @Nullable URI endpoint, @Nullable String pushProtocol) {
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private AgencyFile() {
    }

    /** Every registration in the file; fails with the file and the entry named when something is wrong. */
    public static List<AgencyRegistration> read(Path file) {
        Document document;
        try {
            document = MAPPER.readValue(file.toFile(), Document.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("agency registry " + file + " cannot be read: " + e.getOriginalMessage(), e);
        }
        if (document == null || document.agencies() == null) {
            throw new IllegalStateException("agency registry " + file + " has no 'agencies' list");
        }
        Path base = file.toAbsolutePath().getParent();
        return document.agencies().stream().map(entry -> registration(file, base, entry)).toList();
    }

    /**
     * SHA-256 of what the registrations say (settings, certificate fingerprints, token hashes),
     * in code order: the same for the same content however the file is laid out, and different
     * when a certificate file it names was replaced.
     */
    public static String fingerprint(List<AgencyRegistration> registrations) {
        StringBuilder content = new StringBuilder();
        registrations.stream().sorted(Comparator.comparing(AgencyRegistration::code)).forEach(registration -> {
            Agency agency = registration.agency();
            content.append(agency.code()).append('|').append(agency.name()).append('|').append(agency.deliveryMode())
                    .append('|').append(agency.endpoint()).append('|').append(agency.pushProtocol())
                    .append('|').append(new TreeSet<>(agency.signingCertificates()))
                    .append('|').append(new TreeSet<>(agency.tlsCertificates()))
                    .append('|').append(registration.apiTokenSha256()).append('|').append(agency.allowSha1Signatures())
                    .append('|').append(agency.retry()).append('\n');
        });
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static AgencyRegistration registration(Path file, Path base, Entry entry) {
        String where = "agency registry " + file + ", agency " + entry.code() + ": ";
        if (entry.code() == null || entry.name() == null || entry.delivery() == null || entry.delivery().mode() == null) {
            throw new IllegalStateException(where + "code, name and delivery.mode are required");
        }
        try {
            DeliveryMode mode = DeliveryMode.valueOf(entry.delivery().mode().toUpperCase(Locale.ROOT));
            return new AgencyRegistration(AgencyCode.of(entry.code()), entry.name(), mode, entry.delivery().endpoint(),
                    pushProtocol(entry.delivery().pushProtocol()),
                    certificates(where, base, entry.certificates()), certificates(where, base, entry.tlsCertificates()),
                    entry.apiTokenSha256(), Boolean.TRUE.equals(entry.allowSha1Signatures()),
                    entry.retry() == null ? null : entry.retry().policy());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + e.getMessage(), e);
        }
    }

    /** REST unless the entry says otherwise. */
    static PushProtocol pushProtocol(@Nullable String name) {
        if (name == null) {
            return PushProtocol.REST;
        }
        try {
            return PushProtocol.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("push-protocol must be rest or soap, not " + name, e);
        }
    }

    private static List<X509Certificate> certificates(String where, Path base, @Nullable List<String> paths) {
        return paths == null ? List.of() : paths.stream().map(base::resolve).map(path -> certificate(where, path)).toList();
    }

    private static X509Certificate certificate(String where, Path path) {
        if (!Files.isReadable(path)) {
            throw new IllegalStateException(where + "certificate file " + path + " is not readable");
        }
        List<X509Certificate> certificates = PemCertificates.read(path);
        if (certificates.size() != 1) {
            throw new IllegalStateException(where + path + " must hold exactly one certificate, found " + certificates.size());
        }
        return certificates.get(0);
    }
}
