package vn.lienthong.client.edxml;

import static vn.lienthong.client.edxml.DossierEdxml.DOSSIER_APPLICATION_TYPE;
import static vn.lienthong.client.edxml.DossierEdxml.DOSSIER_CONTENT_ID;
import static vn.lienthong.client.edxml.DossierEdxml.EDXML_NAMESPACE;
import static vn.lienthong.client.edxml.DossierEdxml.ENVELOPE_NAMESPACE;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.client.ContractSchema;
import vn.lienthong.xml.MalformedXmlException;
import vn.lienthong.xml.SecureXml;

/** The edXML document that carries dossier traffic back to its dossier envelope (docs/EDXML.md, "edXML to envelope"). */
final class EdxmlToEnvelope {

    private static final Elements ENVELOPE = new Elements(ENVELOPE_NAMESPACE);
    private static final Elements EDXML = new Elements(EDXML_NAMESPACE);
    /** What a component becomes when its attachment gives no content type. */
    private static final String UNKNOWN_MEDIA_TYPE = "application/octet-stream";

    private final SecureXml xml;
    private final ContractSchema envelopeSchema;
    private final ContractSchema edxmlSchema;

    EdxmlToEnvelope(SecureXml xml, ContractSchema envelopeSchema, ContractSchema edxmlSchema) {
        this.xml = xml;
        this.envelopeSchema = envelopeSchema;
        this.edxmlSchema = edxmlSchema;
    }

    Document convert(Document edxml) {
        Element root = edxml.getDocumentElement();
        if (!DossierEdxml.isEdxml(root)) {
            throw new EdxmlConversionException("not edXML: the root is <" + root.getLocalName() + "> in namespace "
                    + root.getNamespaceURI() + ", not <edXML xmlns=\"" + EDXML_NAMESPACE + "\">");
        }
        edxmlSchema.violation(edxml).ifPresent(violation -> {
            throw new EdxmlConversionException("not valid edXML: " + violation);
        });
        Element header = EDXML.child(EDXML.child(root, "edXMLEnvelope"), "edXMLHeader");
        Element message = EDXML.child(header, "MessageHeader");
        if (EDXML.optionalChild(message, "StatusCode") != null) {
            throw new EdxmlConversionException("a status message carries no dossier: only edXML documents convert to envelopes");
        }
        String applicationType = EDXML.text(message, "ApplicationType");
        if (!DOSSIER_APPLICATION_TYPE.equals(applicationType)) {
            throw new EdxmlConversionException("not dossier traffic: ApplicationType is "
                    + (applicationType == null ? "absent" : "'" + applicationType + "'") + ", not '" + DOSSIER_APPLICATION_TYPE + "'");
        }
        List<Element> attachments = EDXML.children(EDXML.optionalChild(root, "AttachmentEncoded"), "Attachment");
        Element transfer = transfer(attachments);
        Element traces = EDXML.optionalChild(header, "TraceHeaderList");

        String documentId = EDXML.text(message, "DocumentId");
        if (documentId == null) {
            throw new EdxmlConversionException("the document has no DocumentId, which becomes the envelope id");
        }

        Document envelope = Conversions.newDocument(ENVELOPE, ENVELOPE_NAMESPACE, "Envelope");
        Element envelopeHeader = ENVELOPE.append(envelope.getDocumentElement(), "Header");
        ENVELOPE.append(envelopeHeader, "EnvelopeId", documentId);
        ENVELOPE.append(envelopeHeader, "CreatedAt", createdAt(traces));
        ENVELOPE.append(envelopeHeader, "Kind", ENVELOPE.child(transfer, "Kind").getTextContent().strip());
        Element from = ENVELOPE.append(envelopeHeader, "From", organId(EDXML.child(message, "From")));
        String officer = EDXML.text(EDXML.optionalChild(EDXML.optionalChild(traces, "Bussiness"), "StaffInfo"), "Staff");
        if (officer != null) {
            from.setAttributeNS(null, "officer", officer);
        }
        for (Element to : EDXML.children(message, "To")) {
            ENVELOPE.append(envelopeHeader, "To", organId(to));
        }
        String inReplyTo = inReplyTo(message);
        if (inReplyTo != null) {
            ENVELOPE.append(envelopeHeader, "InReplyTo", inReplyTo);
        }
        String subject = EDXML.text(message, "Subject");
        if (subject != null) {
            ENVELOPE.append(envelopeHeader, "Subject", subject);
        }
        envelope.getDocumentElement().appendChild(envelope.importNode(ENVELOPE.child(transfer, "Dossier"), true));
        components(envelope, attachments);
        envelopeSchema.violation(envelope).ifPresent(violation -> {
            throw new EdxmlConversionException("what the edXML document says makes no valid envelope: " + violation);
        });
        return envelope;
    }

