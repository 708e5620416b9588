package vn.lienthong.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.namespace.QName;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.params.InclusiveNamespaces;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.lienthong.xml.SecureXml;

/**
 * Verifies the one enveloped signature of a document under the shared profile.
 *
 * <p>Signature wrapping is ruled out structurally before any cryptography: there must be
 * exactly one signature, it must be a child of the document element (or of the one element
 * the caller's format names, such as edXML's {@code edXMLHeader}), and its single reference
 * must cover the whole document ({@code URI=""}, or the document element's {@code Id}). What
 * the caller then reads from the document is therefore exactly what was signed.
 */
public final class EnvelopedSignatureVerifier {

    /** Opens the full document again, for the digesting read of a streamed verification. */
    @FunctionalInterface
    public interface DocumentSource {
        InputStream open() throws IOException;
    }

    private static final String EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#";

    private final SecureXml xml = new SecureXml();

    public EnvelopedSignatureVerifier() {
        XmlDsig.init();
    }

    /**
     * Verifies a document held as a DOM.
     *
     * @param allowLegacyAlgorithms whether SHA-1 signature and digest methods are accepted
     * @throws SignatureRejectedException with the reason when the signature is not acceptable
     */
    public VerifiedSignature verify(Document document, boolean allowLegacyAlgorithms) {
        return verify(document, document.getDocumentElement(), allowLegacyAlgorithms, null);
    }

    /**
     * Verifies a document held as a DOM whose format puts the signature elsewhere than as a
     * child of the document element.
     *
     * @param expectedParent the element of {@code document} the signature must be a child of
     */
    public VerifiedSignature verify(Document document, Element expectedParent, boolean allowLegacyAlgorithms) {
        return verify(document, expectedParent, allowLegacyAlgorithms, null);
    }

    /**
     * Verifies a document too large to hold as a DOM. {@code outline} is the document with its
     * large text left out (its structure, attributes and signature intact), on which the
     * signature's form and value are checked as for a DOM; the digest of the whole document is
     * then computed while {@code full} is read once more.
     */
    public VerifiedSignature verify(Document outline, DocumentSource full, boolean allowLegacyAlgorithms) {
        return verify(outline, outline.getDocumentElement(), allowLegacyAlgorithms, full);
    }

    /**
     * Verifies a document too large to hold as a DOM, as {@link #verify(Document, DocumentSource, boolean)}
     * does, whose format puts the signature in {@code expectedParent}, an element of {@code outline}.
     */
    public VerifiedSignature verify(Document outline, Element expectedParent, DocumentSource full,
                                    boolean allowLegacyAlgorithms) {
        return verify(outline, expectedParent, allowLegacyAlgorithms, full);
    }

