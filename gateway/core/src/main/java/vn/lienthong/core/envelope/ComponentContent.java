package vn.lienthong.core.envelope;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.error.ErrorCode;

/**
 * Checks that every inline component's content is what its declared size and SHA-256 say,
 * so a recipient never receives a component that contradicts its own signed description.
 */
public final class ComponentContent {

    private static final Pattern XML_WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");

    public void check(Document document) {
        Element components = EnvelopeReader.optionalChild(document.getDocumentElement(), "Components");
        if (components == null) {
            return;
        }
        for (Element component : EnvelopeReader.children(components, "Component")) {
            Element content = EnvelopeReader.optionalChild(component, "Content");
            if (content != null) {
                check(component, content);
            }
        }
    }

    private static void check(Element component, Element content) {
        String name = EnvelopeReader.child(component, "Name").getTextContent().strip();
        long declaredSize = Long.parseLong(EnvelopeReader.child(component, "Size").getTextContent().strip());
        String declaredSha256 = EnvelopeReader.child(component, "Sha256").getTextContent().strip();
        byte[] bytes;
        try {
            // Strict: only the base64 alphabet, padding and XML whitespace; a lenient decoder would skip junk.
            bytes = Base64.getDecoder().decode(XML_WHITESPACE.matcher(content.getTextContent()).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw ErrorCode.COMPONENT_CONTENT_INVALID.exception("component '" + name + "': content is not valid base64 ("
                    + e.getMessage() + ")").with("component", name).build();
        }
        if (bytes.length != declaredSize) {
            throw ErrorCode.COMPONENT_DIGEST_MISMATCH.exception("component '" + name + "': declared size " + declaredSize
                    + " but the content has " + bytes.length + " bytes").with("component", name).build();
        }
        String actual = Base64.getEncoder().encodeToString(sha256(bytes));
        if (!actual.equals(declaredSha256)) {
            throw ErrorCode.COMPONENT_DIGEST_MISMATCH.exception("component '" + name + "': declared SHA-256 "
                    + declaredSha256 + " but the content hashes to " + actual).with("component", name).build();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
