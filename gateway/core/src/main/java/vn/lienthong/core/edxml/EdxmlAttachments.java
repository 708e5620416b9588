package vn.lienthong.core.edxml;

import static vn.lienthong.core.edxml.EdxmlElements.child;
import static vn.lienthong.core.edxml.EdxmlElements.children;
import static vn.lienthong.core.edxml.EdxmlElements.optionalChild;
import static vn.lienthong.core.edxml.EdxmlElements.optionalText;

import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.envelope.ComponentContent;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/**
 * Checks that every attachment's {@code ContentTransferEncoded} is base64, so a recipient never
 * receives an attachment it cannot open. edxml-v1.xsd leaves this to the gateway so that the
 * refusal names the attachment: real traffic carries template placeholders there.
 */
public final class EdxmlAttachments {

    private static final Pattern XML_WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");

    /**
     * @param document an edXML document that passed edxml-v1.xsd
     * @throws GatewayException EDXML_ATTACHMENT_INVALID naming the first bad attachment
     *         ({@code attachment}, {@code contentId})
     */
    public void check(Document document) {
        for (Element attachment : children(optionalChild(document.getDocumentElement(), "AttachmentEncoded"), "Attachment")) {
            String error = base64Error(child(attachment, "ContentTransferEncoded").getTextContent());
            if (error != null) {
                throw invalid(Objects.requireNonNullElse(optionalText(attachment, "AttachmentName"), ""),
                        Objects.requireNonNullElse(optionalText(attachment, "ContentId"), ""), error);
            }
        }
    }

    /**
     * Checks the attachments of a document read as a stream, whose content the outline
     * measured instead of keeping ({@link EdxmlReader#outlineFormat}).
     *
     * @param outline the outline's document
     * @param measured what each attachment's content measured, in document order
     */
    public void check(Document outline, List<ComponentContent.Measured> measured) {
        List<Element> attachments = children(optionalChild(outline.getDocumentElement(), "AttachmentEncoded"), "Attachment");
        if (attachments.size() != measured.size()) {
            throw new IllegalStateException(attachments.size() + " attachments but " + measured.size() + " contents measured");
        }
        for (int i = 0; i < attachments.size(); i++) {
            String error = measured.get(i).base64Error();
            if (error != null) {
                Element attachment = attachments.get(i);
                throw invalid(Objects.requireNonNullElse(optionalText(attachment, "AttachmentName"), ""),
                        Objects.requireNonNullElse(optionalText(attachment, "ContentId"), ""), error);
            }
        }
    }

    /** Why {@code content} is not base64 (RFC 4648, XML whitespace allowed anywhere), or null when it is. */
    static @Nullable String base64Error(String content) {
        try {
            // Strict: a lenient decoder would skip junk between valid characters.
            Base64.getDecoder().decode(XML_WHITESPACE.matcher(content).replaceAll(""));
            return null;
        } catch (IllegalArgumentException e) {
            return Objects.requireNonNullElse(e.getMessage(), "not base64");
        }
    }

    static byte[] decode(String content) {
        return Base64.getDecoder().decode(XML_WHITESPACE.matcher(content).replaceAll(""));
    }

    static GatewayException invalid(String name, String contentId, String reason) {
        return ErrorCode.EDXML_ATTACHMENT_INVALID.exception("attachment '" + name + "' (" + contentId
                        + "): ContentTransferEncoded is not valid base64 (" + reason + ")")
                .with("attachment", name).with("contentId", contentId).build();
    }
}