    /** The DossierTransfer in the dossier attachment, parsed as the untrusted XML it is and validated. */
    private Element transfer(List<Element> attachments) {
        Element attachment = attachments.stream().filter(a -> DOSSIER_CONTENT_ID.equals(EDXML.text(a, "ContentId")))
                .findFirst().orElseThrow(() -> new EdxmlConversionException("the document is marked as dossier traffic but "
                        + "has no attachment " + DOSSIER_CONTENT_ID));
        byte[] bytes = content(attachment);
        Document transfer;
        try {
            transfer = xml.parse(bytes);
        } catch (MalformedXmlException e) {
            throw new EdxmlConversionException("the dossier attachment is not XML the gateway reads"
                    + (e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : "") + ": " + e.getMessage(), e);
        }
        Element root = transfer.getDocumentElement();
        if (!"DossierTransfer".equals(root.getLocalName()) || !ENVELOPE_NAMESPACE.equals(root.getNamespaceURI())) {
            throw new EdxmlConversionException("the dossier attachment's root is <" + root.getLocalName()
                    + ">, not <DossierTransfer xmlns=\"" + ENVELOPE_NAMESPACE + "\">");
        }
        envelopeSchema.violation(transfer).ifPresent(violation -> {
            throw new EdxmlConversionException("the dossier attachment is not a valid DossierTransfer: " + violation);
        });
        return root;
    }

    /** The sender's hop: the first TraceHeader, in Vietnam's time. */
    private static String createdAt(@Nullable Element traces) {
        String timestamp = EDXML.text(EDXML.optionalChild(traces, "TraceHeader"), "Timestamp");
        if (timestamp == null) {
            throw new EdxmlConversionException("the first TraceHeader has no Timestamp, which becomes the envelope's CreatedAt");
        }
        try {
            return LocalDateTime.parse(timestamp, Conversions.EDXML_TIMESTAMP).atZone(DossierEdxml.VIETNAM)
                    .toOffsetDateTime().format(Conversions.ENVELOPE_TIME);
        } catch (DateTimeException e) {
            throw new EdxmlConversionException("the first TraceHeader's Timestamp '" + timestamp + "' is no time: "
                    + e.getMessage(), e);
        }
    }

    private static @Nullable String inReplyTo(Element message) {
        for (Element responseFor : EDXML.children(message, "ResponseFor")) {
            String documentId = EDXML.text(responseFor, "DocumentId");
            if (documentId != null) {
                return documentId;
            }
        }
        return null;
    }

    private static void components(Document envelope, List<Element> attachments) {
        List<Element> components = attachments.stream()
                .filter(a -> !DOSSIER_CONTENT_ID.equals(EDXML.text(a, "ContentId"))).toList();
        if (components.isEmpty()) {
            return;
        }
        Element list = ENVELOPE.append(envelope.getDocumentElement(), "Components");
        for (Element attachment : components) {
            byte[] bytes = content(attachment);
            Element component = ENVELOPE.append(list, "Component");
            ENVELOPE.append(component, "Name", Objects.requireNonNull(EDXML.text(attachment, "AttachmentName")));
            ENVELOPE.append(component, "MediaType",
                    Objects.requireNonNullElse(EDXML.text(attachment, "ContentType"), UNKNOWN_MEDIA_TYPE));
            ENVELOPE.append(component, "Size", Integer.toString(bytes.length));
            ENVELOPE.append(component, "Sha256", Conversions.sha256(bytes));
            ENVELOPE.append(component, "Content", Conversions.encode(bytes));
        }
    }

    private static byte[] content(Element attachment) {
        try {
            return Conversions.decode(EDXML.child(attachment, "ContentTransferEncoded").getTextContent());
        } catch (IllegalArgumentException e) {
            throw new EdxmlConversionException("attachment '" + EDXML.text(attachment, "AttachmentName") + "' ("
                    + EDXML.text(attachment, "ContentId") + "): ContentTransferEncoded is not valid base64 ("
                    + e.getMessage() + ")", e);
        }
    }

    private static String organId(Element organ) {
        return Objects.requireNonNull(EDXML.text(organ, "OrganId"));
    }
}
