package vn.lienthong.core.access;

/** What a caller may do beyond its own agency's business. */
public enum Role {
    /** An agency: sends as itself, reads its own inbox, sees what it took part in. */
    AGENCY,
    /** An operator of the gateway: reads every envelope and dossier. */
    OPERATOR,
    /** An administrator: what an operator does, and manages agencies and dead letters. */
    ADMIN
}
