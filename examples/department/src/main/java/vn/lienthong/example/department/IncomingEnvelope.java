package vn.lienthong.example.department;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.lienthong.xml.SecureXml;

/**
 * What the department reads from an envelope it takes: who sent which kind of envelope about
 * which dossier. The gateway has already checked the envelope against its schema and verified
 * the sender's signature.
 */
public record IncomingEnvelope(String envelopeId, Kind kind, String sender, String dossierCode, String procedureCode) {

    static final String NAMESPACE = "urn:lienthong:envelope:v1";

    /** The envelope kinds of envelope-v1.xsd; the department acts on hand-offs and results. */
    public enum Kind {
        HANDOFF("handoff"), STATUS("status"), SUPPLEMENTATION_REQUEST("supplementation-request"),
        SUPPLEMENTATION("supplementation"), RESULT("result"), RETURN("return");

        private final String xml;

        Kind(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }

        static Kind of(String xml) {
            for (Kind kind : values()) {
                if (kind.xml.equals(xml)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown envelope kind '" + xml + "'");
        }
    }

    /** Reads a signed dossier envelope as the gateway delivered it. */
    public static IncomingEnvelope read(byte[] envelope) {
        Document document = new SecureXml().parse(envelope);
        Element root = document.getDocumentElement();
        if (!"Envelope".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new IllegalArgumentException("not a lienthong dossier envelope: " + root.getNodeName());
        }
        return new IncomingEnvelope(text(root, "EnvelopeId"), Kind.of(text(root, "Kind")), text(root, "From"),
                text(root, "Code"), text(root, "ProcedureCode"));
    }

    private static String text(Element root, String name) {
        NodeList nodes = root.getElementsByTagNameNS(NAMESPACE, name);
        if (nodes.getLength() == 0) {
            throw new IllegalArgumentException("the envelope has no " + name);
        }
        return nodes.item(0).getTextContent().strip();
    }
}
