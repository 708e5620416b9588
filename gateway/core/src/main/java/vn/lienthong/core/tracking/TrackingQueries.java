package vn.lienthong.core.tracking;

import static vn.lienthong.core.tracking.DossierTracking.instant;
import static vn.lienthong.core.tracking.DossierTracking.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.calendar.Timeliness;
import vn.lienthong.core.envelope.AllowedTime;
import vn.lienthong.core.envelope.EnvelopeKind;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.core.tracking.DossierView.AgencyRef;

/**
 * What callers may read about dossiers, hand-offs and envelopes. An agency sees a dossier
 * only if it took part in it (gave, took, sent or received any of its envelopes), and an
 * envelope only if it sent or received it; to anyone else the thing does not exist, so its
 * existence leaks nothing.
 */
public class TrackingQueries {

    private static final String HANDOFF_COLUMNS = """
            h.id, h.dossier_code, h.envelope_id, h.kind, h.step_name, h.allowed_amount, h.allowed_unit, h.giver,
            h.giver_officer, h.taker, h.taker_officer, h.given_at, h.taken_at, h.started_at, h.due_at, h.completed_at,
            h.state, h.deadline_state, h.result, h.note""";

    /** The dossiers an agency took part in, for {@code :agency}. */
    private static final String TOOK_PART = """
            SELECT dossier_code FROM handoff WHERE giver = :agency OR taker = :agency
            UNION SELECT dossier_code FROM envelope WHERE sender = :agency
            UNION SELECT e.dossier_code FROM delivery d JOIN envelope e ON e.id = d.envelope_id
                  WHERE d.recipient = :agency""";

    private final JdbcClient jdbc;
    private final AgencyRegistry agencies;

    public TrackingQueries(JdbcClient jdbc, AgencyRegistry agencies) {
        this.jdbc = jdbc;
        this.agencies = agencies;
    }

