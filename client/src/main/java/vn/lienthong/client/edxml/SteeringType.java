package vn.lienthong.client.edxml;

/** Whether the document directs the recipients ({@code SteeringType}). */
public enum SteeringType {
    NONE("0"),
    /** Văn bản chỉ đạo. */
    STEERING("1"),
    /** Chỉ đạo, the recipients report back. */
    STEERING_WITH_REPORT("2");

    private final String code;

    SteeringType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
