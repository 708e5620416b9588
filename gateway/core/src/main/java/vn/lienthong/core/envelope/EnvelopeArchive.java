package vn.lienthong.core.envelope;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every accepted envelope, byte for byte as received, with the receipt the gateway issued
 * for it. Rows are never updated: what was accepted stays as it was.
 */
public class EnvelopeArchive {

    /** The part of an archived envelope that decides whether a resubmission is a retry or a conflict. */
    public record Fingerprint(String sha256, byte[] receipt) {
    }

    /** An archived envelope's bytes with the facts a recipient needs alongside them. */
    public record Archived(String envelopeId, String sender, EnvelopeKind kind, String dossierCode,
                           Instant acceptedAt, byte[] content) {
    }

    private final JdbcClient jdbc;

    public EnvelopeArchive(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the envelope unless one with the same id is already stored.
     *
     * @return false when the id was taken, by a retry or a concurrent submission
     */
    public boolean store(Envelope envelope, EnvelopeBytes bytes, byte[] receipt, Instant acceptedAt) {
        return jdbc.sql("""
                        INSERT INTO envelope (id, sender, kind, dossier_code, created_at, accepted_at,
                                              digest_sha256, size_bytes, content, receipt, accept_seq)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nextval('envelope_accept_seq'))
                        ON CONFLICT DO NOTHING""")
                .params(envelope.id(), envelope.sender().agency().value(), envelope.kind().name(),
                        envelope.dossier().code(), envelope.createdAt(), utc(acceptedAt), bytes.sha256(),
                        bytes.size(), bytes.content(), receipt)
                .update() == 1;
    }

    public Optional<Fingerprint> fingerprint(String envelopeId) {
        return jdbc.sql("SELECT digest_sha256, receipt FROM envelope WHERE id = ?")
                .param(envelopeId)
                .query((rs, n) -> new Fingerprint(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    public Optional<Archived> find(String envelopeId) {
        return jdbc.sql("SELECT id, sender, kind, dossier_code, accepted_at, content FROM envelope WHERE id = ?")
                .param(envelopeId)
                .query((rs, n) -> new Archived(rs.getString(1), rs.getString(2), EnvelopeKind.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getBytes(6)))
                .optional();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
