package vn.lienthong.core.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every accepted envelope, byte for byte as received, with the receipt the gateway issued
 * for it. Rows are never updated: what was accepted stays as it was. Content is written and
 * read as a stream, so a large envelope never sits whole in memory.
 */
public class EnvelopeArchive {

    /** The part of an archived envelope that decides whether a resubmission is a retry or a conflict. */
    public record Fingerprint(String sha256, byte[] receipt) {
    }

    /** What a recipient needs to know of an archived envelope besides its bytes. */
    public record Archived(String envelopeId, String sender, EnvelopeKind kind, String dossierCode,
                           Instant acceptedAt, long size, String sha256) {
    }

    private final JdbcClient jdbc;
    private final Spool spool;

    public EnvelopeArchive(JdbcClient jdbc, Spool spool) {
        this.jdbc = jdbc;
        this.spool = spool;
    }

    /**
     * Stores the envelope unless one with the same id is already stored.
     *
     * @return false when the id was taken, by a retry or a concurrent submission
     */
    public boolean store(Envelope envelope, EnvelopeBytes bytes, byte[] receipt, Instant acceptedAt) {
        try (InputStream content = bytes.open()) {
            return jdbc.sql("""
                            INSERT INTO envelope (id, sender, kind, dossier_code, created_at, accepted_at,
                                                  digest_sha256, size_bytes, content, receipt, accept_seq)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nextval('envelope_accept_seq'))
                            ON CONFLICT DO NOTHING""")
                    .params(envelope.id(), envelope.sender().agency().value(), envelope.kind().name(),
                            envelope.dossier().code(), envelope.createdAt(), utc(acceptedAt), bytes.sha256(),
                            bytes.size(), new SqlBinaryValue(content, bytes.size()), receipt)
                    .update() == 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the envelope to store it", e);
        }
    }

    public Optional<Fingerprint> fingerprint(String envelopeId) {
        return jdbc.sql("SELECT digest_sha256, receipt FROM envelope WHERE id = ?")
                .param(envelopeId)
                .query((rs, n) -> new Fingerprint(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    public Optional<Archived> find(String envelopeId) {
        return jdbc.sql("SELECT id, sender, kind, dossier_code, accepted_at, size_bytes, digest_sha256 FROM envelope WHERE id = ?")
                .param(envelopeId)
                .query((rs, n) -> new Archived(rs.getString(1), rs.getString(2), EnvelopeKind.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getLong(6), rs.getString(7)))
                .optional();
    }

    /** The envelope's bytes, in memory or spooled to a file as their size requires; the caller closes them. */
    public EnvelopeBytes content(Archived envelope) {
        return jdbc.sql("SELECT content FROM envelope WHERE id = ?")
                .param(envelope.envelopeId())
                .query(rs -> {
                    if (!rs.next()) {
                        throw new IllegalStateException("envelope " + envelope.envelopeId() + " vanished from the archive");
                    }
                    try (InputStream stored = rs.getBinaryStream(1)) {
                        return EnvelopeBytes.copyOf(stored, envelope.size(), envelope.sha256(), spool);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read envelope " + envelope.envelopeId(), e);
                    }
                });
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
