package vn.lienthong.client.edxml;

import static vn.lienthong.client.edxml.DossierEdxml.DOSSIER_APPLICATION_TYPE;
import static vn.lienthong.client.edxml.DossierEdxml.DOSSIER_ATTACHMENT_NAME;
import static vn.lienthong.client.edxml.DossierEdxml.DOSSIER_CONTENT_ID;
import static vn.lienthong.client.edxml.DossierEdxml.DOSSIER_CONTENT_TYPE;
import static vn.lienthong.client.edxml.DossierEdxml.EDXML_NAMESPACE;
import static vn.lienthong.client.edxml.DossierEdxml.ENVELOPE_NAMESPACE;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.client.ContractSchema;
import vn.lienthong.xml.SecureXml;

/** A dossier envelope to the edXML document that carries it (docs/EDXML.md, "Envelope to edXML"). */
final class EnvelopeToEdxml {

    private static final Elements ENVELOPE = new Elements(ENVELOPE_NAMESPACE);
    private static final Elements EDXML = new Elements(EDXML_NAMESPACE);

    /** One attachment to write: the dossier or a component. */
    private record Attachment(String contentId, String name, String contentType, String base64) {
    }

    private final ContractSchema envelopeSchema;
    private final ContractSchema edxmlSchema;

    EnvelopeToEdxml(ContractSchema envelopeSchema, ContractSchema edxmlSchema) {
        this.envelopeSchema = envelopeSchema;
        this.edxmlSchema = edxmlSchema;
    }

    Document convert(Document envelope) {
        Element root = envelope.getDocumentElement();
        if (!"Envelope".equals(root.getLocalName()) || !ENVELOPE_NAMESPACE.equals(root.getNamespaceURI())) {
            throw new EdxmlConversionException("not a lienthong envelope: the root is <" + root.getLocalName()
                    + "> in namespace " + root.getNamespaceURI() + ", not <Envelope xmlns=\"" + ENVELOPE_NAMESPACE + "\">");
        }
        envelopeSchema.violation(envelope).ifPresent(violation -> {
            throw new EdxmlConversionException("not a valid envelope: " + violation);
        });
        Element header = ENVELOPE.child(root, "Header");
        LocalDateTime createdAt = OffsetDateTime.parse(text(header, "CreatedAt"))
                .atZoneSameInstant(DossierEdxml.VIETNAM).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS);
        List<String> recipients = ENVELOPE.children(header, "To").stream().map(to -> to.getTextContent().strip()).toList();
        Element from = ENVELOPE.child(header, "From");
        String sender = from.getTextContent().strip();

        Document edxml = Conversions.newDocument(EDXML, EDXML_NAMESPACE, "edXML");
        Element edxmlEnvelope = EDXML.append(edxml.getDocumentElement(), "edXMLEnvelope");
        Element edxmlHeader = EDXML.append(edxmlEnvelope, "edXMLHeader");
        messageHeader(EDXML.append(edxmlHeader, "MessageHeader"), header, sender, recipients, createdAt);
        Element traces = EDXML.append(edxmlHeader, "TraceHeaderList");
        Element hop = EDXML.append(traces, "TraceHeader");
        EDXML.append(hop, "OrganId", sender);
        EDXML.append(hop, "Timestamp", createdAt.format(Conversions.EDXML_TIMESTAMP));
        Element business = EDXML.append(traces, "Bussiness");
        EDXML.append(business, "BussinessDocType", "0");
        String officer = from.getAttributeNS(null, "officer");
        if (!officer.isBlank()) {
            EDXML.append(EDXML.append(business, "StaffInfo"), "Staff", officer);
        }

