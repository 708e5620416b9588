package vn.lienthong.client;

import java.nio.charset.StandardCharsets;
import org.w3c.dom.Document;
import vn.lienthong.signature.EnvelopedSigner;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.xml.SecureXml;

/** Signs an envelope the way the gateway verifies it: one enveloped signature over the whole document. */
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
        signer.sign(document);
        return SecureXml.serialize(document);
    }

    public String signToString(byte[] unsignedEnvelope) {
        return new String(sign(unsignedEnvelope), StandardCharsets.UTF_8);
    }
}
