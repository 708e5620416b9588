package vn.lienthong.client.evidence;

import java.util.List;

/**
 * The outcome of one check.
 *
 * @param summary what was checked and found, when the check passed, was skipped or carries a note
 * @param findings what failed; empty unless {@code status} is {@link Status#FAILED}
 */
public record CheckResult(Check check, Status status, String summary, List<Finding> findings) {

    /** How a check ended. */
    public enum Status {
        /** Every part of the check passed. */
        OK,
        /** The check passed, with something the reader must know (trust resting on the bundle's own certificate). */
        NOTE,
        /** The check could not run, because something it needs failed or is missing; that is reported elsewhere. */
        SKIPPED,
        /** At least one finding. */
        FAILED
    }

    public CheckResult {
        findings = List.copyOf(findings);
    }
}
