package vn.lienthong.core.tracking;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A dossier and every hand-off it went through, oldest first: the data of the control slip. */
public record DossierTimeline(String code, String procedureCode, @Nullable String procedureName,
                              @Nullable String applicantName, @Nullable Instant receivedAt,
                              @Nullable Instant promisedReturnAt, Instant firstSeenAt, List<Handoff> handoffs) {

    /**
     * One hand-off: who gave, who took, when each side happened.
     *
     * @param takenAt null while the taker has not taken the dossier yet
     */
    public record Handoff(String envelopeId, String kind, @Nullable String step, @Nullable Integer allowedAmount,
                          @Nullable String allowedUnit, String giver, @Nullable String giverOfficer, String taker,
                          @Nullable String takerOfficer, Instant givenAt, @Nullable Instant takenAt) {
    }

    public DossierTimeline {
        handoffs = List.copyOf(handoffs);
    }

    /** True when the agency gave or took any hand-off of this dossier. */
    public boolean involves(String agency) {
        return handoffs.stream().anyMatch(h -> h.giver().equals(agency) || h.taker().equals(agency));
    }
}
