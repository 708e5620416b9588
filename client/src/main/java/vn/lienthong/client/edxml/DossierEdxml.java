package vn.lienthong.client.edxml;

import java.time.ZoneId;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.client.ContractSchema;
import vn.lienthong.xml.SecureXml;

/**
 * Converts a lienthong dossier envelope to the edXML document that carries the same dossier
 * traffic, and back (docs/EDXML.md gives the mapping field by field, and what does not survive).
 * Both directions validate what they read and what they write against the public schemas, and
 * write unsigned documents: the sender signs the result ({@code lienthong sign} puts an edXML
 * signature in {@code edXMLHeader}, where QCVN 102:2016 wants it).
 *
 * <p>An envelope converted to edXML and back equals the original in every field.
 */
public final class DossierEdxml {

    /** The namespace of QCVN 102:2016 edXML. */
    public static final String EDXML_NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
    /** The namespace of lienthong envelopes, version 1. */
    public static final String ENVELOPE_NAMESPACE = "urn:lienthong:envelope:v1";
    /** The edXML {@code ApplicationType} that marks dossier traffic. */
    public static final String DOSSIER_APPLICATION_TYPE = "lienthong-dossier";
    /** The attachment that carries the dossier: its {@code ContentId}, {@code ContentType} and {@code AttachmentName}. */
    public static final String DOSSIER_CONTENT_ID = "cid:lienthong-dossier";
    public static final String DOSSIER_CONTENT_TYPE = "application/vnd.lienthong.dossier+xml";
    public static final String DOSSIER_ATTACHMENT_NAME = "dossier.xml";
    /** edXML writes Vietnam's wall-clock time, without an offset. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final EnvelopeToEdxml toEdxml;
    private final EdxmlToEnvelope toEnvelope;

    public DossierEdxml() {
        ContractSchema envelopeSchema = ContractSchema.load("envelope-v1.xsd");
        ContractSchema edxmlSchema = ContractSchema.load("edxml-v1.xsd");
        this.toEdxml = new EnvelopeToEdxml(envelopeSchema, edxmlSchema);
        this.toEnvelope = new EdxmlToEnvelope(new SecureXml(), envelopeSchema, edxmlSchema);
    }

    /**
     * @param dossierEnvelope a valid envelope, signed or not (its signature does not carry over)
     * @return a new, unsigned edXML document; the input is not changed
     * @throws EdxmlConversionException when the input is not a valid envelope, or has a
     *         component stored by reference or whose content contradicts its size or SHA-256
     */
    public Document toEdxml(Document dossierEnvelope) {
        return toEdxml.convert(dossierEnvelope);
    }

    /**
     * @param edxml a valid edXML document carrying lienthong dossier traffic, signed or not
     * @return a new, unsigned envelope; the input is not changed
     * @throws EdxmlConversionException when the input is not valid edXML, not dossier traffic,
     *         its dossier attachment is missing or invalid, or what it says does not make a
     *         valid envelope (a {@code DocumentId} that is no envelope id, say)
     */
    public Document toEnvelope(Document edxml) {
        return toEnvelope.convert(edxml);
    }

    /** True when {@code root} is an edXML document element. */
    public static boolean isEdxml(Element root) {
        return "edXML".equals(root.getLocalName()) && EDXML_NAMESPACE.equals(root.getNamespaceURI());
    }

    /** Where edXML puts its enveloped signature: {@code edXMLEnvelope/edXMLHeader}; empty when the document is not edXML or lacks it. */
    public static Optional<Element> signatureParent(Document document) {
        Element root = document.getDocumentElement();
        if (!isEdxml(root)) {
            return Optional.empty();
        }
        Elements edxml = new Elements(EDXML_NAMESPACE);
        return Optional.ofNullable(edxml.optionalChild(edxml.optionalChild(root, "edXMLEnvelope"), "edXMLHeader"));
    }
}
