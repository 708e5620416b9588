package vn.lienthong.core.edxml;

/** Where an edXML document stands after the revisions its sender sent (BussinessDocType). */
public enum DocumentState {
    /** Sent as new (0) and not revised since. */
    ACTIVE,
    /** Revoked by its sender (1, thu hồi). */
    REVOKED,
    /** Updated by its sender (2, cập nhật); the latest revision is the one in force. */
    UPDATED,
    /** Replaced (3, thay thế), by a new revision of itself or by another document naming it. */
    REPLACED;

    static DocumentState after(BusinessDocType revision) {
        return switch (revision) {
            case NEW -> ACTIVE;
            case REVOKE -> REVOKED;
            case UPDATE -> UPDATED;
            case REPLACE -> REPLACED;
        };
    }
}
