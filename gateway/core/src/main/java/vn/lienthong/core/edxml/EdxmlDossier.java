package vn.lienthong.core.edxml;

import static vn.lienthong.core.edxml.EdxmlElements.child;
import static vn.lienthong.core.edxml.EdxmlElements.children;
import static vn.lienthong.core.edxml.EdxmlElements.optionalChild;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.core.envelope.DossierReference;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.core.envelope.EnvelopeKind;
import vn.lienthong.core.envelope.EnvelopeReader;
import vn.lienthong.core.envelope.EnvelopeSchema;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.xml.MalformedXmlException;
import vn.lienthong.xml.SecureXml;

/**
 * Reads the dossier that lienthong dossier traffic carries inside edXML: the attachment
 * {@value #CONTENT_ID}, whose content is a {@code DossierTransfer} of envelope-v1.xsd
 * (docs/EDXML.md). The attachment is untrusted XML like any envelope: parsed with the same
 * refusals and limits, validated against the same schema, read by the same code as an
 * envelope's {@code Dossier}.
 */
public final class EdxmlDossier {

    /** The dossier attachment's {@code ContentId}. */
    public static final String CONTENT_ID = "cid:lienthong-dossier";
    /** The dossier attachment's {@code ContentType}. */
    public static final String CONTENT_TYPE = "application/vnd.lienthong.dossier+xml";
    /** The dossier attachment's {@code AttachmentName}. */
    public static final String ATTACHMENT_NAME = "dossier.xml";
    /** The root of the attachment's content, in the envelope namespace. */
    public static final String TRANSFER_ELEMENT = "DossierTransfer";
    /** The most base64 a dossier attachment may have when it is read from a stream: a dossier is a few kilobytes. */
    public static final int MAX_STREAMED_CONTENT = 4 * 1024 * 1024;

    /** What the dossier attachment says: what the message does to the dossier, and the dossier. */
    public record Content(EnvelopeKind kind, DossierReference dossier) {
    }

    private final SecureXml xml;
    private final EnvelopeSchema envelopeSchema;
    private final EnvelopeReader envelopes = new EnvelopeReader();

    /** @param envelopeSchema envelope-v1.xsd, which declares {@code DossierTransfer} */
    public EdxmlDossier(SecureXml xml, EnvelopeSchema envelopeSchema) {
        this.xml = xml;
        this.envelopeSchema = envelopeSchema;
    }

    /**
     * @param edxml the document {@code message} was read from
     * @throws GatewayException EDXML_DOSSIER_INVALID when the attachment is missing, is not
     *         base64, is not well-formed, or is not a valid {@code DossierTransfer}
     * @throws IllegalArgumentException when the message is not dossier traffic
     */
    public Content read(Document edxml, EdxmlMessage message) {
        requireDossierTraffic(message);
        return transfer(child(attachment(edxml), "ContentTransferEncoded").getTextContent());
    }

    /**
     * Reads the dossier of a document too large for a DOM, whose outline does not hold the
     * attachments' content ({@link EdxmlReader#outlineFormat}): the document is read once more
     * as a stream, keeping only the dossier attachment's content, at most
     * {@value #MAX_STREAMED_CONTENT} characters of base64.
     *
     * @param edxml the bytes {@code message} was read from
     * @throws GatewayException EDXML_DOSSIER_INVALID as {@link #read(Document, EdxmlMessage)}, and
     *         when the dossier attachment is larger than that
     */
    public Content read(EnvelopeBytes edxml, EdxmlMessage message) {
        requireDossierTraffic(message);
        DossierContentCapture capture = new DossierContentCapture(MAX_STREAMED_CONTENT);
        try (InputStream in = edxml.open()) {
            xml.stream(in, capture);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled edXML document again", e);
        }
        if (capture.tooLarge()) {
            throw invalid("it is larger than " + MAX_STREAMED_CONTENT + " characters of base64, more than any dossier needs",
                    Map.of());
        }
        String content = capture.content();
        if (content == null) {
            throw missing();
        }
        return transfer(content);
    }

    private static void requireDossierTraffic(EdxmlMessage message) {
        if (!message.carriesDossier()) {
            throw new IllegalArgumentException("the message is not dossier traffic (ApplicationType "
                    + message.applicationType() + ")");
        }
    }

    private Content transfer(String base64) {
        byte[] bytes = decoded(base64);
        Document transfer = parsed(bytes);
        Element root = transfer.getDocumentElement();
        if (!TRANSFER_ELEMENT.equals(root.getLocalName()) || !EnvelopeReader.NAMESPACE.equals(root.getNamespaceURI())) {
            throw invalid("its root is <" + root.getLocalName() + "> in namespace " + root.getNamespaceURI()
                    + ", not <" + TRANSFER_ELEMENT + " xmlns=\"" + EnvelopeReader.NAMESPACE + "\">", Map.of());
        }
        try {
            envelopeSchema.validate(transfer, bytes);
            return new Content(EnvelopeKind.fromXml(transferChild(root, "Kind").getTextContent().strip()),
                    envelopes.dossier(transferChild(root, "Dossier")));
        } catch (GatewayException e) {
            throw invalid(e.detail(), e.properties());
        }
    }

    private static Element attachment(Document edxml) {
        for (Element attachment : children(optionalChild(edxml.getDocumentElement(), "AttachmentEncoded"), "Attachment")) {
            if (CONTENT_ID.equals(EdxmlElements.optionalText(attachment, "ContentId"))) {
                return attachment;
            }
        }
        throw missing();
    }

    private static GatewayException missing() {
        return ErrorCode.EDXML_DOSSIER_INVALID.exception("the document is marked as dossier traffic (ApplicationType "
                        + EdxmlReader.DOSSIER_APPLICATION_TYPE + ") but has no attachment " + CONTENT_ID)
                .with("contentId", CONTENT_ID).build();
    }

    private static byte[] decoded(String base64) {
        try {
            return EdxmlAttachments.decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid("its content is not valid base64 (" + e.getMessage() + ")", Map.of());
        }
    }

    private Document parsed(byte[] bytes) {
        try {
            return xml.parse(bytes);
        } catch (MalformedXmlException e) {
            String where = e.line() > 0 ? "line " + e.line() + ", column " + e.column() + ": " : "";
            throw invalid("its content is not XML the gateway reads (" + e.reason() + "): " + where + e.getMessage(),
                    e.line() > 0 ? Map.of("line", e.line(), "column", e.column()) : Map.of());
        }
    }

    private static Element transferChild(Element root, String name) {
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())
                    && EnvelopeReader.NAMESPACE.equals(element.getNamespaceURI())) {
                return element;
            }
        }
        throw new IllegalStateException("validated DossierTransfer lacks <" + name + ">");
    }

    private static GatewayException invalid(String why, Map<String, Object> properties) {
        GatewayException.Builder error = ErrorCode.EDXML_DOSSIER_INVALID.exception("the dossier attachment "
                + CONTENT_ID + ": " + why).with("contentId", CONTENT_ID);
        properties.forEach(error::with);
        return error.build();
    }
}
