package vn.lienthong.core.submission;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.envelope.ComponentContent;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeReader;
import vn.lienthong.core.envelope.EnvelopeSchema;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.xml.MalformedXmlException;
import vn.lienthong.xml.SecureXml;

/** Steps 2 and 3: parse safely, check it is an envelope, validate against the schema, read it. */
final class EnvelopeParsing {

    private final SecureXml xml;
    private final EnvelopeSchema schema;
    private final EnvelopeReader reader = new EnvelopeReader();
    private final ComponentContent components = new ComponentContent();

    EnvelopeParsing(SecureXml xml, EnvelopeSchema schema) {
        this.xml = xml;
        this.schema = schema;
    }

    SubmissionStages.Parsed parse(SubmissionStages.Received received) {
        Document document = wellFormed(received.bytes().content());
        requireEnvelopeRoot(document);
        schema.validate(document, received.bytes().content());
        Envelope envelope = reader.read(document);
        components.check(document, envelope.components());
        return new SubmissionStages.Parsed(received.caller(), received.bytes(), document, envelope);
    }

    private Document wellFormed(byte[] content) {
        try {
            return xml.parse(content);
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

    private static void requireEnvelopeRoot(Document document) {
        Element root = document.getDocumentElement();
        if (!"Envelope".equals(root.getLocalName()) || !EnvelopeReader.NAMESPACE.equals(root.getNamespaceURI())) {
            throw ErrorCode.ENVELOPE_SCHEMA_INVALID.exception("expected <Envelope xmlns=\"" + EnvelopeReader.NAMESPACE
                            + "\">, found <" + root.getLocalName() + "> in namespace " + root.getNamespaceURI())
                    .with("rule", "root-element").with("line", 1).build();
        }
    }
}
