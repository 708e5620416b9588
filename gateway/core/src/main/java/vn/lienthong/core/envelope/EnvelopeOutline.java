package vn.lienthong.core.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.sax.SAXTransformerFactory;
import javax.xml.transform.sax.TransformerHandler;
import javax.xml.validation.ValidatorHandler;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.ext.DefaultHandler2;
import vn.lienthong.xml.SecureXml;

/**
 * Reads an envelope too large for a DOM in one streaming pass: it is parsed with the same
 * refusals and limits, validated against the schema, and built into an outline, a DOM with
 * everything but the components' content, on which the envelope is read and its signature
 * checked. The content of each inline component is decoded and measured on the way, before
 * the schema validator sees it, so neither holds it.
 */
public final class EnvelopeOutline {

    /** The envelope without its components' content, and what that content measured. */
    public record Outline(Document document, List<ComponentContent.Measured> contents) {
    }

    private final SecureXml xml;
    private final EnvelopeSchema schema;
    private final SAXTransformerFactory transformers = (SAXTransformerFactory) TransformerFactory.newDefaultInstance();

    public EnvelopeOutline(SecureXml xml, EnvelopeSchema schema) {
        this.xml = xml;
        this.schema = schema;
    }

    public Outline read(EnvelopeBytes bytes) {
        DOMResult result = new DOMResult();
        TransformerHandler builder;
        try {
            builder = transformers.newTransformerHandler();
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("the JDK cannot build a DOM from SAX events", e);
        }
        builder.setResult(result);
        Diverter diverter = new Diverter(builder);
        diverter.validator = schema.streamingValidator(builder, diverter::currentElement);
        try (InputStream in = bytes.open()) {
            xml.stream(in, diverter);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled envelope", e);
        }
        Document document = (Document) result.getNode();
        xml.requireWithinLimits(document);
        return new Outline(document, diverter.measured);
    }

    /**
     * Passes the events to the validator, which passes them to the DOM builder, except the
     * text of Content elements, which it measures instead; refuses a root that is not an envelope.
     */
    private static final class Diverter extends DefaultHandler2 {
        private final TransformerHandler builder;
        private final List<ComponentContent.Measured> measured = new ArrayList<>();
        private @Nullable ValidatorHandler validator;
        private @Nullable Base64Measure content;
        private @Nullable String currentElement;
        private boolean rootSeen;

        Diverter(TransformerHandler builder) {
            this.builder = builder;
        }

        @Nullable String currentElement() {
            return currentElement;
        }

        private ValidatorHandler validator() {
            if (validator == null) {
                throw new IllegalStateException("no validator");
            }
            return validator;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            validator().setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            validator().startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            validator().endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            validator().startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            validator().endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if (!rootSeen) {
                rootSeen = true;
                if (!"Envelope".equals(localName) || !EnvelopeReader.NAMESPACE.equals(uri)) {
                    throw new SAXException(EnvelopeReader.notAnEnvelope(localName, uri));
                }
            }
            currentElement = localName;
            if ("Content".equals(localName) && EnvelopeReader.NAMESPACE.equals(uri)) {
                content = new Base64Measure();
            }
            validator().startElement(uri, localName, qName, attributes);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if (content != null) {
                measured.add(content.finish());
                content = null;
            }
            validator().endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] text, int start, int length) throws SAXException {
            if (content != null) {
                content.accept(text, start, length);
            } else {
                validator().characters(text, start, length);
            }
        }

        @Override
        public void ignorableWhitespace(char[] text, int start, int length) throws SAXException {
            characters(text, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            validator().processingInstruction(target, data);
        }

        @Override
        public void comment(char[] text, int start, int length) throws SAXException {
            builder.comment(text, start, length);
        }
    }
}
