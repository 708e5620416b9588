package vn.lienthong.example.department;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import vn.lienthong.client.envelope.EnvelopeKind;
import vn.lienthong.example.department.DepartmentProperties.HandOn;
import vn.lienthong.example.department.DepartmentProperties.Result;

/**
 * The department's decisions, without Spring or the network: for each envelope it takes, what
 * it sends at once and what once it has worked on the dossier. It remembers which agency gave
 * it each dossier it holds, so that the result goes back there. A real system keeps that in
 * its database; this one forgets it on restart.
 */
public final class Caseload {

    /** National status 4: being processed (đang xử lý). */
    static final int BEING_PROCESSED = 4;

    /** What to send for one envelope taken. */
    public record Work(List<OutgoingEnvelope> now, List<OutgoingEnvelope> afterProcessing) {
        static final Work NONE = new Work(List.of(), List.of());
    }

    private final String agency;
    private final @Nullable String officer;
    private final @Nullable HandOn handOn;
    private final Result result;
    private final Supplier<String> envelopeIds;
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    private final Map<String, String> givers = new ConcurrentHashMap<>();

    /** @param envelopeIds a fresh envelope id at each call */
    public Caseload(DepartmentProperties settings, Supplier<String> envelopeIds) {
        this.agency = settings.agency();
        this.officer = settings.officer();
        this.handOn = settings.handOn();
        this.result = settings.result();
        this.envelopeIds = envelopeIds;
    }

    /**
     * A hand-off is reported as being processed to its giver at once, and after processing
     * handed on or answered with the result; a result from the agency it was handed on to goes
     * back, as this department's result, to the agency that gave it the dossier. Anything else,
     * and any envelope taken before (the gateway sends again when it did not see the answer),
     * asks for nothing.
     */
    public Work taken(IncomingEnvelope envelope) {
        if (!taken.add(envelope.envelopeId())) {
            return Work.NONE;
        }
        return switch (envelope.kind()) {
            case HANDOFF -> handoffTaken(envelope);
            case RESULT -> resultTaken(envelope);
            default -> Work.NONE;
        };
    }

    private Work handoffTaken(IncomingEnvelope handoff) {
        givers.put(handoff.dossierCode(), handoff.sender());
        OutgoingEnvelope processing = envelope(EnvelopeKind.STATUS, handoff.sender(), handoff)
                .status(BEING_PROCESSED).note("Đã tiếp nhận, đang xử lý").build();
        if (handOn != null) {
            return new Work(List.of(processing), List.of(envelope(EnvelopeKind.HANDOFF, handOn.to(), handoff)
                    .step(handOn.step()).note(handOn.note()).build()));
        }
        givers.remove(handoff.dossierCode());
        return new Work(List.of(processing), List.of(resultFor(handoff.sender(), handoff)));
    }

    private Work resultTaken(IncomingEnvelope answer) {
        if (handOn == null || !handOn.to().equals(answer.sender())) {
            return Work.NONE;
        }
        String giver = givers.remove(answer.dossierCode());
        return giver == null ? Work.NONE : new Work(List.of(), List.of(resultFor(giver, answer)));
    }

    private OutgoingEnvelope resultFor(String to, IncomingEnvelope answering) {
        return envelope(EnvelopeKind.RESULT, to, answering).step(result.step()).status(result.status()).note(result.note())
                .build();
    }

    private Draft envelope(EnvelopeKind kind, String to, IncomingEnvelope answering) {
        return new Draft(kind, to, answering);
    }

    /** Collects the optional fields of one outgoing envelope. */
    private final class Draft {
        private final EnvelopeKind kind;
        private final String to;
        private final IncomingEnvelope answering;
        private DepartmentProperties.@Nullable Step step;
        private @Nullable Integer status;
        private @Nullable String note;

        Draft(EnvelopeKind kind, String to, IncomingEnvelope answering) {
            this.kind = kind;
            this.to = to;
            this.answering = answering;
        }

        Draft step(DepartmentProperties.@Nullable Step value) {
            step = value;
            return this;
        }

        Draft status(@Nullable Integer value) {
            status = value;
            return this;
        }

        Draft note(@Nullable String value) {
            note = value;
            return this;
        }

        OutgoingEnvelope build() {
            return new OutgoingEnvelope(envelopeIds.get(), kind, agency, officer, to, answering.envelopeId(),
                    answering.dossierCode(), answering.procedureCode(), step, status, note);
        }
    }
}
