package vn.lienthong.core.edxml;

/**
 * What a document does to earlier ones: {@code Bussiness/BussinessDocType} (spelled so in the
 * standard). A document without a {@code Bussiness} block is new.
 */
public enum BusinessDocType {
    /** Văn bản mới: a new document. */
    NEW(0),
    /** Thu hồi: takes an earlier document back. */
    REVOKE(1),
    /** Cập nhật: corrects an earlier document. */
    UPDATE(2),
    /** Thay thế: replaces earlier documents ({@code ReplacementInfoList} names them). */
    REPLACE(3);

    private final int code;

    BusinessDocType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code outside 0–3, which edxml-v1.xsd refuses */
    public static BusinessDocType ofCode(int code) {
        for (BusinessDocType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("BussinessDocType " + code + " is not 0-3");
    }
}
