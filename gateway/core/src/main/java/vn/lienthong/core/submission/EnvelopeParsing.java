package vn.lienthong.core.submission;

import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.edxml.EdxmlAttachments;
import vn.lienthong.core.edxml.EdxmlDossier;
import vn.lienthong.core.edxml.EdxmlEnvelopes;
import vn.lienthong.core.edxml.EdxmlMessage;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.envelope.ComponentContent;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeOutline;
import vn.lienthong.core.envelope.EnvelopeReader;
import vn.lienthong.core.envelope.EnvelopeSchema;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.xml.MalformedXmlException;
import vn.lienthong.xml.SecureXml;

/**
 * Steps 2 and 3: parse safely, check it is an envelope, validate against the schema, read
 * it, check its components. An envelope in memory becomes a DOM; a spooled one is read as a
 * stream into an outline (see {@link EnvelopeOutline}); both meet the same checks. An edXML
 * message is validated against the edXML schema, its attachments checked, and it is read
 * into the same envelope model (see {@link EdxmlEnvelopes}).
 */
final class EnvelopeParsing {

    private final SecureXml xml;
    private final EnvelopeSchema schema;
    private final EnvelopeSchema edxmlSchema;
    private final EnvelopeOutline outlines;
    private final EnvelopeReader reader = new EnvelopeReader();
    private final ComponentContent components = new ComponentContent();
    private final EdxmlReader edxmlReader = new EdxmlReader();
    private final EdxmlAttachments attachments = new EdxmlAttachments();
    private final EdxmlDossier dossiers;
    private final EdxmlEnvelopes edxmlEnvelopes;

    EnvelopeParsing(SecureXml xml, EnvelopeSchema schema, EnvelopeSchema edxmlSchema, EdxmlEnvelopes edxmlEnvelopes) {
        this.xml = xml;
        this.schema = schema;
        this.edxmlSchema = edxmlSchema;
        this.outlines = new EnvelopeOutline(xml, List.of(EnvelopeOutline.Format.envelope(schema),
                EdxmlReader.outlineFormat(edxmlSchema)));
        this.edxmlEnvelopes = edxmlEnvelopes;
        this.dossiers = new EdxmlDossier(xml, schema);
    }

    SubmissionStages.Parsed parse(SubmissionStages.Received received) {
        return received.bytes().inMemory() ? parseDocument(received) : parseOutline(received);
    }

    private SubmissionStages.Parsed parseDocument(SubmissionStages.Received received) {
        byte[] content = received.bytes().content();
        Document document = refusingMalformed(() -> xml.parse(content));
        Element root = document.getDocumentElement();
        if (EdxmlReader.isEdxml(root)) {
            return parseEdxml(received, document);
        }
        if (!"Envelope".equals(root.getLocalName()) || !EnvelopeReader.NAMESPACE.equals(root.getNamespaceURI())) {
            throw EnvelopeReader.notAnEnvelope(root.getLocalName(), root.getNamespaceURI());
        }
        schema.validate(document, content);
        Envelope envelope = reader.read(document);
        components.check(document, envelope.components());
        return parsed(received, document, envelope, null);
    }

    private SubmissionStages.Parsed parseEdxml(SubmissionStages.Received received, Document document) {
        edxmlSchema.validate(document, received.bytes().content());
        EdxmlMessage message = edxmlReader.read(document);
        attachments.check(document);
        EdxmlDossier.Content dossier = message.carriesDossier() ? dossiers.read(document, message) : null;
        Envelope envelope = edxmlEnvelopes.envelope(message, received.bytes().sha256(), dossier);
        return parsed(received, document, envelope, message);
    }

    private SubmissionStages.Parsed parseOutline(SubmissionStages.Received received) {
        EnvelopeOutline.Outline outline = refusingMalformed(() -> outlines.read(received.bytes()));
        if (EdxmlReader.isEdxml(outline.document().getDocumentElement())) {
            EdxmlMessage message = edxmlReader.read(outline.document());
            attachments.check(outline.document(), outline.contents());
            EdxmlDossier.Content dossier = message.carriesDossier() ? dossiers.read(received.bytes(), message) : null;
            Envelope envelope = edxmlEnvelopes.envelope(message, received.bytes().sha256(), dossier);
            return parsed(received, outline.document(), envelope, message);
        }
        Envelope envelope = reader.read(outline.document());
        components.check(envelope.components(), outline.contents());
        return parsed(received, outline.document(), envelope, null);
    }

    private static SubmissionStages.Parsed parsed(SubmissionStages.Received received, Document document, Envelope envelope,
                                                  @Nullable EdxmlMessage edxml) {
        return new SubmissionStages.Parsed(received.caller(), received.bytes(), document, envelope, edxml, received.trace(),
                received.lane());
    }

    private static <T> T refusingMalformed(Supplier<T> parsing) {
        try {
            return parsing.get();
        } catch (MalformedXmlException e) {
            ErrorCode code = switch (e.reason()) {
                case DOCTYPE -> ErrorCode.XML_DOCTYPE_FORBIDDEN;
                case ENCODING -> ErrorCode.XML_ENCODING_INVALID;
                case LIMIT_EXCEEDED -> ErrorCode.XML_LIMIT_EXCEEDED;
                case NOT_WELL_FORMED -> ErrorCode.ENVELOPE_NOT_XML;
            };
            GatewayException.Builder error = code.exception(e.line() > 0
                    ? "line " + e.line() + ", column " + e.column() + ": " + e.getMessage()
                    : e.getMessage());
            if (e.line() > 0) {
                error.with("line", e.line()).with("column", e.column());
            }
            throw error.build();
        }
    }

}
