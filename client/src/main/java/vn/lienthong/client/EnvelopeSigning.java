package vn.lienthong.client;

import java.nio.charset.StandardCharsets;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.client.edxml.DossierEdxml;
import vn.lienthong.signature.EnvelopedSigner;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.xml.SecureXml;

/**
 * Signs an envelope the way the gateway verifies it: one enveloped signature over the whole
 * document, as the last child of the document element; in an edXML document, as the last
 * child of {@code edXMLHeader}, where QCVN 102:2016 puts it.
 */
public final class EnvelopeSigning {

    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    private final SecureXml xml = new SecureXml();
    private final EnvelopedSigner signer;

    public EnvelopeSigning(SigningKey key) {
        this.signer = new EnvelopedSigner(key);
    }

    /** @return the signed envelope, ready to submit as is */
    public byte[] sign(byte[] unsignedEnvelope) {
        Document document = xml.parse(unsignedEnvelope);
        if (document.getElementsByTagNameNS(DSIG, "Signature").getLength() > 0) {
            throw new IllegalArgumentException("the envelope is already signed; sign the unsigned original");
        }
        if (DossierEdxml.isEdxml(document.getDocumentElement())) {
            Element header = DossierEdxml.signatureParent(document).orElseThrow(() ->
                    new IllegalArgumentException("the edXML document has no edXMLEnvelope/edXMLHeader to hold its signature"));
            if (header.getElementsByTagNameNS("*", "Signature").getLength() > 0) {
                throw new IllegalArgumentException("the edXML header already has a Signature element (a copied placeholder?); "
                        + "sign the unsigned original");
            }
            signer.sign(document, header);
        } else {
            signer.sign(document);
        }
        return SecureXml.serialize(document);
    }

    public String signToString(byte[] unsignedEnvelope) {
        return new String(sign(unsignedEnvelope), StandardCharsets.UTF_8);
    }
}
