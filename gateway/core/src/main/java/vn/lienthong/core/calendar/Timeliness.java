package vn.lienthong.core.calendar;

/**
 * The outcome of a step or a dossier against its deadline, as the dossier control slip and
 * the national portal report it.
 */
public enum Timeliness {
    /** Trước hạn: finished on a day before the promised day. */
    EARLY,
    /** Đúng hạn: finished on the promised day, by the due instant. */
    ON_TIME,
    /** Quá hạn: finished after the due instant. */
    LATE
}
