package vn.lienthong.rest.slip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.calendar.Timeliness;
import vn.lienthong.core.tracking.DossierStatus;
import vn.lienthong.core.tracking.DossierView;
import vn.lienthong.core.tracking.DossierView.AgencyRef;
import vn.lienthong.core.tracking.DossierView.ApologyOwed;
import vn.lienthong.core.tracking.DossierView.Applicant;
import vn.lienthong.core.tracking.DossierView.Handoff;

/**
 * What the control slip template shows: the dossier view with every value already turned into
 * the text the slip prints (times in the slip's zone, results and kinds in Vietnamese). The
 * template adds only the form's fixed labels and layout; a null value is printed as a dash.
 *
 * @param issuingAgency the reception agency in capitals, for the form's masthead
 * @param movedDueAt the dossier's due time when supplementation waits moved it past the promised time
 */
record ControlSlipPage(String code, @Nullable String issuingAgency, @Nullable String applicantName,
                       @Nullable String applicantAddress, @Nullable String applicantPhone,
                       String procedureCode, @Nullable String procedureName,
                       @Nullable String receivedAt, @Nullable String promisedReturnAt,
                       @Nullable Party handlingAgency, List<Party> cooperatingAgencies, List<Row> rows,
                       @Nullable String status, @Nullable String statusAt, @Nullable String result,
                       @Nullable String movedDueAt, @Nullable String rescheduledReturnAt, boolean paused,
                       int supplementationRequests, @Nullable String closedAt, List<Apology> apologies,
                       String printedAt) {

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    /**
     * An agency as the slip names it: its registered name with the code in small print under it,
     * or the code alone when the gateway knows no name.
     *
     * @param code the code to print under the name; null when {@code name} is the code itself
     */
    record Party(String name, @Nullable String code) {

        static Party of(AgencyRef agency) {
            String name = agency.name();
            return name == null || name.isBlank() ? new Party(agency.code(), null) : new Party(name, agency.code());
        }

        /** "name (code)", for the header lines. */
        public String label() {
            return code == null ? name : name + " (" + code + ")";
        }
    }

    /**
     * One hand-off row.
     *
     * @param takenAt null while the taker has not taken the dossier
     * @param late true when the step's result is late, which the slip prints in bold
     * @param resultDetails under the result: the due time and deadline warning of an open step
     * @param notes the lines of the note column
     */
    record Row(Party giver, @Nullable String giverOfficer, String givenAt, Party taker,
               @Nullable String takerOfficer, @Nullable String takenAt, String result, boolean late,
               List<String> resultDetails, List<String> notes, String envelopeId) {
    }

    /** An apology and new-date slip owed, with when it was sent and the new date, once sent. */
    record Apology(Party agency, String reason, String owedAt, @Nullable String issuedAt,
                   @Nullable String newReturnAt) {
    }

    static ControlSlipPage of(DossierView dossier, Instant printedAt, SlipTimes times) {
        Applicant applicant = dossier.applicant();
        AgencyRef reception = dossier.receptionAgency();
        AgencyRef handling = dossier.handlingAgency();
        DossierStatus status = dossier.status();
        Timeliness result = dossier.result();
        Instant dueAt = dossier.dueAt();
        boolean dueMoved = dueAt != null && !dueAt.equals(dossier.promisedReturnAt());
        return new ControlSlipPage(dossier.code(),
                reception == null ? null : Party.of(reception).name().toUpperCase(VIETNAMESE),
                applicant == null ? null : applicant.name(),
                applicant == null ? null : applicant.address(),
                applicant == null ? null : applicant.phone(),
                dossier.procedureCode(), dossier.procedureName(),
                spelled(times, dossier.receivedAt()), spelled(times, dossier.promisedReturnAt()),
                handling == null ? null : Party.of(handling),
                dossier.cooperatingAgencies().stream().map(Party::of).toList(),
                dossier.handoffs().stream().map(handoff -> row(handoff, times)).toList(),
                status == null ? null : status.code() + " – " + status.vietnamese(),
                compact(times, dossier.statusAt()),
                result == null ? null : SlipWording.timeliness(result),
                dueMoved ? times.spelled(dueAt) : null,
                spelled(times, dossier.rescheduledReturnAt()),
                dossier.paused(), dossier.supplementationRequests(),
                compact(times, dossier.closedAt()),
                dossier.apologies().stream().map(apology -> apology(apology, times)).toList(),
                times.spelled(printedAt));
    }

    private static Row row(Handoff handoff, SlipTimes times) {
        Timeliness result = handoff.result();
        String resultText;
        List<String> details = new ArrayList<>(2);
        if (result != null) {
            resultText = SlipWording.timeliness(result);
        } else if (handoff.allowedTime() == null || !handoff.state().isOpen()) {
            resultText = "—";
        } else {
            resultText = "Đang giải quyết";
            Instant due = handoff.dueAt();
            if (due != null) {
                details.add("hạn: " + times.compact(due));
            }
            String warning = SlipWording.deadline(handoff.deadline());
            if (warning != null) {
                details.add(warning);
            }
        }
        return new Row(Party.of(handoff.giver()), handoff.giverOfficer(), times.spelled(handoff.givenAt()),
                Party.of(handoff.taker()), handoff.takerOfficer(), spelled(times, handoff.takenAt()),
                resultText, result == Timeliness.LATE, details, SlipWording.notes(handoff), handoff.envelopeId());
    }

    private static Apology apology(ApologyOwed owed, SlipTimes times) {
        return new Apology(Party.of(owed.agency()), owed.reason(), times.compact(owed.owedAt()),
                compact(times, owed.issuedAt()), compact(times, owed.newReturnAt()));
    }

    private static @Nullable String spelled(SlipTimes times, @Nullable Instant at) {
        return at == null ? null : times.spelled(at);
    }

    private static @Nullable String compact(SlipTimes times, @Nullable Instant at) {
        return at == null ? null : times.compact(at);
    }
}
