package vn.lienthong.core.submission;

import java.util.function.Supplier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
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
 * stream into an outline (see {@link EnvelopeOutline}); both meet the same checks.
 */
final class EnvelopeParsing {

    private final SecureXml xml;
    private final EnvelopeSchema schema;
    private final EnvelopeOutline outlines;
    private final EnvelopeReader reader = new EnvelopeReader();
    private final ComponentContent components = new ComponentContent();

    EnvelopeParsing(SecureXml xml, EnvelopeSchema schema) {
        this.xml = xml;
        this.schema = schema;
        this.outlines = new EnvelopeOutline(xml, schema);
    }

    SubmissionStages.Parsed parse(SubmissionStages.Received received) {
        return received.bytes().inMemory() ? parseDocument(received) : parseOutline(received);
    }

    private SubmissionStages.Parsed parseDocument(SubmissionStages.Received received) {
        byte[] content = received.bytes().content();
        Document document = refusingMalformed(() -> xml.parse(content));
        Element root = document.getDocumentElement();
        if (!"Envelope".equals(root.getLocalName()) || !EnvelopeReader.NAMESPACE.equals(root.getNamespaceURI())) {
            throw EnvelopeReader.notAnEnvelope(root.getLocalName(), root.getNamespaceURI());
        }
        schema.validate(document, content);
        Envelope envelope = reader.read(document);
        components.check(document, envelope.components());
        return new SubmissionStages.Parsed(received.caller(), received.bytes(), document, envelope);
    }

    private SubmissionStages.Parsed parseOutline(SubmissionStages.Received received) {
        EnvelopeOutline.Outline outline = refusingMalformed(() -> outlines.read(received.bytes()));
        Envelope envelope = reader.read(outline.document());
        components.check(envelope.components(), outline.contents());
        return new SubmissionStages.Parsed(received.caller(), received.bytes(), outline.document(), envelope);
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
