package vn.lienthong.core.agency;

import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.signature.PemCertificates;

/**
 * The registered agencies, kept in the database and read from memory. Every lookup on the
 * envelope path is a map read; registration writes through and refreshes the view.
 *
 * <p>Several gateway instances share the database, each with its own view. Every registration
 * raises the registry's revision in its transaction; {@link #refreshIfChanged()}, run on a
 * schedule, compares it with the revision of the view and reloads when another instance
 * changed something. Either way, each agency that is new or changed in the view is published
 * as {@link AgencyRegistered}, so an instance starts delivering to an agency registered on
 * another exactly as to one registered on itself.
 */
public class AgencyRegistry {

    private static final Logger log = LoggerFactory.getLogger(AgencyRegistry.class);

    private record Snapshot(Map<AgencyCode, Agency> byCode, Map<String, AgencyCode> byTokenHash,
                            Map<String, AgencyCode> byTlsCertificate) {
    }

    private static final String SIGNING_TABLE = "agency_certificate";
    private static final String TLS_TABLE = "agency_tls_certificate";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate consistentReads;
    private final ApplicationEventPublisher events;
    private final AgencyCodePolicy codePolicy;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of());
    /** The registry revision the view was read at; none before the first load. */
    private long revision = -1;

    public AgencyRegistry(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events,
                          AgencyCodePolicy codePolicy, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.consistentReads = new TransactionTemplate(transactions.getTransactionManager());
        consistentReads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        consistentReads.setReadOnly(true);
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

    /** The agency that authenticates with this TLS client certificate, if any. */
    public Optional<AgencyCode> findByTlsCertificate(String fingerprint) {
        return Optional.ofNullable(snapshot.byTlsCertificate().get(fingerprint));
    }

    public boolean hasApiToken(AgencyCode code) {
        return snapshot.byTokenHash().containsValue(code);
    }

    public AgencyCodePolicy codePolicy() {
        return codePolicy;
    }

    /** Every registered certificate, signing and TLS, of every agency. */
    public List<RegisteredCertificate> certificates() {
        List<RegisteredCertificate> certificates = new ArrayList<>(certificates(SIGNING_TABLE,
                RegisteredCertificate.Purpose.SIGNING));
        certificates.addAll(certificates(TLS_TABLE, RegisteredCertificate.Purpose.TLS_CLIENT));
        certificates.sort(Comparator.comparing(RegisteredCertificate::agency).thenComparing(RegisteredCertificate::notAfter));
        return certificates;
    }

    /** Registers a new agency or replaces the settings, certificates and token of an existing one. */
    public Agency register(AgencyRegistration registration) {
        requireAcceptedCode(registration);
        transactions.executeWithoutResult(tx -> write(registration));
        reload();
        return registration.agency();
    }

    /**
     * Applies a registry file's registrations, all or none, unless this content (by
     * {@code contentSha256}) is what was last applied: an instance restarting or scaled up with
     * the same file leaves the registry as it is, so changes made through the admin API since
     * are kept. Instances starting at once take turns on the revision row; the first applies.
     *
     * @return whether the file was applied
     */
    public boolean applyFile(String contentSha256, List<AgencyRegistration> registrations) {
        registrations.forEach(this::requireAcceptedCode);
        boolean applied = Boolean.TRUE.equals(transactions.execute(tx -> {
            String last = jdbc.sql("SELECT applied_file_sha256 FROM agency_registry_revision WHERE id = 1 FOR UPDATE")
                    .query((rs, row) -> Optional.ofNullable(rs.getString(1))).single().orElse(null);
            if (contentSha256.equals(last)) {
                return false;
            }
            registrations.forEach(this::write);
            jdbc.sql("UPDATE agency_registry_revision SET applied_file_sha256 = ? WHERE id = 1")
                    .param(contentSha256).update();
            return true;
        }));
        reload();
        return applied;
    }

    private void requireAcceptedCode(AgencyRegistration registration) {
        if (!codePolicy.accepts(registration.code().value())) {
            throw new IllegalArgumentException("agency code " + registration.code()
                    + " does not match the configured pattern " + codePolicy.pattern());
        }
    }

    /**
     * Reloads the view if the registry changed since it was read, on this instance or another.
     * Costs one single-row query when nothing changed.
     *
     * @return whether the view was reloaded
     */
    public boolean refreshIfChanged() {
        long current = currentRevision();
        synchronized (this) {
            if (current == revision) {
                return false;
            }
        }
        List<Agency> changed = load();
        if (!changed.isEmpty()) {
            log.info("agency registry changed in the database: {} new or changed",
                    changed.stream().map(agency -> agency.code().value()).toList());
        }
        publish(changed);
        return true;
    }

    /**
     * Re-reads every agency from the database and publishes {@link AgencyRegistered} for each
     * one that is new or changed since the last load. The first load publishes nothing: what
     * acts on registrations starts from {@link #all()} when it starts.
     */
    public void reload() {
        publish(load());
    }

    /** Outside the lock: listeners start consumers and read certificates, and need not hold up the next reload. */
    private void publish(List<Agency> changed) {
        changed.forEach(agency -> events.publishEvent(new AgencyRegistered(agency)));
    }

    /** Swaps in a fresh view; the agencies new or changed in it, none on the first load. */
    private synchronized List<Agency> load() {
        record Read(long revision, Snapshot snapshot) {
        }
        // One snapshot of the database: the revision is exactly that of the agencies read.
        Read read = consistentReads.execute(tx -> new Read(currentRevision(), read()));
        Snapshot previous = snapshot;
        Snapshot next = read.snapshot();
        snapshot = next;
        boolean first = revision < 0;
        revision = read.revision();
        if (first) {
            return List.of();
        }
        return next.byCode().values().stream()
                .filter(agency -> !agency.equals(previous.byCode().get(agency.code())))
                .sorted(Comparator.comparing(Agency::code)).toList();
    }

    private long currentRevision() {
        return jdbc.sql("SELECT revision FROM agency_registry_revision WHERE id = 1").query(Long.class).single();
    }

    private Snapshot read() {
        Map<AgencyCode, Set<String>> signing = fingerprints(SIGNING_TABLE);
        Map<AgencyCode, Set<String>> tls = fingerprints(TLS_TABLE);
        Map<AgencyCode, Agency> byCode = new HashMap<>();
        Map<String, AgencyCode> byToken = new HashMap<>();
        Map<String, AgencyCode> byTls = new HashMap<>();
        jdbc.sql("""
                        SELECT code, name, delivery_mode, endpoint, push_protocol, api_token_sha256, allow_sha1_signatures,
                               retry_max_attempts, retry_initial_delay_ms, retry_multiplier, retry_max_delay_ms
                        FROM agency""")
                .query(rs -> {
                    AgencyCode code = AgencyCode.of(rs.getString("code"));
                    String endpoint = rs.getString("endpoint");
                    byCode.put(code, new Agency(code, rs.getString("name"),
                            DeliveryMode.valueOf(rs.getString("delivery_mode")),
                            endpoint == null ? null : URI.create(endpoint),
                            PushProtocol.valueOf(rs.getString("push_protocol")), signing.getOrDefault(code, Set.of()),
                            tls.getOrDefault(code, Set.of()), rs.getBoolean("allow_sha1_signatures"), retryPolicy(rs)));
                    String token = rs.getString("api_token_sha256");
                    if (token != null) {
                        byToken.put(token, code);
                    }
                });
        tls.forEach((code, prints) -> prints.forEach(print -> byTls.put(print, code)));
        return new Snapshot(Map.copyOf(byCode), Map.copyOf(byToken), Map.copyOf(byTls));
    }

    private static @Nullable RetryPolicy retryPolicy(ResultSet rs) throws SQLException {
        int maxAttempts = rs.getInt("retry_max_attempts");
        if (rs.wasNull()) {
            return null;
        }
        return new RetryPolicy(maxAttempts, Duration.ofMillis(rs.getLong("retry_initial_delay_ms")),
                rs.getDouble("retry_multiplier"), Duration.ofMillis(rs.getLong("retry_max_delay_ms")));
    }

    private Map<AgencyCode, Set<String>> fingerprints(String table) {
        Map<AgencyCode, Set<String>> fingerprints = new HashMap<>();
        jdbc.sql("SELECT agency_code, fingerprint_sha256 FROM " + table)
                .query(rs -> {
                    fingerprints.computeIfAbsent(AgencyCode.of(rs.getString(1)), k -> new HashSet<>()).add(rs.getString(2));
                });
        return fingerprints;
    }

    private List<RegisteredCertificate> certificates(String table, RegisteredCertificate.Purpose purpose) {
        return jdbc.sql("SELECT agency_code, fingerprint_sha256, subject, not_before, not_after FROM " + table)
                .query((rs, n) -> new RegisteredCertificate(rs.getString(1), purpose, rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }

    private void write(AgencyRegistration registration) {
        // First, so that its row lock makes concurrent registrations, from any instance, take
        // turns: the update-then-insert below and the checks that a token or certificate is
        // not another agency's then see every registration committed before.
        jdbc.sql("UPDATE agency_registry_revision SET revision = revision + 1 WHERE id = 1").update();
        String code = registration.code().value();
        if (registration.apiTokenSha256() != null) {
            List<String> holders = jdbc.sql("SELECT code FROM agency WHERE api_token_sha256 = ? AND code <> ?")
                    .params(registration.apiTokenSha256(), code).query(String.class).list();
            if (!holders.isEmpty()) {
                throw new IllegalArgumentException("that API token is already agency " + holders.get(0)
                        + "'s; every agency needs its own");
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String endpoint = registration.endpoint() == null ? null : registration.endpoint().toString();
        int updated = jdbc.sql("""
                        UPDATE agency SET name = ?, delivery_mode = ?, endpoint = ?, push_protocol = ?,
                                          api_token_sha256 = ?, allow_sha1_signatures = ?, updated_at = ?
                        WHERE code = ?""")
                .params(registration.name(), registration.deliveryMode().name(), endpoint,
                        registration.pushProtocol().name(), registration.apiTokenSha256(),
                        registration.allowSha1Signatures(), now, code)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO agency (code, name, delivery_mode, endpoint, push_protocol, api_token_sha256,
                                                allow_sha1_signatures, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(code, registration.name(), registration.deliveryMode().name(), endpoint,
                            registration.pushProtocol().name(), registration.apiTokenSha256(),
                            registration.allowSha1Signatures(), now)
                    .update();
        }
        RetryPolicy retry = registration.retry();
        jdbc.sql("""
                        UPDATE agency SET retry_max_attempts = ?, retry_initial_delay_ms = ?, retry_multiplier = ?,
                                          retry_max_delay_ms = ?
                        WHERE code = ?""")
                .params(retry == null ? null : retry.maxAttempts(), retry == null ? null : retry.initialDelay().toMillis(),
                        retry == null ? null : retry.multiplier(), retry == null ? null : retry.maxDelay().toMillis(), code)
                .update();
        replaceCertificates(SIGNING_TABLE, code, registration.signingCertificates());
        replaceCertificates(TLS_TABLE, code, registration.tlsCertificates());
    }

    private void replaceCertificates(String table, String code, List<X509Certificate> certificates) {
        jdbc.sql("DELETE FROM " + table + " WHERE agency_code = ?").param(code).update();
        for (X509Certificate certificate : certificates) {
            String fingerprint = PemCertificates.fingerprint(certificate);
            List<String> owners = jdbc.sql("SELECT agency_code FROM " + table + " WHERE fingerprint_sha256 = ?")
                    .param(fingerprint).query(String.class).list();
            if (!owners.isEmpty()) {
                throw new IllegalArgumentException("certificate " + fingerprint + " is already registered to agency "
                        + owners.get(0) + "; a certificate belongs to one agency");
            }
            try {
                jdbc.sql("INSERT INTO " + table + " (fingerprint_sha256, agency_code, subject, not_before, not_after,"
                                + " certificate) VALUES (?, ?, ?, ?, ?, ?)")
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
}
