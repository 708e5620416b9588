package vn.lienthong.core.envelope;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.error.ErrorCode;

/**
 * Checks that every inline component's content is what its declared size and SHA-256 say,
 * so a recipient never receives a component that contradicts its own signed description.
 * Content is base64, decoded strictly: only the alphabet, padding and XML whitespace.
 */
public final class ComponentContent {

    /** What an inline component's content turned out to be: its size and SHA-256, or why it is not base64. */
    public record Measured(long size, String sha256, @Nullable String base64Error) {
    }

    private static final Pattern XML_WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");

    /**
     * Checks the components of a document held as a DOM.
     *
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
                requireMatch(declared.get(i), measure(content.getTextContent()));
            }
        }
    }

    /**
     * Checks components whose content was measured while streaming.
     *
     * @param measured one entry per inline component, in document order
     */
    public void check(List<Component> declared, List<Measured> measured) {
        List<Component> inline = declared.stream().filter(Component::inline).toList();
        for (int i = 0; i < inline.size(); i++) {
            requireMatch(inline.get(i), measured.get(i));
        }
    }

    private static Measured measure(String base64) {
        try {
            // Strict: a lenient decoder would skip junk between valid characters.
            byte[] bytes = Base64.getDecoder().decode(XML_WHITESPACE.matcher(base64).replaceAll(""));
            return new Measured(bytes.length, Base64.getEncoder().encodeToString(sha256().digest(bytes)), null);
        } catch (IllegalArgumentException e) {
            return new Measured(0, "", e.getMessage());
        }
    }

    private static void requireMatch(Component component, Measured measured) {
        String name = component.name();
        if (measured.base64Error() != null) {
            throw ErrorCode.COMPONENT_CONTENT_INVALID.exception("component '" + name + "': content is not valid base64 ("
                    + measured.base64Error() + ")").with("component", name).build();
        }
        if (measured.size() != component.size()) {
            throw ErrorCode.COMPONENT_DIGEST_MISMATCH.exception("component '" + name + "': declared size "
                    + component.size() + " but the content has " + measured.size() + " bytes")
                    .with("component", name).build();
        }
        if (!measured.sha256().equals(component.sha256())) {
            throw ErrorCode.COMPONENT_DIGEST_MISMATCH.exception("component '" + name + "': declared SHA-256 "
                    + component.sha256() + " but the content hashes to " + measured.sha256())
                    .with("component", name).build();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
