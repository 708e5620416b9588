package vn.lienthong.core.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeKind;
import vn.lienthong.core.envelope.Party;

/**
 * Per-recipient delivery records. Every state change is a conditional update from the
 * states {@link DeliveryState} allows, so a race or a redelivery can never move a delivery
 * twice: in particular an envelope is marked delivered to a recipient at most once.
 */
public class Deliveries {

    private static final int MAX_ERROR_LENGTH = 1000;

    private final JdbcClient jdbc;

    public Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens a QUEUED delivery for each recipient of a newly accepted envelope. */
    public void open(Envelope envelope, Instant at) {
        for (Party recipient : envelope.recipients()) {
            jdbc.sql("""
                            INSERT INTO delivery (envelope_id, recipient, state, attempts, updated_at)
                            VALUES (?, ?, ?, 0, ?)""")
                    .params(envelope.id(), recipient.agency().value(), DeliveryState.QUEUED.name(), utc(at))
                    .update();
        }
    }

    public Optional<DeliveryState> state(String envelopeId, AgencyCode recipient) {
        return jdbc.sql("SELECT state FROM delivery WHERE envelope_id = ? AND recipient = ?")
                .params(envelopeId, recipient.value())
                .query((rs, n) -> DeliveryState.valueOf(rs.getString(1)))
                .optional();
    }

    /** QUEUED to AVAILABLE; false if it was not QUEUED. */
    public boolean makeAvailable(String envelopeId, AgencyCode recipient, Instant at) {
        return move(envelopeId, recipient, DeliveryState.AVAILABLE, "available_at", at);
    }

    /** Marks the delivery taken; false if it was already delivered, so the first taking counts. */
    public boolean markDelivered(String envelopeId, AgencyCode recipient, Instant at) {
        return move(envelopeId, recipient, DeliveryState.DELIVERED, "taken_at", at);
    }

    public Optional<Instant> takenAt(String envelopeId, AgencyCode recipient) {
        return jdbc.sql("SELECT taken_at FROM delivery WHERE envelope_id = ? AND recipient = ? AND taken_at IS NOT NULL")
                .params(envelopeId, recipient.value())
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .optional();
    }

    /** Counts a failed attempt and keeps its error, in its own transaction so a rollback of the delivery keeps it. */
    public void recordFailure(String envelopeId, AgencyCode recipient, int attempt, String error, Instant at) {
        String trimmed = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        jdbc.sql("""
                        UPDATE delivery SET attempts = ?, last_error = ?, updated_at = ?
                        WHERE envelope_id = ? AND recipient = ? AND attempts < ?""")
                .params(attempt, trimmed, utc(at), envelopeId, recipient.value(), attempt)
                .update();
    }

    /** Envelopes waiting in an agency's inbox, oldest first. */
    public List<InboxEntry> inbox(AgencyCode recipient, int limit) {
        return jdbc.sql("""
                        SELECT d.envelope_id, e.sender, e.kind, e.dossier_code, e.size_bytes, d.available_at
                        FROM delivery d JOIN envelope e ON e.id = d.envelope_id
                        WHERE d.recipient = ? AND d.state = ?
                        ORDER BY d.available_at, e.accepted_at
                        FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .params(recipient.value(), DeliveryState.AVAILABLE.name())
                .query((rs, n) -> new InboxEntry(rs.getString(1), rs.getString(2), EnvelopeKind.valueOf(rs.getString(3)).xmlName(),
                        rs.getString(4), rs.getLong(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    private boolean move(String envelopeId, AgencyCode recipient, DeliveryState target, String timeColumn, Instant at) {
        String sources = DeliveryState.sourcesOf(target).stream().map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", "));
        return jdbc.sql("UPDATE delivery SET state = ?, " + timeColumn + " = ?, updated_at = ?"
                        + " WHERE envelope_id = ? AND recipient = ? AND state IN (" + sources + ")")
                .params(target.name(), utc(at), utc(at), envelopeId, recipient.value())
                .update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
