package vn.lienthong.client.evidence;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.client.ContractSchema;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.SignatureRejectedException;
import vn.lienthong.xml.MalformedXmlException;
import vn.lienthong.xml.SecureXml;

/**
 * Reads a signed document of the contract (a ledger head, a receipt): parsed safely, the
 * expected root, valid against its schema, and its one enveloped signature verified under the
 * shared profile, SHA-1 refused.
 */
final class SignedDocuments {

    /** The outcome of reading one document. */
    sealed interface Outcome permits Verified, Invalid, BadSignature {
    }

    /** Valid and signed; {@code signer} is the certificate the signature verified with. */
    record Verified(Element root, X509Certificate signer) implements Outcome {
    }

    /** Not well-formed, another document, or not valid against the schema. */
    record Invalid(String reason) implements Outcome {
    }

    /** Valid, but the signature is missing, outside the profile or does not verify. */
    record BadSignature(String reason) implements Outcome {
    }

    private final SecureXml xml = new SecureXml();
    private final EnvelopedSignatureVerifier verifier = new EnvelopedSignatureVerifier();

    Outcome read(byte[] bytes, String namespace, String rootName, ContractSchema schema) {
        Document document;
        try {
            document = xml.parse(bytes);
        } catch (MalformedXmlException e) {
            return new Invalid("not readable XML: " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (!rootName.equals(root.getLocalName()) || !namespace.equals(root.getNamespaceURI())) {
            return new Invalid("not a " + rootName + " of " + namespace + " but a " + root.getLocalName()
                    + (root.getNamespaceURI() == null ? "" : " of " + root.getNamespaceURI()));
        }
        Optional<String> violation = schema.violation(document);
        if (violation.isPresent()) {
            return new Invalid("not valid: " + violation.get());
        }
        try {
            return new Verified(root, verifier.verify(document, false).signer());
        } catch (SignatureRejectedException e) {
            return new BadSignature(e.getMessage() + " (" + e.reason() + ")");
        }
    }

    /** The stripped text of the first child element of that name; the schema has made sure it is there. */
    static String text(Element root, String name) {
        List<String> all = texts(root, name);
        return all.isEmpty() ? "" : all.get(0);
    }

    /** The stripped texts of every child element of that name, in the root's namespace. */
    static List<String> texts(Element root, String name) {
        List<String> texts = new ArrayList<>();
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())
                    && root.getNamespaceURI().equals(element.getNamespaceURI())) {
                texts.add(element.getTextContent().strip());
            }
        }
        return texts;
    }

    /** The value of an attribute of the first child element of that name, or empty. */
    static String attribute(Element root, String name, String attribute) {
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())
                    && root.getNamespaceURI().equals(element.getNamespaceURI())) {
                return element.getAttribute(attribute);
            }
        }
        return "";
    }
}
