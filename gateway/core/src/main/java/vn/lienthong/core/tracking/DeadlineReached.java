package vn.lienthong.core.tracking;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Published when the deadline watch marks a step or a dossier due soon or overdue, for
 * whatever must react: alerts, the national portal.
 *
 * @param envelopeId the hand-off envelope, for a step
 * @param agencies who holds the step, or who is at fault for the dossier
 */
public record DeadlineReached(Scope scope, DeadlineState state, String dossierCode, @Nullable String envelopeId,
                              List<String> agencies, Instant dueAt, Instant markedAt) {

    public enum Scope { STEP, DOSSIER }

    public DeadlineReached {
        agencies = List.copyOf(agencies);
    }
}
