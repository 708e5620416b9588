package vn.lienthong.core.envelope;

import com.fasterxml.jackson.annotation.JsonValue;

/** The XML vocabulary an envelope is written in; both travel the same path. */
public enum EnvelopeFormat {
    /** The gateway's own dossier envelope, {@code urn:lienthong:envelope:v1}. */
    LIENTHONG("lienthong-v1"),
    /** An edXML document or status message (QCVN 102:2016). */
    EDXML("edxml");

    private final String code;

    EnvelopeFormat(String code) {
        this.code = code;
    }

    /** How the format is named in the database, in transport headers and in JSON. */
    @JsonValue
    public String code() {
        return code;
    }

    public static EnvelopeFormat ofCode(String code) {
        for (EnvelopeFormat format : values()) {
            if (format.code.equals(code)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown envelope format " + code);
    }
}
