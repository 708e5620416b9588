package vn.lienthong.signature;

import java.security.cert.X509Certificate;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Verifies the one enveloped signature of a document under the shared profile.
 *
 * <p>Signature wrapping is ruled out structurally before any cryptography: there must be
 * exactly one signature, it must be a child of the document element, and its single
 * reference must cover the whole document ({@code URI=""}, or the document element's
 * {@code Id}). What the caller then reads from the document is therefore exactly what was
 * signed.
 */
public final class EnvelopedSignatureVerifier {

    public EnvelopedSignatureVerifier() {
        XmlDsig.init();
    }

    /**
     * @param allowLegacyAlgorithms whether SHA-1 signature and digest methods are accepted
     * @throws SignatureRejectedException with the reason when the signature is not acceptable
     */
    public VerifiedSignature verify(Document document, boolean allowLegacyAlgorithms) {
        Element root = document.getDocumentElement();
        Element signatureElement = theSignature(document, root);
        String rootId = registerRootId(root);
        try {
            XMLSignature signature = new XMLSignature(signatureElement, "", true);
            SignedInfo signedInfo = signature.getSignedInfo();
            String canonicalization = signedInfo.getCanonicalizationMethodURI();
            if (!XmlDsig.CANONICALIZATIONS.contains(canonicalization)) {
                throw notAllowed("canonicalization method " + canonicalization);
            }
            SignatureAlgorithm signatureAlgorithm = SignatureAlgorithm.fromUri(signedInfo.getSignatureMethodURI())
                    .orElseThrow(() -> notAllowed("signature method " + signedInfo.getSignatureMethodURI()));
            Reference reference = theDocumentReference(signedInfo, rootId);
            DigestAlgorithm digestAlgorithm = checkedDigest(reference);
            if (!allowLegacyAlgorithms && (signatureAlgorithm.legacy() || digestAlgorithm.legacy())) {
                throw notAllowed("SHA-1 (" + signatureAlgorithm.uri() + ", " + digestAlgorithm.uri()
                        + ") is not allowed for this sender");
            }
            X509Certificate signer = signerCertificate(signature);
            if (!signature.checkSignatureValue(signer)) {
                throw new SignatureRejectedException(SignatureRejectedException.Reason.INVALID,
                        "signature does not verify: the document changed after signing or the key does not match");
            }
            return new VerifiedSignature(signer, signatureAlgorithm, digestAlgorithm, canonicalization);
        } catch (SignatureRejectedException e) {
            throw e;
        } catch (XMLSecurityException | RuntimeException e) {
            // Santuario reports some malformed input (bad base64, missing elements) with unchecked exceptions.
            throw new SignatureRejectedException(SignatureRejectedException.Reason.MALFORMED,
                    "signature cannot be processed: " + e.getMessage(), e);
        }
    }

    private static Element theSignature(Document document, Element root) {
        NodeList signatures = document.getElementsByTagNameNS(XmlDsig.NAMESPACE, "Signature");
        if (signatures.getLength() == 0) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.MISSING,
                    "no XML-DSig Signature element (namespace " + XmlDsig.NAMESPACE + ")");
        }
        if (signatures.getLength() > 1) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.MISPLACED,
                    "exactly one signature is expected, found " + signatures.getLength());
        }
        Element signature = (Element) signatures.item(0);
        if (signature.getParentNode() != root) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.MISPLACED,
                    "the signature must be a child of the document element <" + root.getLocalName() + ">");
        }
        return signature;
    }

    private static String registerRootId(Element root) {
        String id = root.getAttributeNS(null, "Id");
        if (!id.isEmpty()) {
            root.setIdAttributeNS(null, "Id", true);
        }
        return id;
    }

    private static Reference theDocumentReference(SignedInfo signedInfo, String rootId) throws XMLSecurityException {
        if (signedInfo.getLength() != 1) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.REFERENCE_NOT_DOCUMENT,
                    "exactly one reference is expected, found " + signedInfo.getLength());
        }
        Reference reference = signedInfo.item(0);
        String uri = reference.getURI();
        boolean wholeDocument = "".equals(uri) || (!rootId.isEmpty() && ("#" + rootId).equals(uri));
        if (!wholeDocument) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.REFERENCE_NOT_DOCUMENT,
                    "the reference must cover the whole document (URI=\"\"), not " + (uri == null ? "an implicit URI" : "\"" + uri + "\""));
        }
        // Read the algorithms from the XML before Santuario builds any transform, so nothing outside the
        // allow-list is ever instantiated.
        boolean enveloped = false;
        NodeList transforms = reference.getElement().getElementsByTagNameNS(XmlDsig.NAMESPACE, "Transform");
        for (int i = 0; i < transforms.getLength(); i++) {
            String transform = ((Element) transforms.item(i)).getAttributeNS(null, "Algorithm");
            if (XmlDsig.ENVELOPED.equals(transform)) {
                enveloped = true;
            } else if (!XmlDsig.CANONICALIZATIONS.contains(transform)) {
                throw notAllowed("transform " + transform);
            }
        }
        if (!enveloped) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.REFERENCE_NOT_DOCUMENT,
                    "the reference lacks the enveloped-signature transform");
        }
        return reference;
    }

    private static DigestAlgorithm checkedDigest(Reference reference) throws XMLSecurityException {
        String uri = reference.getMessageDigestAlgorithm().getAlgorithmURI();
        return DigestAlgorithm.fromUri(uri).orElseThrow(() -> notAllowed("digest method " + uri));
    }

    private static X509Certificate signerCertificate(XMLSignature signature) throws XMLSecurityException {
        KeyInfo keyInfo = signature.getKeyInfo();
        X509Certificate certificate = keyInfo == null ? null : keyInfo.getX509Certificate();
        if (certificate == null) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.NO_CERTIFICATE,
                    "KeyInfo must carry the signer's X.509 certificate");
        }
        return certificate;
    }

    private static SignatureRejectedException notAllowed(String what) {
        return new SignatureRejectedException(SignatureRejectedException.Reason.ALGORITHM_NOT_ALLOWED,
                what + " is outside the signature profile");
    }
}
