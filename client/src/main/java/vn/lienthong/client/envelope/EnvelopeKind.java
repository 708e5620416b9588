package vn.lienthong.client.envelope;

/** What an envelope does to its dossier: the {@code Kind} values of {@code envelope-v1.xsd}. */
public enum EnvelopeKind {
    /** Giao: the dossier is handed to the next agency for processing. */
    HANDOFF("handoff"),
    /** A national status (1–10) about the dossier; the status is required. */
    STATUS("status"),
    /** Bổ sung hồ sơ: the applicant must supply missing papers; the clock stops. */
    SUPPLEMENTATION_REQUEST("supplementation-request"),
    /** The applicant supplied them; the clock runs again. */
    SUPPLEMENTATION("supplementation"),
    /** The agency finished its step and hands the result back. */
    RESULT("result"),
    /** The dossier goes back without a result (refused, not accepted, withdrawn). */
    RETURN("return");

    private final String value;

    EnvelopeKind(String value) {
        this.value = value;
    }

    /** As written in the envelope, such as {@code handoff}. */
    public String value() {
        return value;
    }
}
