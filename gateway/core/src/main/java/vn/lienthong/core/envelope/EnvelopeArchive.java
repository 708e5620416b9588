package vn.lienthong.core.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;

/**
 * Every accepted envelope, byte for byte as received, with the receipt the gateway issued
 * for it. Rows are never updated: what was accepted stays as it was. Content is written and
 * read as a stream, so a large envelope never sits whole in memory.
 *
 * <p>PostgreSQL's driver cannot stream a {@code BYTEA} value out: it reads the whole value
 * into memory, as hex text (twice its size) and then decoded, until a statement has run five
 * times on a connection. A 200 MB envelope took 600 MB of heap that way. On PostgreSQL the
 * content is therefore read a slice at a time with {@code substring}, which fetches only the
 * slice's part of the stored value.
 */
public class EnvelopeArchive {

    /** Bytes per query when the content is read in slices. */
    static final int SLICE_BYTES = 8 * 1024 * 1024;

    /** The part of an archived envelope that decides whether a resubmission is a retry or a conflict. */
    public record Fingerprint(String sha256, byte[] receipt) {
    }

    /** What a recipient needs to know of an archived envelope besides its bytes. */
    public record Archived(String envelopeId, String sender, EnvelopeKind kind, EnvelopeFormat format,
                           @Nullable String dossierCode, Instant acceptedAt, long size, String sha256) {
    }

    private final JdbcClient jdbc;
    private final Spool spool;
    private final boolean readInSlices;

    /** An archive that reads content back in one stream, as H2 serves it. */
    public EnvelopeArchive(JdbcClient jdbc, Spool spool) {
        this(jdbc, spool, false);
    }

    /**
     * @param readInSlices read content back a slice at a time (PostgreSQL), rather than as one
     *                     stream from the driver (H2)
     */
    public EnvelopeArchive(JdbcClient jdbc, Spool spool, boolean readInSlices) {
        this.jdbc = jdbc;
        this.spool = spool;
        this.readInSlices = readInSlices;
    }

    /**
     * Stores the envelope unless one with the same id is already stored.
     *
     * @return false when the id was taken, by a retry or a concurrent submission
     */
    public boolean store(Envelope envelope, EnvelopeBytes bytes, byte[] receipt, Instant acceptedAt) {
        try (InputStream content = bytes.open()) {
            return jdbc.sql("""
                            INSERT INTO envelope (id, sender, kind, format, dossier_code, order_key, created_at, accepted_at,
                                                  digest_sha256, size_bytes, content, receipt, accept_seq)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nextval('envelope_accept_seq'))
                            ON CONFLICT DO NOTHING""")
                    .params(envelope.id(), envelope.sender().agency().value(), envelope.kind().name(),
                            envelope.format().code(), envelope.dossierCode(), envelope.orderKey(),
                            envelope.createdAt() == null ? utc(acceptedAt) : envelope.createdAt(), utc(acceptedAt), bytes.sha256(),
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
        return jdbc.sql("""
                        SELECT id, sender, kind, format, dossier_code, accepted_at, size_bytes, digest_sha256
                        FROM envelope WHERE id = ?""")
                .param(envelopeId)
                .query((rs, n) -> new Archived(rs.getString(1), rs.getString(2), EnvelopeKind.valueOf(rs.getString(3)),
                        EnvelopeFormat.ofCode(rs.getString(4)), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getLong(7), rs.getString(8)))
                .optional();
    }

    /** The envelope's bytes, in memory or spooled to a file as their size requires; the caller closes them. */
    public EnvelopeBytes content(Archived envelope) {
        if (readInSlices) {
            try (InputStream stored = new Slices(envelope)) {
                return EnvelopeBytes.copyOf(stored, envelope.size(), envelope.sha256(), spool);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read envelope " + envelope.envelopeId(), e);
            }
        }
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

    /** The stored content, fetched {@link #SLICE_BYTES} at a time as it is read. */
    private final class Slices extends InputStream {

        private final Archived envelope;
        private long fetched;
        private byte[] slice = new byte[0];
        private int position;

        Slices(Archived envelope) {
            this.envelope = envelope;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position == slice.length) {
                if (fetched >= envelope.size()) {
                    return -1;
                }
                int wanted = (int) Math.min(SLICE_BYTES, envelope.size() - fetched);
                slice = jdbc.sql("SELECT substring(content FROM ? FOR ?) FROM envelope WHERE id = ?")
                        .params(Math.toIntExact(fetched + 1), wanted, envelope.envelopeId())
                        .query((rs, n) -> rs.getBytes(1))
                        .optional()
                        .orElseThrow(() -> new IllegalStateException(
                                "envelope " + envelope.envelopeId() + " vanished from the archive"));
                if (slice.length != wanted) {
                    throw new IOException("envelope " + envelope.envelopeId() + " holds fewer bytes than the "
                            + envelope.size() + " recorded");
                }
                fetched += wanted;
                position = 0;
            }
            int count = Math.min(length, slice.length - position);
            System.arraycopy(slice, position, buffer, offset, count);
            position += count;
            return count;
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
