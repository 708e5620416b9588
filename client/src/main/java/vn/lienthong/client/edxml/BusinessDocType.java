package vn.lienthong.client.edxml;

/**
 * What a document message does ({@code Bussiness/BussinessDocType}): a new document, or a
 * revision of one sent before under the same {@code DocumentId} (docs/EDXML.md: the gateway
 * refuses a revision of a document it never carried).
 */
public enum BusinessDocType {
    NEW("0"),
    /** Thu hồi: the sender takes the document back. */
    REVOKE("1"),
    /** Cập nhật. */
    UPDATE("2"),
    /** Thay thế: replaces the document, and those its replacement info names. */
    REPLACE("3");

    private final String code;

    BusinessDocType(String code) {
        this.code = code;
    }

    /** The digit edXML writes. */
    public String code() {
        return code;
    }
}
