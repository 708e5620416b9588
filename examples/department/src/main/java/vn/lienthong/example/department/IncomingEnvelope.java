package vn.lienthong.example.department;

import java.util.Arrays;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.lienthong.client.envelope.DossierEnvelope;
import vn.lienthong.client.envelope.EnvelopeKind;
import vn.lienthong.xml.SecureXml;

/**
 * What the department reads from an envelope it takes: who sent which kind of envelope about
 * which dossier. The gateway has already checked the envelope against its schema and verified
 * the sender's signature.
 */
public record IncomingEnvelope(String envelopeId, EnvelopeKind kind, String sender, String dossierCode,
                               String procedureCode) {

    private static final String NAMESPACE = DossierEnvelope.NAMESPACE;

    /** Reads a signed dossier envelope as the gateway delivered it. */
    public static IncomingEnvelope read(byte[] envelope) {
        Document document = new SecureXml().parse(envelope);
        Element root = document.getDocumentElement();
        if (!"Envelope".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new IllegalArgumentException("not a lienthong dossier envelope: " + root.getNodeName());
        }
        return new IncomingEnvelope(text(root, "EnvelopeId"), kind(text(root, "Kind")), text(root, "From"),
                text(root, "Code"), text(root, "ProcedureCode"));
    }

    private static EnvelopeKind kind(String value) {
        return Arrays.stream(EnvelopeKind.values()).filter(kind -> kind.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown envelope kind '" + value + "'"));
    }

    private static String text(Element root, String name) {
        NodeList nodes = root.getElementsByTagNameNS(NAMESPACE, name);
        if (nodes.getLength() == 0) {
            throw new IllegalArgumentException("the envelope has no " + name);
        }
        return nodes.item(0).getTextContent().strip();
    }
}
