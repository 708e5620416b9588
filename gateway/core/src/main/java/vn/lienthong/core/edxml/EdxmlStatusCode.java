package vn.lienthong.core.edxml;

import java.util.Optional;

/**
 * The status codes of QCVN 102:2016 that the gateway knows. A status message with another
 * code is kept and passed on as it came: {@link EdxmlMessage#statusCode()} holds the text.
 */
public enum EdxmlStatusCode {
    ARRIVED("01", "arrived: the receiving system has it, no clerk has handled it yet"),
    REFUSED("02", "refused"),
    ACCEPTED("03", "accepted and registered"),
    ASSIGNED("04", "assigned for handling"),
    PROCESSING("05", "being processed"),
    FINISHED("06", "processing finished"),
    RECALL_REQUESTED("13", "the sender asks to take the document back or change it"),
    RECALL_GRANTED("15", "the request to take back or change is granted"),
    RECALL_REFUSED("16", "the request to take back or change is refused");

    private final String code;
    private final String meaning;

    EdxmlStatusCode(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The two digits the standard writes. */
    public String code() {
        return code;
    }

    /** A short English explanation, for logs and listings. */
    public String meaning() {
        return meaning;
    }

    /**
     * The known status a code stands for. Codes are compared as numbers, so {@code 5} is
     * {@code 05}: systems that drop the leading zero mean the same status.
     */
    public static Optional<EdxmlStatusCode> of(String code) {
        String digits = code.strip();
        if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int value = Integer.parseInt(digits);
        for (EdxmlStatusCode status : values()) {
            if (Integer.parseInt(status.code) == value) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