    private VerifiedSignature verify(Document document, Element expectedParent, boolean allowLegacyAlgorithms,
                                     @Nullable DocumentSource full) {
        Element root = document.getDocumentElement();
        if (expectedParent.getOwnerDocument() != document) {
            throw new IllegalArgumentException("the expected parent <" + expectedParent.getLocalName() + "> is not in the document");
        }
        Element signatureElement = theSignature(document, expectedParent);
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
            boolean valid = full == null ? signature.checkSignatureValue(signer)
                    : signedInfoVerifies(signature, signer) && referenceDigestMatches(reference, full, pathOf(expectedParent));
            if (!valid) {
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

    private static boolean signedInfoVerifies(XMLSignature signature, X509Certificate signer) throws XMLSecurityException {
        org.apache.xml.security.algorithms.SignatureAlgorithm algorithm = signature.getSignedInfo().getSignatureAlgorithm();
        try {
            algorithm.initVerify(signer.getPublicKey());
            algorithm.update(signature.getSignedInfo().getCanonicalizedOctetStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return algorithm.verify(signature.getSignatureValue());
    }

    /** Digests the whole document minus the signature, in one streaming read, as the reference's transforms say. */
    private boolean referenceDigestMatches(Reference reference, DocumentSource full, @Nullable List<QName> signatureParent)
            throws XMLSecurityException {
        String canonicalization = Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS;
        Set<String> inclusivePrefixes = Set.of();
        NodeList transforms = reference.getElement().getElementsByTagNameNS(XmlDsig.NAMESPACE, "Transform");
        for (int i = 0; i < transforms.getLength(); i++) {
            Element transform = (Element) transforms.item(i);
            String uri = transform.getAttributeNS(null, "Algorithm");
            if (XmlDsig.CANONICALIZATIONS.contains(uri)) {
                canonicalization = uri;
                inclusivePrefixes = inclusivePrefixes(transform);
            }
        }
        MessageDigest digest = messageDigest(reference.getMessageDigestAlgorithm().getJCEAlgorithmString());
        StreamingCanonicalizer canonical = new StreamingCanonicalizer(new DigestOutputStream(OutputStream.nullOutputStream(),
                digest), canonicalization.startsWith(EXCLUSIVE), canonicalization.endsWith("#WithComments"), inclusivePrefixes,
                signatureParent);
        try (InputStream in = full.open()) {
            xml.stream(in, canonical);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the document again to digest it", e);
        }
        return canonical.signatureSkipped() && MessageDigest.isEqual(digest.digest(), reference.getDigestValue());
    }

    private static Set<String> inclusivePrefixes(Element transform) {
        NodeList lists = transform.getElementsByTagNameNS(InclusiveNamespaces.ExclusiveCanonicalizationNamespace,
                InclusiveNamespaces._TAG_EC_INCLUSIVENAMESPACES);
        if (lists.getLength() == 0) {
            return Set.of();
        }
        String prefixList = ((Element) lists.item(0)).getAttributeNS(null, InclusiveNamespaces._ATT_EC_PREFIXLIST);
        return InclusiveNamespaces.prefixStr2Set(prefixList).stream()
                .map(prefix -> "#default".equals(prefix) ? "" : prefix).collect(Collectors.toSet());
    }

    private static MessageDigest messageDigest(String jceName) {
        try {
            return MessageDigest.getInstance(jceName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jceName, e);
        }
    }

    /** The names of the elements from the document element down to {@code parent}; null when it is the document element. */
    private static @Nullable List<QName> pathOf(Element parent) {
        if (parent.getParentNode() instanceof Document) {
            return null;
        }
        Deque<QName> path = new ArrayDeque<>();
        for (Node node = parent; node instanceof Element element; node = node.getParentNode()) {
            path.addFirst(new QName(Objects.requireNonNullElse(element.getNamespaceURI(), ""), element.getLocalName()));
        }
        return List.copyOf(path);
    }

    private static Element theSignature(Document document, Element expectedParent) {
        NodeList signatures = document.getElementsByTagNameNS(XmlDsig.NAMESPACE, "Signature");
        if (signatures.getLength() == 0) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.MISSING,
                    "no XML-DSig Signature element (namespace " + XmlDsig.NAMESPACE + ")" + signatureInAnotherNamespace(document));
        }
        if (signatures.getLength() > 1) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.MISPLACED,
                    "exactly one signature is expected, found " + signatures.getLength());
        }
        Element signature = (Element) signatures.item(0);
        if (signature.getParentNode() != expectedParent) {
            throw new SignatureRejectedException(SignatureRejectedException.Reason.MISPLACED, expectedParent
                    == document.getDocumentElement() ? "the signature must be a child of the document element <"
                    + expectedParent.getLocalName() + ">" : "the signature must be a child of <"
                    + expectedParent.getLocalName() + ">, not of <" + signature.getParentNode().getLocalName() + ">");
        }
        return signature;
    }

    /** Names a Signature element in another namespace: a copied placeholder is a common mistake, and looks signed. */
    private static String signatureInAnotherNamespace(Document document) {
        NodeList all = document.getElementsByTagNameNS("*", "Signature");
        for (int i = 0; i < all.getLength(); i++) {
            String namespace = all.item(i).getNamespaceURI();
            if (!XmlDsig.NAMESPACE.equals(namespace)) {
                return ": a Signature element exists in " + (namespace == null ? "no namespace" : "namespace " + namespace)
                        + ", not XML-DSig";
            }
        }
        return "";
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
