package vn.lienthong.core.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.core.calendar.CalendarSource;
import vn.lienthong.core.calendar.Timeliness;
import vn.lienthong.core.calendar.WorkingCalendar;
import vn.lienthong.core.envelope.AllowedTime;
import vn.lienthong.core.envelope.Applicant;
import vn.lienthong.core.envelope.DossierReference;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.Party;
import vn.lienthong.core.envelope.Step;
import vn.lienthong.core.evidence.EvidenceLedger;
import vn.lienthong.core.evidence.LedgerEvent;

/**
 * Keeps the hand-off ledger as envelopes pass: the dossier's status, each hand-off as the
 * taker's step with its due time, the step's result when the taker hands the dossier on,
 * supplementation pauses, and the evidence ledger entry of every fact.
 *
 * <p>Runs inside the caller's transaction, holding the dossier's row lock from the first
 * read, so two envelopes of one dossier are tracked one after the other, in acceptance order,
 * whichever gateway instance accepts them; a refused transition rolls back everything the
 * envelope would have stored.
 */
public class DossierTracking {

    static final String SECOND_SUPPLEMENTATION = "second supplementation request";

    private final JdbcClient jdbc;
    private final CalendarSource calendars;
    private final EvidenceLedger ledger;
    private final Apologies apologies;

