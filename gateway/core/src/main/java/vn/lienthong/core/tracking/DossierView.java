package vn.lienthong.core.tracking;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.calendar.Timeliness;
import vn.lienthong.core.envelope.AllowedTime;

/**
 * Everything the gateway knows about one dossier: its status and history, every hand-off with
 * its result, and the apology slips owed. The answer to {@code GET /dossiers/{code}} and the
 * content of the control slip.
 *
 * @param dueAt the promised return time moved on by the working time spent waiting for
 *        supplementation; what the dossier's timeliness is judged against
 * @param rescheduledReturnAt the new date an apology slip promised, if any; the dossier is
 *        still judged against {@code dueAt}
 * @param receptionAgency the agency that handed the dossier on first (the desk, usually)
 * @param handlingAgency the agency the reception desk handed it to
 * @param cooperatingAgencies every other agency that took part, in order of appearance
 * @param paused true while the applicant is asked for papers (status 5): the clock stands still
 * @param closedAt when the dossier's handling ended (status 3, 7, 8, 9 or 10)
 * @param result early, on time or late, once the dossier is processed (9) or returned (10)
 */
public record DossierView(String code, String procedureCode, @Nullable String procedureName,
                          @Nullable Applicant applicant, @Nullable Instant receivedAt,
                          @Nullable Instant promisedReturnAt, @Nullable Instant rescheduledReturnAt,
                          @Nullable Instant dueAt, @Nullable DossierStatus status, @Nullable Instant statusAt,
                          @Nullable AgencyRef receptionAgency, @Nullable AgencyRef handlingAgency,
                          List<AgencyRef> cooperatingAgencies, boolean paused, int supplementationRequests,
                          DeadlineState deadline, @Nullable Instant closedAt, @Nullable Timeliness result,
                          Instant firstSeenAt, List<StatusChange> statusHistory, List<Handoff> handoffs,
                          List<ApologyOwed> apologies) {

    public DossierView {
        cooperatingAgencies = List.copyOf(cooperatingAgencies);
        statusHistory = List.copyOf(statusHistory);
        handoffs = List.copyOf(handoffs);
        apologies = List.copyOf(apologies);
    }

    /** An agency by code, with its registered name when the gateway knows it. */
    public record AgencyRef(String code, @Nullable String name) {
    }

    /** The applicant as the control slip shows them: no identity number, no e-mail. */
    public record Applicant(String name, @Nullable String address, @Nullable String phone) {
    }

    /**
     * One status the dossier took.
     *
     * @param reportedBy the agency whose envelope set it
     */
    public record StatusChange(DossierStatus status, @Nullable DossierStatus previous, Instant at, String reportedBy,
                               String envelopeId, @Nullable String note) {
    }

    /**
     * One hand-off: a row of the control slip. The step is the work the taker does with the
     * dossier; its result is settled when the taker hands the dossier on.
     *
     * @param kind the envelope's kind as the XML spells it: handoff, supplementation-request, …
     * @param startedAt when the step's working time started counting (the 15:00 cut-off applied)
     * @param dueAt when the step is due, moved on by supplementation waits; null without an allowed time
     * @param completedAt when the taker handed the dossier on, or its handling ended
     * @param result early, on time or late, once done and when the step had an allowed time
     */
    public record Handoff(long id, String dossierCode, String envelopeId, String kind, @Nullable String step,
                          @Nullable AllowedTime allowedTime, AgencyRef giver, @Nullable String giverOfficer,
                          AgencyRef taker, @Nullable String takerOfficer, Instant givenAt, @Nullable Instant takenAt,
                          Instant startedAt, @Nullable Instant dueAt, @Nullable Instant completedAt,
                          HandoffState state, DeadlineState deadline, @Nullable Timeliness result,
                          @Nullable String note) {
    }

    /**
     * An apology and new-date slip (Phiếu xin lỗi và hẹn lại ngày trả kết quả) that an agency
     * owes because the dossier is or will be late.
     *
     * @param issuedAt when the agency sent the new date (an envelope with a new PromisedReturnAt)
     */
    public record ApologyOwed(AgencyRef agency, String reason, Instant owedAt, @Nullable Instant issuedAt,
                              @Nullable Instant newReturnAt) {
    }
}