    public DossierView dossier(Caller caller, String code) {
        if (!caller.readsEverything() && !tookPart(caller, code)) {
            throw dossierNotFound(code);
        }
        List<DossierView.Handoff> handoffs = jdbc.sql("SELECT " + HANDOFF_COLUMNS
                        + " FROM handoff h WHERE h.dossier_code = ? ORDER BY h.given_at, h.id")
                .param(code)
                .query((rs, n) -> handoff(rs))
                .list();
        List<DossierView.StatusChange> history = jdbc.sql("""
                        SELECT status, previous_status, changed_at, reported_by, envelope_id, note
                        FROM dossier_status_change WHERE dossier_code = ? ORDER BY id""")
                .param(code)
                .query((rs, n) -> new DossierView.StatusChange(DossierStatus.ofCode(rs.getInt(1)),
                        rs.getObject(2) == null ? null : DossierStatus.ofCode(rs.getInt(2)), instant(rs, 3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
        List<DossierView.ApologyOwed> apologies = jdbc.sql("""
                        SELECT agency, reason, owed_at, issued_at, new_return_at FROM apology
                        WHERE dossier_code = ? ORDER BY owed_at, id""")
                .param(code)
                .query((rs, n) -> new DossierView.ApologyOwed(agency(rs.getString(1)), rs.getString(2), instant(rs, 3),
                        instant(rs, 4), instant(rs, 5)))
                .list();
        return jdbc.sql("""
                        SELECT code, procedure_code, procedure_name, applicant_name, applicant_address, applicant_phone,
                               received_at, promised_return_at, rescheduled_return_at, due_at, status, status_at,
                               paused_since, supplementation_requests, deadline_state, closed_at, result, first_seen_at
                        FROM dossier WHERE code = ?""")
                .param(code)
                .query((rs, n) -> {
                    String applicantName = rs.getString(4);
                    List<AgencyRef> parties = parties(handoffs);
                    return new DossierView(rs.getString(1), rs.getString(2), rs.getString(3),
                            applicantName == null ? null
                                    : new DossierView.Applicant(applicantName, rs.getString(5), rs.getString(6)),
                            instant(rs, 7), instant(rs, 8), instant(rs, 9), instant(rs, 10),
                            rs.getObject(11) == null ? null : DossierStatus.ofCode(rs.getInt(11)), instant(rs, 12),
                            parties.isEmpty() ? null : parties.get(0), parties.size() < 2 ? null : parties.get(1),
                            parties.size() < 3 ? List.of() : parties.subList(2, parties.size()),
                            rs.getObject(13) != null, rs.getInt(14), DeadlineState.valueOf(rs.getString(15)),
                            instant(rs, 16), timeliness(rs.getString(17)), instant(rs, 18), history, handoffs,
                            apologies);
                })
                .optional()
                .orElseThrow(() -> dossierNotFound(code));
    }

    /** Hand-offs matching the query, newest first; an agency sees those of dossiers it took part in. */
    public HandoffQuery.Page handoffs(Caller caller, HandoffQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!caller.readsEverything()) {
            where.append(" AND h.dossier_code IN (").append(TOOK_PART).append(")");
            params.put("agency", caller.requireAgency("list hand-offs").value());
        }
        if (query.agency() != null) {
            where.append(" AND (h.giver = :of OR h.taker = :of)");
            params.put("of", query.agency());
        }
        if (query.state() != null) {
            where.append(" AND h.state = :state");
            params.put("state", query.state().name());
        }
        if (query.overdue() != null) {
            where.append(query.overdue() ? " AND h.deadline_state = 'OVERDUE'" : " AND h.deadline_state <> 'OVERDUE'");
        }
        if (query.result() != null) {
            where.append(" AND h.result = :result");
            params.put("result", query.result().name());
        }
        if (query.dossier() != null) {
            where.append(" AND h.dossier_code = :dossier");
            params.put("dossier", query.dossier());
        }
        if (query.from() != null) {
            where.append(" AND h.given_at >= :from");
            params.put("from", utc(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND h.given_at < :to");
            params.put("to", utc(query.to()));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM handoff h" + where).params(params).query(Long.class).single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<DossierView.Handoff> items = jdbc.sql("SELECT " + HANDOFF_COLUMNS + " FROM handoff h" + where
                        + " ORDER BY h.given_at DESC, h.id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .params(params)
                .query((rs, n) -> handoff(rs))
                .list();
        return new HandoffQuery.Page(items, query.page(), query.size(), total);
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

    /** Refuses callers that may not see the dossier, as if it did not exist. */
    public void requireVisible(Caller caller, String code) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM dossier WHERE code = ?").param(code).query(Long.class).single() > 0;
        if (!exists || (!caller.readsEverything() && !tookPart(caller, code))) {
            throw dossierNotFound(code);
        }
    }

    private boolean tookPart(Caller caller, String code) {
        if (caller.agency() == null) {
            return false;
        }
        return jdbc.sql("SELECT COUNT(*) FROM (" + TOOK_PART + ") p WHERE p.dossier_code = :code")
                .param("agency", caller.agency().value())
                .param("code", code)
                .query(Long.class).single() > 0;
    }

    /** Who gave first, whom they gave it to, then everyone else in order of appearance. */
    private static List<AgencyRef> parties(List<DossierView.Handoff> handoffs) {
        Set<String> seen = new LinkedHashSet<>();
        List<AgencyRef> parties = new ArrayList<>();
        for (DossierView.Handoff handoff : handoffs) {
            for (AgencyRef agency : List.of(handoff.giver(), handoff.taker())) {
                if (seen.add(agency.code())) {
                    parties.add(agency);
                }
            }
        }
        return parties;
    }

    private DossierView.Handoff handoff(ResultSet rs) throws SQLException {
        Object amount = rs.getObject(6);
        return new DossierView.Handoff(rs.getLong(1), rs.getString(2), rs.getString(3), kind(rs, 4), rs.getString(5),
                amount == null ? null : new AllowedTime(((Number) amount).intValue(),
                        AllowedTime.Unit.valueOf(rs.getString(7))),
                agency(rs.getString(8)), rs.getString(9), agency(rs.getString(10)), rs.getString(11),
                instant(rs, 12), instant(rs, 13), instant(rs, 14), instant(rs, 15), instant(rs, 16),
                HandoffState.valueOf(rs.getString(17)), DeadlineState.valueOf(rs.getString(18)),
                timeliness(rs.getString(19)), rs.getString(20));
    }

    private AgencyRef agency(String code) {
        String name = AgencyCode.isWellFormed(code)
                ? agencies.find(AgencyCode.of(code)).map(a -> a.name()).orElse(null) : null;
        return new AgencyRef(code, name);
    }

    private static @Nullable Timeliness timeliness(@Nullable String stored) {
        return stored == null ? null : Timeliness.valueOf(stored);
    }

    private static String kind(ResultSet rs, int column) throws SQLException {
        return EnvelopeKind.valueOf(rs.getString(column)).xmlName();
    }

    private static GatewayException dossierNotFound(String code) {
        return ErrorCode.DOSSIER_NOT_FOUND.exception("no dossier " + code + " that you took part in").build();
    }

    private static GatewayException envelopeNotFound(String id) {
        return ErrorCode.ENVELOPE_NOT_FOUND.exception("no envelope " + id + " that you sent or received").build();
    }
}
