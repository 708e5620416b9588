package vn.lienthong.core.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeFormat;
import vn.lienthong.core.envelope.EnvelopeKind;
import vn.lienthong.core.envelope.Party;

/**
 * Per-recipient delivery records. Every state change is a conditional update from the
 * states {@link DeliveryState} allows, so a race or a redelivered order can never move a
 * delivery twice: in particular an envelope is marked delivered to a recipient at most once.
 */
public class Deliveries {

    /** A delivery as the delivery stage needs it. */
    public record Delivery(String envelopeId, AgencyCode recipient, String orderKey, DeliveryState state,
                           int attempts, int generation) {
    }

    /** One attempt to push, kept for operators. */
    public record Attempt(int attempt, Instant at, long durationMillis, String outcome, @Nullable String error) {
    }

    /**
     * What waits to be delivered to one agency, and for how long the oldest has waited; of those,
     * the deliveries ready to act on ({@link DeliveryState#QUEUED}), how many were queued since
     * the last look, and since when the oldest of them has waited for its turn; and how many of
     * its deliveries are dead letters waiting for an operator.
     */
    public record Backlog(long pending, @Nullable Instant oldestSince, long queued, long queuedSinceLastLook,
                          @Nullable Instant queuedSince, long deadLetters) {
    }

    private static final int MAX_ERROR_LENGTH = 1000;
    private static final String HOLDING_BACK = names(DeliveryState.holdingBack());

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

    public Optional<Delivery> find(String envelopeId, AgencyCode recipient) {
        return jdbc.sql("""
                        SELECT d.envelope_id, d.recipient, e.order_key, d.state, d.attempts, d.generation
                        FROM delivery d JOIN envelope e ON e.id = d.envelope_id
                        WHERE d.envelope_id = ? AND d.recipient = ?""")
                .params(envelopeId, recipient.value())
                .query(Deliveries::delivery)
                .optional();
    }

    public Optional<DeliveryState> state(String envelopeId, AgencyCode recipient) {
        return jdbc.sql("SELECT state FROM delivery WHERE envelope_id = ? AND recipient = ?")
                .params(envelopeId, recipient.value())
                .query((rs, n) -> DeliveryState.valueOf(rs.getString(1)))
                .optional();
    }

    /**
     * Moves the delivery to {@code target} if its current state allows it, stamping the time
     * the target records (available, taken, dead).
     *
     * @return false if the delivery was not in a state that leads to {@code target}
     */
    public boolean move(String envelopeId, AgencyCode recipient, DeliveryState target, Instant at) {
        String stamp = switch (target) {
            case AVAILABLE -> ", available_at = :at";
            case DELIVERED -> ", taken_at = :at, next_attempt_at = NULL";
            case DEAD_LETTERED -> ", dead_at = :at, next_attempt_at = NULL";
            default -> "";
        };
        return jdbc.sql("UPDATE delivery SET state = :target, updated_at = :at" + stamp
                        + " WHERE envelope_id = :envelope AND recipient = :recipient AND state IN ("
                        + names(DeliveryState.sourcesOf(target)) + ")")
                .param("target", target.name()).param("at", utc(at))
                .param("envelope", envelopeId).param("recipient", recipient.value())
                .update() == 1;
    }

    /** After a failed push: RETRYING with the attempts counted and the next attempt's time. */
    public boolean scheduleRetry(String envelopeId, AgencyCode recipient, int attempts, Instant nextAttempt, Instant at) {
        return jdbc.sql("""
                        UPDATE delivery SET state = ?, attempts = ?, next_attempt_at = ?, updated_at = ?
                        WHERE envelope_id = ? AND recipient = ? AND state IN (?, ?)""")
                .params(DeliveryState.RETRYING.name(), attempts, utc(nextAttempt), utc(at), envelopeId, recipient.value(),
                        DeliveryState.QUEUED.name(), DeliveryState.RETRYING.name())
                .update() == 1;
    }

    /** After the last failed push: counted, and parked as a dead letter. */
    public boolean deadLetter(String envelopeId, AgencyCode recipient, int attempts, Instant at) {
        jdbc.sql("UPDATE delivery SET attempts = ? WHERE envelope_id = ? AND recipient = ?")
                .params(attempts, envelopeId, recipient.value()).update();
        return move(envelopeId, recipient, DeliveryState.DEAD_LETTERED, at);
    }