    public DossierTracking(JdbcClient jdbc, CalendarSource calendars, EvidenceLedger ledger, Apologies apologies) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.ledger = ledger;
        this.apologies = apologies;
    }

    /** The dossier row as tracking reads it, under lock. */
    private record Dossier(String code, @Nullable DossierStatus status, @Nullable DossierStatus beforePause,
                           @Nullable Instant pausedSince, int supplementationRequests,
                           @Nullable Instant promisedReturnAt, @Nullable Instant dueAt, @Nullable Instant closedAt,
                           @Nullable String lateReason, @Nullable String result) {
    }

    /**
     * Tracks an accepted envelope: moves the dossier's status (refusing transitions the
     * lifecycle does not allow), settles the sender's open steps, opens a step per recipient
     * when the envelope hands the dossier over, and appends the evidence entry. An envelope
     * outside any dossier (an edXML document) leaves tracking alone.
     *
     * @param sha256 the base64 SHA-256 of the envelope's bytes, as in its receipt
     */
    public void recordGiven(Envelope envelope, String sha256, Instant givenAt) {
        DossierReference reference = envelope.dossier();
        if (reference == null) {
            return;
        }
        String code = reference.code();
        register(reference, givenAt);
        Dossier dossier = lock(code);
        String giver = envelope.sender().agency().value();
        DossierStatus next = DossierLifecycle.next(code, dossier.status(), dossier.beforePause(), envelope.kind(),
                reference.status());
        WorkingCalendar calendar = calendars.current();
        calendars.warnIfUncovered(givenAt.atZone(calendar.zone()).getYear());

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("envelope", envelope.id());
        fields.put("envelopeSha256", sha256);
        fields.put("kind", envelope.kind().xmlName());
        fields.put("from", giver);
        fields.put("to", envelope.recipients().stream().map(p -> p.agency().value()).toList());
        fields.put("status", next == null ? null : next.code());
        fields.put("step", reference.step() == null ? null : reference.step().name());
        fields.put("note", reference.note());
        ledger.append(code, givenAt, LedgerEvent.ACCEPTED, fields);

        Instant pausedSince = dossier.pausedSince();
        if (dossier.status() == DossierStatus.SUPPLEMENTATION_REQUESTED && next != DossierStatus.SUPPLEMENTATION_REQUESTED
                && pausedSince != null) {
            resume(dossier, pausedSince, givenAt, calendar);
            pausedSince = null;
        }
        if (next != null && next.endsHandling()) {
            settleSteps(code, null, givenAt, pausedSince, calendar);
        } else if (envelope.kind().movesDossier() && next != DossierStatus.SUPPLEMENTATION_REQUESTED) {
            settleSteps(code, giver, givenAt, pausedSince, calendar);
        }
        if (next != null && (next != dossier.status() || reference.status() != null)) {
            recordStatus(dossier, next, envelope, givenAt);
        }
        if (next == DossierStatus.SUPPLEMENTATION_REQUESTED && dossier.status() != DossierStatus.SUPPLEMENTATION_REQUESTED) {
            pause(dossier, giver, givenAt);
        }
        if (next != null && next.endsHandling()) {
            close(lock(code), next, givenAt, calendar);
        }
        if (envelope.kind().movesDossier()) {
            openSteps(envelope, givenAt, calendar);
        }
        reschedule(dossier, reference, giver, givenAt);
    }

    /** Records when the taker took the envelope; called once per envelope and taker. */
    public void recordTaken(String envelopeId, String taker, Instant takenAt) {
        String code = jdbc.sql("SELECT dossier_code FROM envelope WHERE id = ?").param(envelopeId)
                .query(String.class).optional().orElse(null);
        if (code == null) {
            return;
        }
        lock(code);
        markTaken(envelopeId, taker, takenAt);
        appendTaken(code, envelopeId, taker, takenAt);
    }

    /**
     * Records an edXML status message about a document that carried the dossier: an evidence
     * entry for the message, and when its reporter says it has the document (01, 03–06) and
     * had not been recorded as taking it yet, the hand-off taken.
     *
     * @param documentEnvelopeId the envelope that handed the dossier over as edXML
     */
    public void recordDocumentStatus(String dossierCode, Envelope status, String sha256, String documentEnvelopeId,
                                     String note, boolean taking, Instant at) {
        lock(dossierCode);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("envelope", status.id());
        fields.put("envelopeSha256", sha256);
        fields.put("kind", status.kind().xmlName());
        fields.put("from", status.sender().agency().value());
        fields.put("to", status.recipients().stream().map(p -> p.agency().value()).toList());
        fields.put("status", null);
        fields.put("step", null);
        fields.put("note", note);
        ledger.append(dossierCode, at, LedgerEvent.ACCEPTED, fields);
        String reporter = status.sender().agency().value();
        if (taking && markTaken(documentEnvelopeId, reporter, at)) {
            appendTaken(dossierCode, documentEnvelopeId, reporter, at);
        }
    }

    private boolean markTaken(String envelopeId, String taker, Instant takenAt) {
        return jdbc.sql("""
                        UPDATE handoff SET taken_at = ?, state = CASE WHEN state = 'GIVEN' THEN 'TAKEN' ELSE state END
                        WHERE envelope_id = ? AND taker = ? AND taken_at IS NULL""")
                .params(utc(takenAt), envelopeId, taker)
                .update() > 0;
    }

    private void appendTaken(String dossierCode, String envelopeId, String taker, Instant takenAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("envelope", envelopeId);
        fields.put("by", taker);
        ledger.append(dossierCode, takenAt, LedgerEvent.TAKEN, fields);
    }

    private void register(DossierReference reference, Instant at) {
        Applicant applicant = reference.applicant();
        Instant promised = reference.promisedReturnAt() == null ? null : reference.promisedReturnAt().toInstant();
        Object[] header = {reference.procedureName(), applicant == null ? null : applicant.name(),
                applicant == null ? null : applicant.address(), applicant == null ? null : applicant.phone(),
                reference.receivedAt(), utc(promised)};
        int added = jdbc.sql("""
                        INSERT INTO dossier (code, procedure_code, procedure_name, applicant_name, applicant_address,
                                             applicant_phone, received_at, promised_return_at, due_at, first_seen_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(reference.code(), reference.procedureCode(), header[0], header[1], header[2], header[3],
                        header[4], header[5], header[5], utc(at))
                .update();
        if (added == 0) {
            // Later envelopes fill in what the first one left out; they never overwrite it.
            jdbc.sql("""
                            UPDATE dossier SET procedure_name = COALESCE(procedure_name, ?),
                                applicant_name = COALESCE(applicant_name, ?), applicant_address = COALESCE(applicant_address, ?),
                                applicant_phone = COALESCE(applicant_phone, ?), received_at = COALESCE(received_at, ?),
                                due_at = CASE WHEN promised_return_at IS NULL THEN ? ELSE due_at END,
                                promised_return_at = COALESCE(promised_return_at, ?)
                            WHERE code = ?""")
                    .params(header[0], header[1], header[2], header[3], header[4], header[5], header[5],
                            reference.code())
                    .update();
        }
    }

    private Dossier lock(String code) {
        return jdbc.sql("""
                        SELECT status, status_before_pause, paused_since, supplementation_requests, promised_return_at,
                               due_at, closed_at, late_reason, result
                        FROM dossier WHERE code = ? FOR UPDATE""")
                .param(code)
                .query((rs, n) -> new Dossier(code, status(rs, 1), status(rs, 2), instant(rs, 3), rs.getInt(4),
                        instant(rs, 5), instant(rs, 6), instant(rs, 7), rs.getString(8), rs.getString(9)))
                .single();
    }

    /** The papers came back: the clock runs again, and every due time moves on by the working time it stood still. */
    private void resume(Dossier dossier, Instant pausedSince, Instant at, WorkingCalendar calendar) {
        long paused = calendar.workingMinutesBetween(pausedSince, at);
        String requestedBy = jdbc.sql("""
                        SELECT reported_by FROM dossier_status_change WHERE dossier_code = ? AND status = ?
                        ORDER BY id DESC FETCH FIRST 1 ROWS ONLY""")
                .params(dossier.code(), DossierStatus.SUPPLEMENTATION_REQUESTED.code())
                .query(String.class).optional().orElse("");
        jdbc.sql("""
                        INSERT INTO dossier_pause (dossier_code, requested_by, started_at, ended_at, working_minutes)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(dossier.code(), requestedBy, utc(pausedSince), utc(at), paused)
                .update();
        Instant dueAt = dossier.dueAt();
        jdbc.sql("""
                        UPDATE dossier SET paused_since = NULL, status_before_pause = NULL, due_at = ?,
                            deadline_state = CASE WHEN deadline_state = 'DUE_SOON' THEN 'ON_TRACK' ELSE deadline_state END
                        WHERE code = ?""")
                .params(utc(dueAt == null ? null : calendar.plusWorkingMinutes(dueAt, paused)), dossier.code())
                .update();
        for (OpenStep step : openSteps(dossier.code(), null)) {
            if (step.dueAt() == null) {
                continue;
            }
            jdbc.sql("""
                            UPDATE handoff SET due_at = ?,
                                deadline_state = CASE WHEN deadline_state = 'DUE_SOON' THEN 'ON_TRACK' ELSE deadline_state END
                            WHERE id = ?""")
                    .params(utc(StepTiming.extended(calendar, step.dueAt(), step.startedAt(), pausedSince, at)), step.id())
                    .update();
        }
    }

    private void pause(Dossier dossier, String requestedBy, Instant at) {
        int requests = dossier.supplementationRequests() + 1;
        jdbc.sql("""
                        UPDATE dossier SET paused_since = ?, status_before_pause = ?, supplementation_requests = ?
                        WHERE code = ?""")
                .params(utc(at), dossier.status() == null ? null : dossier.status().code(), requests, dossier.code())
                .update();
        if (requests == 2) {
            // A second request for papers makes the dossier late, whatever the dates (one-stop rules).
            jdbc.sql("UPDATE dossier SET late_reason = COALESCE(late_reason, ?) WHERE code = ?")
                    .params(SECOND_SUPPLEMENTATION, dossier.code())
                    .update();
            apologies.owe(dossier.code(), requestedBy, SECOND_SUPPLEMENTATION, at);
        }
    }

    private void recordStatus(Dossier dossier, DossierStatus next, Envelope envelope, Instant at) {
        jdbc.sql("""
                        INSERT INTO dossier_status_change (dossier_code, status, previous_status, changed_at, reported_by,
                                                           envelope_id, note)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(dossier.code(), next.code(), dossier.status() == null ? null : dossier.status().code(), utc(at),
                        envelope.sender().agency().value(), envelope.id(), envelope.dossier().note())
                .update();
        jdbc.sql("UPDATE dossier SET status = ?, status_at = ? WHERE code = ?")
                .params(next.code(), utc(at), dossier.code())
                .update();
    }

    /** Handling is over: the dossier closes once, and gets its result once it has one (processed or returned). */
    private void close(Dossier dossier, DossierStatus next, Instant at, WorkingCalendar calendar) {
        if (dossier.closedAt() == null) {
            jdbc.sql("UPDATE dossier SET closed_at = ? WHERE code = ?").params(utc(at), dossier.code()).update();
        }
        if (next.hasResult() && dossier.result() == null) {
            Timeliness result = dossier.lateReason() != null ? Timeliness.LATE
                    : dossier.dueAt() == null ? null : calendar.judge(at, dossier.dueAt());
            if (result != null) {
                jdbc.sql("UPDATE dossier SET result = ? WHERE code = ?").params(result.name(), dossier.code()).update();
            }
        }
    }

    private record OpenStep(long id, Instant startedAt, @Nullable Instant dueAt) {
    }

    private List<OpenStep> openSteps(String dossierCode, @Nullable String taker) {
        return jdbc.sql("SELECT id, started_at, due_at FROM handoff WHERE dossier_code = ? AND state <> 'DONE'"
                        + (taker == null ? "" : " AND taker = ?") + " ORDER BY id")
                .params(taker == null ? List.of(dossierCode) : List.of(dossierCode, taker))
                .query((rs, n) -> new OpenStep(rs.getLong(1), instant(rs, 2), instant(rs, 3)))
                .list();
    }

    /**
     * The taker's steps end when it hands the dossier on (or, with {@code taker} null, when the
     * dossier's handling ends). While the clock stands still, the wait so far does not count.
     */
    private void settleSteps(String dossierCode, @Nullable String taker, Instant at, @Nullable Instant pausedSince,
                             WorkingCalendar calendar) {
        for (OpenStep step : openSteps(dossierCode, taker)) {
            Timeliness result = StepTiming.result(calendar, step.dueAt(), step.startedAt(), pausedSince, at);
            jdbc.sql("""
                            UPDATE handoff SET state = 'DONE', completed_at = ?, result = ?,
                                deadline_state = CASE WHEN ? = 'LATE' THEN 'OVERDUE' ELSE deadline_state END
                            WHERE id = ?""")
                    .params(utc(at), result == null ? null : result.name(), result == null ? "" : result.name(), step.id())
                    .update();
        }
    }

    /** One row per taker: the step it must do, counted from the cut-off-adjusted hand-off time. */
    private void openSteps(Envelope envelope, Instant givenAt, WorkingCalendar calendar) {
        DossierReference dossier = envelope.dossier();
        Step step = dossier.step();
        AllowedTime allowed = step == null ? null : step.allowedTime();
        Instant startedAt = StepTiming.start(calendar, givenAt);
        Instant dueAt = StepTiming.due(calendar, startedAt, allowed);
        for (Party taker : envelope.recipients()) {
            jdbc.sql("""
                            INSERT INTO handoff (dossier_code, envelope_id, kind, step_name, allowed_amount, allowed_unit,
                                                 giver, giver_officer, taker, taker_officer, given_at, started_at, due_at,
                                                 note)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(dossier.code(), envelope.id(), envelope.kind().name(), step == null ? null : step.name(),
                            allowed == null ? null : allowed.amount(), allowed == null ? null : allowed.unit().name(),
                            envelope.sender().agency().value(), envelope.sender().officer(),
                            taker.agency().value(), taker.officer(), utc(givenAt), utc(startedAt), utc(dueAt),
                            dossier.note())
                    .update();
        }
    }

    /**
     * A later promised date from an agency is the new date of an apology slip: it settles the
     * agency's debt. The dossier is still judged against the date first promised.
     */
    private void reschedule(Dossier dossier, DossierReference reference, String agency, Instant at) {
        OffsetDateTime stated = reference.promisedReturnAt();
        if (stated == null || dossier.promisedReturnAt() == null || stated.toInstant().equals(dossier.promisedReturnAt())) {
            return;
        }
        jdbc.sql("UPDATE dossier SET rescheduled_return_at = ? WHERE code = ?")
                .params(utc(stated.toInstant()), dossier.code())
                .update();
        apologies.issue(dossier.code(), agency, stated.toInstant(), at);
    }

    static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable DossierStatus status(ResultSet rs, int column) throws SQLException {
        int code = rs.getInt(column);
        return rs.wasNull() ? null : DossierStatus.ofCode(code);
    }
}