        Element manifest = EDXML.append(EDXML.append(edxmlEnvelope, "edXMLBody"), "edXMLManifest");
        manifest.setAttributeNS(null, "version", "1.0");
        Element encoded = EDXML.append(edxml.getDocumentElement(), "AttachmentEncoded");
        List<Attachment> attachments = new ArrayList<>();
        attachments.add(new Attachment(DOSSIER_CONTENT_ID, DOSSIER_ATTACHMENT_NAME, DOSSIER_CONTENT_TYPE,
                Conversions.encode(transfer(text(header, "Kind"), ENVELOPE.child(root, "Dossier")))));
        attachments.addAll(components(root));
        for (Attachment attachment : attachments) {
            Element reference = EDXML.append(manifest, "Reference");
            EDXML.append(reference, "ContentId", attachment.contentId());
            EDXML.append(reference, "ContentType", attachment.contentType());
            EDXML.append(reference, "AttachmentName", attachment.name());
            Element content = EDXML.append(encoded, "Attachment");
            EDXML.append(content, "ContentId", attachment.contentId());
            EDXML.append(content, "AttachmentName", attachment.name());
            EDXML.append(content, "ContentType", attachment.contentType());
            EDXML.append(content, "ContentTransferEncoded", attachment.base64());
        }
        edxmlSchema.violation(edxml).ifPresent(violation -> {
            throw new IllegalStateException("the conversion wrote edXML that its schema refuses: " + violation);
        });
        return edxml;
    }

    private static void messageHeader(Element message, Element header, String sender, List<String> recipients,
                                      LocalDateTime createdAt) {
        EDXML.append(EDXML.append(message, "From"), "OrganId", sender);
        for (String recipient : recipients) {
            EDXML.append(EDXML.append(message, "To"), "OrganId", recipient);
        }
        EDXML.append(message, "DocumentId", text(header, "EnvelopeId"));
        EDXML.append(EDXML.append(message, "PromulgationInfo"), "PromulgationDate", createdAt.format(Conversions.EDXML_DATE));
        String subject = ENVELOPE.text(header, "Subject");
        if (subject != null) {
            EDXML.append(message, "Subject", subject);
            EDXML.append(message, "Content", subject);
        }
        String inReplyTo = ENVELOPE.text(header, "InReplyTo");
        if (inReplyTo != null) {
            // The envelope names only the envelope it answers; in lienthong's flows its sender is the one the reply goes to.
            Element responseFor = EDXML.append(message, "ResponseFor");
            EDXML.append(responseFor, "OrganId", recipients.get(0));
            EDXML.append(responseFor, "DocumentId", inReplyTo);
        }
        EDXML.append(message, "ApplicationType", DOSSIER_APPLICATION_TYPE);
    }

    /** The dossier attachment's content: a DossierTransfer holding the envelope's own Dossier element. */
    private static byte[] transfer(String kind, Element dossier) {
        Document transfer = Conversions.newDocument(ENVELOPE, ENVELOPE_NAMESPACE, "DossierTransfer");
        Element root = transfer.getDocumentElement();
        ENVELOPE.append(root, "Kind", kind);
        root.appendChild(transfer.importNode(dossier, true));
        return SecureXml.serialize(transfer);
    }

    private static List<Attachment> components(Element root) {
        List<Attachment> attachments = new ArrayList<>();
        List<Element> components = ENVELOPE.children(ENVELOPE.optionalChild(root, "Components"), "Component");
        for (int i = 0; i < components.size(); i++) {
            Element component = components.get(i);
            String name = text(component, "Name");
            String content = ENVELOPE.text(component, "Content");
            if (content == null) {
                throw new EdxmlConversionException("component '" + name + "' is stored by reference (ContentReference); "
                        + "edXML carries attachments inline: put its Content in the envelope");
            }
            byte[] bytes = decoded(name, content);
            if (bytes.length != Long.parseLong(text(component, "Size"))
                    || !Conversions.sha256(bytes).equals(text(component, "Sha256"))) {
                throw new EdxmlConversionException("component '" + name + "': its content does not match its Size and "
                        + "Sha256; the conversion back would compute other values");
            }
            attachments.add(new Attachment("cid:component-" + (i + 1), name, text(component, "MediaType"),
                    Conversions.encode(bytes)));
        }
        return attachments;
    }

    private static byte[] decoded(String name, String content) {
        try {
            return Conversions.decode(content);
        } catch (IllegalArgumentException e) {
            throw new EdxmlConversionException("component '" + name + "': its content is not valid base64 ("
                    + e.getMessage() + ")", e);
        }
    }

    private static String text(Element parent, String name) {
        return Objects.requireNonNull(ENVELOPE.text(parent, name), () -> "validated envelope lacks " + name);
    }
}
