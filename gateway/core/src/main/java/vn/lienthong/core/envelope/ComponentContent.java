package vn.lienthong.core.envelope;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
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

    /**
     * @param declared the components as read from the same document, in document order
     */
    public void check(Document document, List<Component> declared) {
        Element components = EnvelopeReader.optionalChild(document.getDocumentElement(), "Components");
        if (components == null) {
            return;
        }
        List<Element> elements = EnvelopeReader.children(components, "Component");
        for (int i = 0; i < elements.size(); i++) {
            Element content = EnvelopeReader.optionalChild(elements.get(i), "Content");
            if (content != null) {
                check(declared.get(i), content);
            }
        }
    }

    private static void check(Component component, Element content) {
        String name = component.name();
        long declaredSize = component.size();
        String declaredSha256 = component.sha256();
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
