package vn.lienthong.signature;

import java.security.Provider;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * Signs a whole document with an enveloped signature appended as the last child of the
 * document element, or of the element a format names (edXML: {@code edXMLHeader}):
 * {@code Reference URI=""}, enveloped-signature and C14N transforms, SHA-256 digest, the
 * signer's certificate in {@code KeyInfo}. Wherever it sits, the signature covers the whole
 * document.
 *
 * <p>Given a JCA {@link Provider}, the signature value is computed by that provider: an HSM or
 * USB token's PKCS#11 provider signs with a key that never leaves the device.
 */
public final class EnvelopedSigner {

    private final SigningKey key;
    private final SignatureAlgorithm algorithm;
    private final Canonicalization canonicalization;
    private final @Nullable Provider provider;

    public EnvelopedSigner(SigningKey key, SignatureAlgorithm algorithm, Canonicalization canonicalization) {
        this(key, algorithm, canonicalization, null);
    }

    /**
     * @param provider computes the signature value with the key (a PKCS#11 provider for a token),
     *                 or null for the JDK's providers in their usual order
     */
    public EnvelopedSigner(SigningKey key, SignatureAlgorithm algorithm, Canonicalization canonicalization,
                           @Nullable Provider provider) {
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
        this.provider = provider;
    }

    /** A signer using the modern algorithm that fits the key, and exclusive C14N. */
    public EnvelopedSigner(SigningKey key) {
        this(key, SignatureAlgorithm.forKey(key.privateKey()), Canonicalization.EXCLUSIVE);
    }

    /** As {@link #EnvelopedSigner(SigningKey)}, the signature value computed by {@code provider}. */
    public EnvelopedSigner(SigningKey key, Provider provider) {
        this(key, SignatureAlgorithm.forKey(key.privateKey()), Canonicalization.EXCLUSIVE, provider);
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
            XMLSignature signature = provider == null
                    ? new XMLSignature(document, "", algorithm.uri(), canonicalization.uri())
                    : new XMLSignature(document, "", algorithm.uri(), canonicalization.uri(), provider);
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
