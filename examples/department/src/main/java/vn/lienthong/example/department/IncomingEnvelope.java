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

    /** The envelope kinds this department acts on; the others it only takes. */
    public enum Kind { HANDOFF, RESULT, OTHER }

    /** Reads a signed dossier envelope as the gateway delivered it. */
    public static IncomingEnvelope read(byte[] envelope) {
        Document document = new SecureXml().parse(envelope);
        Element root = document.getDocumentElement();
        if (!"Envelope".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new IllegalArgumentException("not a lienthong dossier envelope: " + root.getNodeName());
        }
        String kind = text(root, "Kind");
        return new IncomingEnvelope(text(root, "EnvelopeId"),
                switch (kind) {
                    case "handoff" -> Kind.HANDOFF;
                    case "result" -> Kind.RESULT;
                    default -> Kind.OTHER;
                },
                text(root, "From"), text(root, "Code"), text(root, "ProcedureCode"));
    }

    private static String text(Element root, String name) {
        NodeList nodes = root.getElementsByTagNameNS(NAMESPACE, name);
        if (nodes.getLength() == 0) {
            throw new IllegalArgumentException("the envelope has no " + name);
        }
        return nodes.item(0).getTextContent().strip();
    }
}
