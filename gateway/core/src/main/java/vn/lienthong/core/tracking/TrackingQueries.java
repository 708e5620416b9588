package vn.lienthong.core.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.envelope.AllowedTime;
import vn.lienthong.core.envelope.EnvelopeKind;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/**
 * What callers may read about dossiers and envelopes. An agency sees a dossier only if it
 * gave or took part of it, and an envelope only if it sent or received it; to anyone else
 * the thing does not exist, so its existence leaks nothing.
 */
public class TrackingQueries {

    private final JdbcClient jdbc;

    public TrackingQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public DossierTimeline timeline(Caller caller, String dossierCode) {
        List<DossierTimeline.Handoff> handoffs = jdbc.sql("""
                        SELECT envelope_id, kind, step_name, allowed_amount, allowed_unit, giver, giver_officer,
                               taker, taker_officer, given_at, taken_at
                        FROM handoff WHERE dossier_code = ? ORDER BY given_at, id""")
                .param(dossierCode)
                .query((rs, n) -> new DossierTimeline.Handoff(rs.getString(1), kind(rs, 2), rs.getString(3),
                        (Integer) rs.getObject(4), unit(rs.getString(5)), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11)))
                .list();
        DossierTimeline timeline = jdbc.sql("""
                        SELECT code, procedure_code, procedure_name, applicant_name, received_at, promised_return_at,
                               first_seen_at
                        FROM dossier WHERE code = ?""")
                .param(dossierCode)
                .query((rs, n) -> new DossierTimeline(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs, 5), instant(rs, 6), instant(rs, 7), handoffs))
                .optional()
                .orElseThrow(() -> dossierNotFound(dossierCode));
        if (!caller.readsEverything() && !timeline.involves(caller.name()) && !sentOrReceivedAny(caller, dossierCode)) {
            throw dossierNotFound(dossierCode);
        }
        return timeline;
    }

    public EnvelopeStatus envelopeStatus(Caller caller, String envelopeId) {
        Map<String, List<EnvelopeStatus.Attempt>> history = new HashMap<>();
        jdbc.sql("""
                        SELECT recipient, attempt, attempted_at, duration_ms, outcome, error FROM delivery_attempt
                        WHERE envelope_id = ? ORDER BY id""")
                .param(envelopeId)
                .query(rs -> {
                    history.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new EnvelopeStatus.Attempt(
                            rs.getInt(2), instant(rs, 3), rs.getLong(4), rs.getString(5), rs.getString(6)));
                });
        List<EnvelopeStatus.Recipient> recipients = jdbc.sql("""
                        SELECT recipient, state, attempts, last_error, next_attempt_at, available_at, taken_at
                        FROM delivery WHERE envelope_id = ? ORDER BY recipient""")
                .param(envelopeId)
                .query((rs, n) -> new EnvelopeStatus.Recipient(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getString(4), instant(rs, 5), instant(rs, 6), instant(rs, 7),
                        history.getOrDefault(rs.getString(1), List.of())))
                .list();
        EnvelopeStatus status = jdbc.sql("""
                        SELECT id, kind, sender, dossier_code, accepted_at, digest_sha256, size_bytes
                        FROM envelope WHERE id = ?""")
                .param(envelopeId)
                .query((rs, n) -> new EnvelopeStatus(rs.getString(1), kind(rs, 2), rs.getString(3), rs.getString(4),
                        instant(rs, 5), rs.getString(6), rs.getLong(7), recipients))
                .optional()
                .orElseThrow(() -> envelopeNotFound(envelopeId));
        if (!caller.readsEverything() && !status.involves(caller.name())) {
            throw envelopeNotFound(envelopeId);
        }
        return status;
    }

    /** Status envelopes make no hand-off rows, yet their sender and recipients took part in the dossier. */
    private boolean sentOrReceivedAny(Caller caller, String dossierCode) {
        if (caller.agency() == null) {
            return false;
        }
        String agency = caller.agency().value();
        return jdbc.sql("SELECT COUNT(*) FROM envelope WHERE dossier_code = ? AND sender = ?")
                .params(dossierCode, agency).query(Long.class).single() > 0
                || jdbc.sql("""
                        SELECT COUNT(*) FROM delivery d JOIN envelope e ON e.id = d.envelope_id
                        WHERE e.dossier_code = ? AND d.recipient = ?""")
                .params(dossierCode, agency).query(Long.class).single() > 0;
    }

    private static @Nullable String unit(@Nullable String stored) {
        return stored == null ? null : AllowedTime.Unit.valueOf(stored).xmlName();
    }

    private static String kind(ResultSet rs, int column) throws SQLException {
        return EnvelopeKind.valueOf(rs.getString(column)).xmlName();
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static GatewayException dossierNotFound(String code) {
        return ErrorCode.DOSSIER_NOT_FOUND.exception("no dossier " + code + " that you took part in").build();
    }

    private static GatewayException envelopeNotFound(String id) {
        return ErrorCode.ENVELOPE_NOT_FOUND.exception("no envelope " + id + " that you sent or received").build();
    }
}
