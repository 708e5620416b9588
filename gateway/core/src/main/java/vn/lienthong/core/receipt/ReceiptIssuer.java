package vn.lienthong.core.receipt;

import java.time.Instant;
import javax.xml.XMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.core.envelope.Party;
import vn.lienthong.signature.DigestAlgorithm;
import vn.lienthong.xml.SecureXml;

/** Builds and signs the receipt for an accepted envelope (receipt-v1.xsd). */
public final class ReceiptIssuer {

    public static final String NAMESPACE = "urn:lienthong:receipt:v1";

    private final GatewayIdentity identity;

    public ReceiptIssuer(GatewayIdentity identity) {
        this.identity = identity;
    }

    public Receipt issue(Envelope envelope, EnvelopeBytes bytes, Instant receivedAt) {
        Document document = SecureXml.newDocument();
        Element root = document.createElementNS(NAMESPACE, "Receipt");
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", NAMESPACE);
        document.appendChild(root);
        append(root, "EnvelopeId", envelope.id());
        append(root, "Sender", envelope.sender().agency().value());
        for (Party recipient : envelope.recipients()) {
            append(root, "Recipient", recipient.agency().value());
        }
        if (envelope.dossier() != null) {
            append(root, "DossierCode", envelope.dossier().code());
        }
        append(root, "ReceivedAt", receivedAt.toString());
        append(root, "EnvelopeDigest", bytes.sha256()).setAttribute("algorithm", DigestAlgorithm.SHA256.uri());
        append(root, "EnvelopeSize", Long.toString(bytes.size()));
        append(root, "Gateway", identity.gatewayId());
        identity.signer().sign(document);
        return new Receipt(envelope.id(), SecureXml.serialize(document), false);
    }

    private static Element append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElementNS(NAMESPACE, name);
        child.setTextContent(text);
        parent.appendChild(child);
        return child;
    }
}
