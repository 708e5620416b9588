package vn.lienthong.core.tracking;

/**
 * How a step or a dossier stands against its due time, as the deadline watch last marked it.
 * Overdue is for good: a step or dossier that went past its due time stays marked, even when a
 * later pause or a new date moves its due time.
 */
public enum DeadlineState {
    ON_TRACK,
    /** Less working time than the configured warning left before the due time. */
    DUE_SOON,
    OVERDUE
}
