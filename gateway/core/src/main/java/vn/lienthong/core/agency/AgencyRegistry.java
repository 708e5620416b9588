package vn.lienthong.core.agency;

import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.signature.PemCertificates;

/**
 * The registered agencies, kept in the database and read from memory. Every lookup on the
 * envelope path is a map read; registration writes through and refreshes the view.
 */
public class AgencyRegistry {

    private record Snapshot(Map<AgencyCode, Agency> byCode, Map<String, AgencyCode> byTokenHash) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AgencyCodePolicy codePolicy;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

    public AgencyRegistry(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events,
                          AgencyCodePolicy codePolicy, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.codePolicy = codePolicy;
        this.clock = clock;
    }

    public Optional<Agency> find(AgencyCode code) {
        return Optional.ofNullable(snapshot.byCode().get(code));
    }

    public Collection<Agency> all() {
        return snapshot.byCode().values();
    }

    /** The agency whose API token has this SHA-256, if any. */
    public Optional<AgencyCode> findByTokenHash(String sha256Hex) {
        return Optional.ofNullable(snapshot.byTokenHash().get(sha256Hex));
    }

    public AgencyCodePolicy codePolicy() {
        return codePolicy;
    }

    /** Registers a new agency or replaces the settings, certificates and token of an existing one. */
    public void register(AgencyRegistration registration) {
        if (!codePolicy.accepts(registration.code().value())) {
            throw new IllegalArgumentException("agency code " + registration.code()
                    + " does not match the configured pattern " + codePolicy.pattern());
        }
        Agency agency = registration.agency();
        transactions.executeWithoutResult(tx -> write(registration));
        reload();
        events.publishEvent(new AgencyRegistered(agency));
    }

    /** Re-reads every agency from the database. */
    public void reload() {
        Map<AgencyCode, Set<String>> fingerprints = new HashMap<>();
        jdbc.sql("SELECT agency_code, fingerprint_sha256 FROM agency_certificate")
                .query((rs, n) -> fingerprints.computeIfAbsent(AgencyCode.of(rs.getString(1)), k -> new HashSet<>())
                        .add(rs.getString(2)))
                .list();
        Map<AgencyCode, Agency> byCode = new HashMap<>();
        Map<String, AgencyCode> byToken = new HashMap<>();
        jdbc.sql("SELECT code, name, delivery_mode, endpoint, api_token_sha256 FROM agency").query(rs -> {
            AgencyCode code = AgencyCode.of(rs.getString("code"));
            String endpoint = rs.getString("endpoint");
            byCode.put(code, new Agency(code, rs.getString("name"), DeliveryMode.valueOf(rs.getString("delivery_mode")),
                    endpoint == null ? null : URI.create(endpoint), fingerprints.getOrDefault(code, Set.of())));
            String token = rs.getString("api_token_sha256");
            if (token != null) {
                byToken.put(token, code);
            }
        });
        snapshot = new Snapshot(Map.copyOf(byCode), Map.copyOf(byToken));
    }

    private void write(AgencyRegistration registration) {
        String code = registration.code().value();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String endpoint = registration.endpoint() == null ? null : registration.endpoint().toString();
        int updated = jdbc.sql("""
                        UPDATE agency SET name = ?, delivery_mode = ?, endpoint = ?, api_token_sha256 = ?, updated_at = ?
                        WHERE code = ?""")
                .params(registration.name(), registration.deliveryMode().name(), endpoint,
                        registration.apiTokenSha256(), now, code)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO agency (code, name, delivery_mode, endpoint, api_token_sha256, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(code, registration.name(), registration.deliveryMode().name(), endpoint,
                            registration.apiTokenSha256(), now)
                    .update();
        }
        jdbc.sql("DELETE FROM agency_certificate WHERE agency_code = ?").param(code).update();
        for (X509Certificate certificate : registration.certificates()) {
            insertCertificate(code, certificate);
        }
    }

    private void insertCertificate(String code, X509Certificate certificate) {
        String fingerprint = PemCertificates.fingerprint(certificate);
        List<String> owners = jdbc.sql("SELECT agency_code FROM agency_certificate WHERE fingerprint_sha256 = ?")
                .param(fingerprint).query(String.class).list();
        if (!owners.isEmpty()) {
            throw new IllegalArgumentException("certificate " + fingerprint + " is already registered to agency "
                    + owners.get(0) + "; one certificate signs for one agency");
        }
        try {
            jdbc.sql("""
                            INSERT INTO agency_certificate (fingerprint_sha256, agency_code, subject, not_before, not_after, certificate)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(fingerprint, code, certificate.getSubjectX500Principal().getName(),
                            certificate.getNotBefore().toInstant().atOffset(ZoneOffset.UTC),
                            certificate.getNotAfter().toInstant().atOffset(ZoneOffset.UTC),
                            certificate.getEncoded())
                    .update();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate of agency " + code + " cannot be encoded", e);
        }
    }
}
