package vn.lienthong.core.tracking;

import org.jspecify.annotations.Nullable;
import vn.lienthong.core.envelope.EnvelopeKind;
import vn.lienthong.core.error.ErrorCode;

/**
 * What an envelope does to its dossier's status. A reported status ({@code Dossier/Status})
 * wins; otherwise the kind implies one: a hand-off means the dossier is being processed, a
 * supplementation request stops the clock (5), the supplied papers put the dossier back where
 * it was, a return stops processing (8), and a step's result changes nothing by itself.
 *
 * <p>The first status the gateway hears for a dossier is taken as it is: the dossier may have
 * lived in department systems before it reached the gateway. After that, only the
 * transitions of {@link DossierStatus#next()} are accepted.
 */
public final class DossierLifecycle {

    private DossierLifecycle() {
    }

    /**
     * @param current the dossier's status now, null if it has none yet
     * @param beforeSupplementation the status the dossier had when supplementation was requested
     * @param reported the national code the envelope reports, if any
     * @return the status after the envelope; null only while the dossier has none
     */
    public static @Nullable DossierStatus next(String dossier, @Nullable DossierStatus current,
                                               @Nullable DossierStatus beforeSupplementation, EnvelopeKind kind,
                                               @Nullable Integer reported) {
        DossierStatus stated = reported == null ? null : DossierStatus.ofCode(reported);
        checkAgreesWithKind(kind, stated);
        DossierStatus target = stated != null ? stated : implied(kind, current, beforeSupplementation);
        if (target == null || current == null) {
            return target;
        }
        boolean keepsStatus = stated == null && target == current;
        if (keepsStatus ? current.endsHandling() : !current.canBecome(target)) {
            throw ErrorCode.DOSSIER_TRANSITION_NOT_ALLOWED.exception(keepsStatus
                            ? "dossier " + dossier + " is " + current + "; a " + kind.xmlName() + " cannot follow"
                            : "dossier " + dossier + " is " + current + "; a " + kind.xmlName() + " cannot make it "
                            + target)
                    .with("currentStatus", current.code()).with("requestedStatus", target.code()).build();
        }
        return target;
    }

    private static @Nullable DossierStatus implied(EnvelopeKind kind, @Nullable DossierStatus current,
                                                   @Nullable DossierStatus beforeSupplementation) {
        return switch (kind) {
            case HANDOFF -> DossierStatus.PROCESSING;
            case SUPPLEMENTATION_REQUEST -> DossierStatus.SUPPLEMENTATION_REQUESTED;
            case SUPPLEMENTATION -> beforeSupplementation != null ? beforeSupplementation : DossierStatus.PROCESSING;
            case RETURN -> DossierStatus.STOPPED;
            case RESULT -> current;
            case STATUS -> throw ErrorCode.DOSSIER_STATUS_MISSING
                    .exception("a status envelope must say the dossier's status in Dossier/Status (1-10)").build();
            case DOCUMENT, DOCUMENT_STATUS -> throw new IllegalArgumentException(kind + " carries no dossier");
        };
    }

    private static void checkAgreesWithKind(EnvelopeKind kind, @Nullable DossierStatus stated) {
        if (stated == null) {
            return;
        }
        if (kind == EnvelopeKind.SUPPLEMENTATION_REQUEST && stated != DossierStatus.SUPPLEMENTATION_REQUESTED) {
            throw ErrorCode.DOSSIER_STATUS_CONFLICT.exception("a supplementation-request sets status 5, not " + stated)
                    .with("requestedStatus", stated.code()).build();
        }
        if (kind == EnvelopeKind.SUPPLEMENTATION && stated == DossierStatus.SUPPLEMENTATION_REQUESTED) {
            throw ErrorCode.DOSSIER_STATUS_CONFLICT
                    .exception("a supplementation ends status 5; it cannot report status 5 again")
                    .with("requestedStatus", stated.code()).build();
        }
    }
}
