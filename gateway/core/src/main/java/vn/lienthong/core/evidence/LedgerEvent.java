package vn.lienthong.core.evidence;

/** What a ledger entry records; the names are part of the evidence format (docs/EVIDENCE.md). */
public enum LedgerEvent {
    /** The gateway accepted an envelope of the dossier. */
    ACCEPTED,
    /** A recipient took an envelope: push acknowledged or pull acknowledged. */
    TAKEN,
    /** A step or the dossier went past its due time. */
    OVERDUE,
    /** An agency owes the applicant an apology and new-date slip. */
    APOLOGY_OWED
}