    /**
     * Takes a waiting or dead-lettered delivery back to QUEUED with a fresh generation, so a new
     * delivery order can be issued for it; a replayed dead letter starts its attempts afresh.
     *
     * @return the new generation, or empty if the delivery was not in {@code from}
     */
    public Optional<Integer> requeue(String envelopeId, AgencyCode recipient, DeliveryState from, Instant at) {
        int updated = jdbc.sql("""
                        UPDATE delivery SET state = ?, generation = generation + 1, attempts = 0, dead_at = NULL,
                                            last_error = CASE WHEN ? THEN last_error ELSE NULL END, updated_at = ?
                        WHERE envelope_id = ? AND recipient = ? AND state = ?""")
                .params(DeliveryState.QUEUED.name(), from == DeliveryState.WAITING, utc(at), envelopeId, recipient.value(),
                        from.name())
                .update();
        if (updated != 1) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("SELECT generation FROM delivery WHERE envelope_id = ? AND recipient = ?")
                .params(envelopeId, recipient.value()).query(Integer.class).single());
    }

    /** Keeps the history of an attempt, and its error as the delivery's last error. */
    public void recordAttempt(String envelopeId, AgencyCode recipient, int attempt, Instant at, Duration took,
                              @Nullable String error) {
        String trimmed = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        jdbc.sql("""
                        INSERT INTO delivery_attempt (envelope_id, recipient, attempt, attempted_at, duration_ms, outcome, error)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(envelopeId, recipient.value(), attempt, utc(at), took.toMillis(),
                        error == null ? "DELIVERED" : "FAILED", trimmed)
                .update();
        if (trimmed != null) {
            jdbc.sql("UPDATE delivery SET last_error = ? WHERE envelope_id = ? AND recipient = ?")
                    .params(trimmed, envelopeId, recipient.value()).update();
        }
    }

    public List<Attempt> attempts(String envelopeId, String recipient) {
        return jdbc.sql("""
                        SELECT attempt, attempted_at, duration_ms, outcome, error FROM delivery_attempt
                        WHERE envelope_id = ? AND recipient = ? ORDER BY id""")
                .params(envelopeId, recipient)
                .query((rs, n) -> new Attempt(rs.getInt(1), instant(rs, 2), rs.getLong(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    /** True while an earlier envelope with the same order key (its dossier) has not reached this recipient. */
    public boolean heldBack(Delivery delivery) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM delivery d JOIN envelope e ON e.id = d.envelope_id
                        WHERE d.recipient = :recipient AND e.order_key = :orderKey AND d.state IN (%s)
                          AND e.accept_seq < (SELECT accept_seq FROM envelope WHERE id = :envelope)""".formatted(HOLDING_BACK))
                .param("recipient", delivery.recipient().value()).param("orderKey", delivery.orderKey())
                .param("envelope", delivery.envelopeId())
                .query(Long.class).single() > 0;
    }

    /** The earliest waiting delivery with this order key (of a dossier) to a recipient, if any. */
    public Optional<Delivery> firstWaiting(AgencyCode recipient, String orderKey) {
        return jdbc.sql("""
                        SELECT d.envelope_id, d.recipient, e.order_key, d.state, d.attempts, d.generation
                        FROM delivery d JOIN envelope e ON e.id = d.envelope_id
                        WHERE d.recipient = ? AND d.state = ? AND e.order_key = ?
                        ORDER BY e.accept_seq FETCH FIRST 1 ROWS ONLY""")
                .params(recipient.value(), DeliveryState.WAITING.name(), orderKey)
                .query(Deliveries::delivery)
                .optional();
    }

    /** Every waiting delivery, oldest first. */
    public List<Delivery> waiting() {
        return jdbc.sql("""
                        SELECT d.envelope_id, d.recipient, e.order_key, d.state, d.attempts, d.generation
                        FROM delivery d JOIN envelope e ON e.id = d.envelope_id
                        WHERE d.state = ? ORDER BY e.accept_seq""")
                .param(DeliveryState.WAITING.name())
                .query(Deliveries::delivery)
                .list();
    }

    public Optional<Instant> takenAt(String envelopeId, AgencyCode recipient) {
        return jdbc.sql("SELECT taken_at FROM delivery WHERE envelope_id = ? AND recipient = ? AND taken_at IS NOT NULL")
                .params(envelopeId, recipient.value())
                .query((rs, n) -> instant(rs, 1))
                .optional();
    }

    /** Envelopes waiting in an agency's inbox, oldest first. */
    public List<InboxEntry> inbox(AgencyCode recipient, int limit) {
        return jdbc.sql("""
                        SELECT d.envelope_id, e.sender, e.kind, e.format, e.dossier_code, e.size_bytes, d.available_at
                        FROM delivery d JOIN envelope e ON e.id = d.envelope_id
                        WHERE d.recipient = ? AND d.state = ?
                        ORDER BY d.available_at, e.accept_seq
                        FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .params(recipient.value(), DeliveryState.AVAILABLE.name())
                .query((rs, n) -> new InboxEntry(rs.getString(1), rs.getString(2),
                        EnvelopeKind.valueOf(rs.getString(3)).xmlName(), EnvelopeFormat.ofCode(rs.getString(4)),
                        rs.getString(5), rs.getLong(6), instant(rs, 7)))
                .list();
    }

    /**
     * Deliveries not yet handed over, per recipient, with the time the oldest of them last
     * changed, the queued ones (how many, how many since {@code lastLook}, since when the oldest),
     * and its dead letters: one scan serves all, as it runs every second.
     */
    public Map<String, Backlog> backlog(Instant lastLook) {
        return jdbc.sql("SELECT recipient, SUM(CASE WHEN state = 'DEAD_LETTERED' THEN 0 ELSE 1 END),"
                        + " MIN(CASE WHEN state = 'DEAD_LETTERED' THEN NULL ELSE updated_at END),"
                        + " SUM(CASE WHEN state = 'QUEUED' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN state = 'QUEUED' AND updated_at > ? THEN 1 ELSE 0 END),"
                        + " MIN(CASE WHEN state = 'QUEUED' THEN updated_at ELSE NULL END),"
                        + " SUM(CASE WHEN state = 'DEAD_LETTERED' THEN 1 ELSE 0 END)"
                        + " FROM delivery WHERE state IN (" + HOLDING_BACK + ", 'DEAD_LETTERED') GROUP BY recipient")
                .param(utc(lastLook))
                .query(rs -> {
                    Map<String, Backlog> backlog = new HashMap<>();
                    while (rs.next()) {
                        backlog.put(rs.getString(1), new Backlog(rs.getLong(2), instant(rs, 3), rs.getLong(4),
                                rs.getLong(5), instant(rs, 6), rs.getLong(7)));
                    }
                    return backlog;
                });
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getString(1), AgencyCode.of(rs.getString(2)), rs.getString(3),
                DeliveryState.valueOf(rs.getString(4)), rs.getInt(5), rs.getInt(6));
    }

    static String names(Set<DeliveryState> states) {
        return states.stream().map(state -> "'" + state.name() + "'").collect(Collectors.joining(", "));
    }

    static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
