package vn.lienthong.client.edxml;

/**
 * The status codes of QCVN 102:2016 (shared/domain/edxml.md). Recipients report 01–06, 15 and
 * 16 to the sender; the sender asks 13 of a recipient. Another code can still be sent as text
 * ({@link EdxmlStatus.Builder#statusCode(String)}): the gateway keeps unknown codes.
 */
public enum EdxmlStatusCode {
    /** Đã đến: the receiving system has it, no clerk has handled it yet. */
    ARRIVED("01"),
    /** Từ chối tiếp nhận. */
    REFUSED("02"),
    /** Tiếp nhận, vào sổ: accepted and registered. */
    ACCEPTED("03"),
    /** Phân công xử lý. */
    ASSIGNED("04"),
    /** Đang xử lý. */
    PROCESSING("05"),
    /** Hoàn thành. */
    FINISHED("06"),
    /** The sender asks to take the document back or change it. */
    RECALL_REQUESTED("13"),
    /** That request is granted. */
    RECALL_GRANTED("15"),
    /** That request is refused. */
    RECALL_REFUSED("16");

    private final String code;

    EdxmlStatusCode(String code) {
        this.code = code;
    }

    /** The two digits edXML writes. */
    public String code() {
        return code;
    }
}
