package vn.lienthong.core.portal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable queue of portal updates. Rows are written in the transaction that made the
 * change they report, sent in id order per dossier, and deleted once the portal took them; a
 * row the portal refused stays as a dead letter and holds back its dossier's later rows, so
 * the portal never sees a dossier's changes out of order.
 */
public class PortalOutbox {

    /** An update waiting to be sent, the first of its dossier. */
    public record Pending(long id, String dossierCode, PortalCall call, int attempts, Instant createdAt) {
    }

    /**
     * An update the portal refused; it holds back the later updates of its dossier.
     *
     * @param payload the fields sent, as JSON: what an operator corrects before replaying
     */
    public record DeadLetter(long id, String dossierCode, String service, String reason, String payload, int attempts,
                             @Nullable String lastError, Instant createdAt, @Nullable Instant deadAt) {
    }

    /** What waits: updates still to send, dead letters, and since when the oldest waits. */
    public record Backlog(long pending, long dead, @Nullable Instant oldestSince) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };
    private static final int MAX_ERROR_LENGTH = 2000;

    private final JdbcClient jdbc;

    public PortalOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues an update; call in the transaction of the change it reports. */
    public void enqueue(String dossierCode, PortalCall call, String reason, Instant at) {
        jdbc.sql("""
                        INSERT INTO portal_outbox (dossier_code, service, reason, payload, state, attempts,
                                                   next_attempt_at, created_at)
                        VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
                .params(dossierCode, call.service().name(), clip(reason, 200), JSON.writeValueAsString(call.fields()),
                        utc(at), utc(at))
                .update();
    }

    /** What the portal was last told of a dossier: its return date; empty when it was never told of it. */
    public Optional<Announced> announced(String dossierCode) {
        return jdbc.sql("SELECT return_at FROM portal_dossier WHERE code = ?").param(dossierCode)
                .query((rs, n) -> new Announced(rs.getString(1))).optional();
    }

    /** Notes the return date a queued dossier record tells the portal. */
    public void announce(String dossierCode, @Nullable String returnAt, Instant at) {
        if (jdbc.sql("UPDATE portal_dossier SET return_at = ? WHERE code = ?").params(returnAt, dossierCode).update() == 0) {
            jdbc.sql("INSERT INTO portal_dossier (code, first_at, return_at) VALUES (?, ?, ?)")
                    .params(dossierCode, utc(at), returnAt).update();
        }
    }

    /** @param returnAt the portal's {@code NgayHenTra} last sent, null when none was */
    public record Announced(@Nullable String returnAt) {
    }

    /** The first pending update of each dossier that is due, oldest first. */
    public List<Pending> due(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT o.id, o.dossier_code, o.service, o.payload, o.attempts, o.created_at FROM portal_outbox o
                        WHERE o.state = 'PENDING' AND o.next_attempt_at <= ?
                          AND NOT EXISTS (SELECT 1 FROM portal_outbox p WHERE p.dossier_code = o.dossier_code AND p.id < o.id)
                        ORDER BY o.id FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param(utc(now))
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2),
                        new PortalCall(PortalService.valueOf(rs.getString(3)), fields(rs.getString(4))), rs.getInt(5),
                        instant(rs, 6)))
                .list();
    }

    /** Forgets updates the portal took, in one statement (one commit for a round, not one per update). */
    public void sent(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM portal_outbox WHERE id IN (:ids)").param("ids", ids).update();
        }
    }

    public void retryLater(long id, int attempts, Instant next, String error) {
        jdbc.sql("UPDATE portal_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(attempts, utc(next), clip(error, MAX_ERROR_LENGTH), id)
                .update();
    }

    public void dead(long id, int attempts, String error, Instant at) {
        jdbc.sql("UPDATE portal_outbox SET state = 'DEAD', attempts = ?, last_error = ?, dead_at = ? WHERE id = ?")
                .params(attempts, clip(error, MAX_ERROR_LENGTH), utc(at), id)
                .update();
    }

    public Backlog backlog() {
        return jdbc.sql("""
                        SELECT SUM(CASE WHEN state = 'PENDING' THEN 1 ELSE 0 END),
                               SUM(CASE WHEN state = 'DEAD' THEN 1 ELSE 0 END), MIN(created_at)
                        FROM portal_outbox""")
                .query((rs, n) -> new Backlog(rs.getLong(1), rs.getLong(2), instant(rs, 3)))
                .single();
    }

    public List<DeadLetter> deadLetters() {
        return jdbc.sql("""
                        SELECT id, dossier_code, service, reason, payload, attempts, last_error, created_at, dead_at
                        FROM portal_outbox WHERE state = 'DEAD' ORDER BY id""")
                .query(PortalOutbox::deadLetter)
                .list();
    }

    public Optional<DeadLetter> deadLetter(long id) {
        return jdbc.sql("""
                        SELECT id, dossier_code, service, reason, payload, attempts, last_error, created_at, dead_at
                        FROM portal_outbox WHERE state = 'DEAD' AND id = ?""")
                .param(id)
                .query(PortalOutbox::deadLetter)
                .optional();
    }

    /**
     * Sends a dead letter again, now, as it was or with corrected fields.
     *
     * @return false when there is no such dead letter
     */
    public boolean replay(long id, @Nullable Map<String, Object> correctedFields, Instant now) {
        if (correctedFields == null) {
            return jdbc.sql("""
                            UPDATE portal_outbox SET state = 'PENDING', attempts = 0, next_attempt_at = ?, dead_at = NULL
                            WHERE id = ? AND state = 'DEAD'""")
                    .params(utc(now), id).update() == 1;
        }
        return jdbc.sql("""
                        UPDATE portal_outbox SET state = 'PENDING', attempts = 0, next_attempt_at = ?, dead_at = NULL,
                                                 payload = ?
                        WHERE id = ? AND state = 'DEAD'""")
                .params(utc(now), JSON.writeValueAsString(correctedFields), id).update() == 1;
    }

    /** Gives up on a dead letter; the dossier's later updates go ahead. */
    public boolean discard(long id) {
        return jdbc.sql("DELETE FROM portal_outbox WHERE id = ? AND state = 'DEAD'").param(id).update() == 1;
    }

    static Map<String, Object> fields(String json) {
        return JSON.readValue(json, FIELDS);
    }

    private static DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(rs.getLong(1), rs.getString(2), PortalService.valueOf(rs.getString(3)).wireName(),
                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7), instant(rs, 8), instant(rs, 9));
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
