package vn.lienthong.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.SignatureRejectedException;
import vn.lienthong.signature.VerifiedSignature;
import vn.lienthong.xml.SecureXml;

/**
 * Verifies a gateway receipt offline: the signature verifies with the gateway's certificate,
 * and, given the envelope, the receipt states the SHA-256 of exactly those bytes.
 */
public final class ReceiptVerification {

    private static final String NAMESPACE = "urn:lienthong:receipt:v1";

    /** What a verified receipt says. */
    public record VerifiedReceipt(String envelopeId, String sender, String gateway, Instant receivedAt,
                                  String envelopeSha256) {
    }

    /** The receipt is not a valid receipt from this gateway, or not for this envelope. */
    public static final class ReceiptInvalidException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ReceiptInvalidException(String message) {
            super(message);
        }
    }

    private final SecureXml xml = new SecureXml();
    private final EnvelopedSignatureVerifier verifier = new EnvelopedSignatureVerifier();
    private final X509Certificate gatewayCertificate;

    public ReceiptVerification(X509Certificate gatewayCertificate) {
        this.gatewayCertificate = gatewayCertificate;
    }

    /**
     * @param envelope the envelope the receipt should be for, or null to check the signature only
     * @throws ReceiptInvalidException when any check fails
     */
    public VerifiedReceipt verify(byte[] receipt, byte @Nullable [] envelope) {
        Document document = xml.parse(receipt);
        Element root = document.getDocumentElement();
        if (!"Receipt".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new ReceiptInvalidException("not a lienthong receipt");
        }
        VerifiedSignature signature;
        try {
            signature = verifier.verify(document, false);
        } catch (SignatureRejectedException e) {
            throw new ReceiptInvalidException("receipt signature: " + e.getMessage());
        }
        if (!signature.signer().equals(gatewayCertificate)) {
            throw new ReceiptInvalidException("receipt signed by '" + signature.signer().getSubjectX500Principal()
                    + "', not by the given gateway certificate");
        }
        VerifiedReceipt verified = new VerifiedReceipt(text(root, "EnvelopeId"), text(root, "Sender"),
                text(root, "Gateway"), Instant.parse(text(root, "ReceivedAt")), text(root, "EnvelopeDigest"));
        if (envelope != null && !verified.envelopeSha256().equals(sha256(envelope))) {
            throw new ReceiptInvalidException("the receipt is for other bytes: it states SHA-256 "
                    + verified.envelopeSha256() + ", the envelope hashes to " + sha256(envelope));
        }
        return verified;
    }

    private static String text(Element root, String name) {
        var nodes = root.getElementsByTagNameNS(NAMESPACE, name);
        if (nodes.getLength() != 1) {
            throw new ReceiptInvalidException("receipt lacks exactly one " + name);
        }
        return nodes.item(0).getTextContent().strip();
    }

    static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
