package vn.lienthong.signature;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Signs a whole document with an enveloped signature appended as the last child of the
 * document element, or of the element a format names (edXML: {@code edXMLHeader}):
 * {@code Reference URI=""}, enveloped-signature and C14N transforms, SHA-256 digest, the
 * signer's certificate in {@code KeyInfo}. Wherever it sits, the signature covers the whole
 * document.
 */
public final class EnvelopedSigner {

    private final SigningKey key;
    private final SignatureAlgorithm algorithm;
    private final Canonicalization canonicalization;

    public EnvelopedSigner(SigningKey key, SignatureAlgorithm algorithm, Canonicalization canonicalization) {
        XmlDsig.init();
        if (algorithm.legacy()) {
            throw new IllegalArgumentException("refusing to sign with " + algorithm + ": SHA-1 is accepted on input only");
        }
        if (!algorithm.fits(key.privateKey())) {
            throw new IllegalArgumentException(algorithm + " does not fit a " + key.privateKey().getAlgorithm() + " key");
        }
        this.key = key;
        this.algorithm = algorithm;
        this.canonicalization = canonicalization;
    }

    /** A signer using the modern algorithm that fits the key, and exclusive C14N. */
    public EnvelopedSigner(SigningKey key) {
        this(key, SignatureAlgorithm.forKey(key.privateKey()), Canonicalization.EXCLUSIVE);
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public SigningKey key() {
        return key;
    }

    /** Appends the signature to the document element, in place. */
    public void sign(Document document) {
        sign(document, document.getDocumentElement());
    }

    /**
     * Appends the signature as the last child of {@code parent}, in place: for formats that
     * say where the signature goes. {@link EnvelopedSignatureVerifier} is told the same parent.
     *
     * @param parent the document element or an element inside it
     */
    public void sign(Document document, Element parent) {
        if (parent.getOwnerDocument() != document) {
            throw new IllegalArgumentException("the signature's parent <" + parent.getLocalName() + "> is not in the document");
        }
        try {
            XMLSignature signature = new XMLSignature(document, "", algorithm.uri(), canonicalization.uri());
            parent.appendChild(signature.getElement());
            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(canonicalization.uri());
            signature.addDocument("", transforms, DigestAlgorithm.SHA256.uri());
            signature.addKeyInfo(key.certificate());
            signature.sign(key.privateKey());
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("signing failed with " + algorithm + ": " + e.getMessage(), e);
        }
    }
}
