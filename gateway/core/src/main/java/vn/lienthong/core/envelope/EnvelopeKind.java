package vn.lienthong.core.envelope;

import java.util.Arrays;

/** What an envelope does to its dossier; the XML spells each in lower case with hyphens. */
public enum EnvelopeKind {
    /** Giao: hand the dossier to the next agency for processing. */
    HANDOFF("handoff", true),
    /** A status report (national status code 1–10); the dossier does not move. */
    STATUS("status", false),
    /** Ask for missing papers; the dossier's clock stops. */
    SUPPLEMENTATION_REQUEST("supplementation-request", true),
    /** The applicant supplied them; the clock runs again. */
    SUPPLEMENTATION("supplementation", true),
    /** A step is finished and its result goes back. */
    RESULT("result", true),
    /** The dossier goes back without a result. */
    RETURN("return", true),
    /** An edXML official document outside any dossier (văn bản điện tử). */
    DOCUMENT("document", false),
    /** An edXML status message about a document: arrived, accepted, processing… */
    DOCUMENT_STATUS("document-status", false);

    private final String xmlName;
    private final boolean movesDossier;

    EnvelopeKind(String xmlName, boolean movesDossier) {
        this.xmlName = xmlName;
        this.movesDossier = movesDossier;
    }

    public String xmlName() {
        return xmlName;
    }

    /** True when the dossier changes hands, so the hand-off ledger gets a row per recipient. */
    public boolean movesDossier() {
        return movesDossier;
    }

    public static EnvelopeKind fromXml(String name) {
        return Arrays.stream(values()).filter(k -> k.xmlName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown envelope kind " + name));
    }
}
