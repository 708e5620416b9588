package vn.lienthong.core.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
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
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.xml.SecureXml;

/**
 * Reads a document too large for a DOM in one streaming pass: it is parsed with the same
 * refusals and limits, validated against its format's schema, and built into an outline, a
 * DOM with everything but the large base64 content (an envelope's components, an edXML
 * document's attachments), on which the document is read and its signature checked. That
 * content is decoded and measured on the way, before the schema validator sees it, so neither
 * holds it. The document element says which of the formats the document is.
 */
public final class EnvelopeOutline {

    /** The document without its diverted content, and what each diverted element measured, in document order. */
    public record Outline(Document document, List<ComponentContent.Measured> contents) {
    }

    /**
     * A format read this way: its document element, its schema, and the element whose text is
     * diverted, named by the local names from the document element down to it, all in the
     * format's namespace.
     */
    public record Format(String namespace, String rootName, EnvelopeSchema schema, List<String> divertedPath) {

        public Format {
            divertedPath = List.copyOf(divertedPath);
            if (divertedPath.size() < 2 || !divertedPath.get(0).equals(rootName)) {
                throw new IllegalArgumentException("the diverted element's path starts at <" + rootName + ">: " + divertedPath);
            }
        }

        /** A lienthong envelope: each {@code Components/Component/Content} is diverted. */
        public static Format envelope(EnvelopeSchema schema) {
            return new Format(EnvelopeReader.NAMESPACE, "Envelope", schema, List.of("Envelope", "Components", "Component", "Content"));
        }

        boolean isRoot(String uri, String localName) {
            return rootName.equals(localName) && namespace.equals(uri);
        }
    }

    private final SecureXml xml;
    private final List<Format> formats;
    private final SAXTransformerFactory transformers = (SAXTransformerFactory) TransformerFactory.newDefaultInstance();

    /** Reads lienthong envelopes only. */
    public EnvelopeOutline(SecureXml xml, EnvelopeSchema schema) {
        this(xml, List.of(Format.envelope(schema)));
    }

    /** Reads documents of any of {@code formats}, refusing any other document element. */
    public EnvelopeOutline(SecureXml xml, List<Format> formats) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("an outline needs at least one format");
        }
        this.xml = xml;
        this.formats = List.copyOf(formats);
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
        Diverter diverter = new Diverter(builder, formats);
        try (InputStream in = bytes.open()) {
            xml.stream(in, diverter);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled envelope", e);
        }
        Document document = (Document) result.getNode();
        xml.requireWithinLimits(document);
        return new Outline(document, diverter.measured);
    }

    /** The refusal of a document element that is none of the formats. */
    private static GatewayException unknownRoot(List<Format> formats, String localName, @Nullable String namespace) {
        String expected = formats.stream().map(f -> "<" + f.rootName() + " xmlns=\"" + f.namespace() + "\">")
                .collect(Collectors.joining(" or "));
        return ErrorCode.ENVELOPE_SCHEMA_INVALID.exception("expected " + expected + ", found <" + localName
                + "> in namespace " + namespace).with("rule", "root-element").with("line", 1).build();
    }

    /**
     * Passes the events to the validator, which passes them to the DOM builder, except the
     * text of the diverted elements, which it measures instead. The validator is chosen by the
     * document element, so the events before it wait until it is known.
     */
    private static final class Diverter extends DefaultHandler2 {

        /** An event that came before the document element, replayed once the validator exists. */
        @FunctionalInterface
        private interface Deferred {
            void replay(ValidatorHandler validator) throws SAXException;
        }

        private final TransformerHandler builder;
        private final List<Format> formats;
        private final List<Deferred> beforeRoot = new ArrayList<>();
        private final List<ComponentContent.Measured> measured = new ArrayList<>();
        private @Nullable ValidatorHandler validator;
        private @Nullable Format format;
        private @Nullable Base64Measure content;
        private @Nullable String currentElement;
        private int depth;
        /** How many leading names of the diverted path the open elements match. */
        private int pathMatched;

        Diverter(TransformerHandler builder, List<Format> formats) {
            this.builder = builder;
            this.formats = formats;
        }

        @Nullable String currentElement() {
            return currentElement;
        }

        private ValidatorHandler validator() {
            if (validator == null) {
                throw new IllegalStateException("no validator before the document element");
            }
            return validator;
        }

        private void beforeRootOr(Deferred event) throws SAXException {
            if (validator == null) {
                beforeRoot.add(event);
            } else {
                event.replay(validator);
            }
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            beforeRoot.add(v -> v.setDocumentLocator(locator));
        }

        @Override
        public void startDocument() {
            beforeRoot.add(ValidatorHandler::startDocument);
        }

        @Override
        public void endDocument() throws SAXException {
            validator().endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            beforeRootOr(v -> v.startPrefixMapping(prefix, uri));
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            validator().endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if (validator == null) {
                startRoot(uri, localName);
            }
            Format known = Objects.requireNonNull(format);
            currentElement = localName;
            List<String> path = known.divertedPath();
            if (pathMatched == depth && depth < path.size() && path.get(depth).equals(localName)
                    && known.namespace().equals(uri)) {
                pathMatched = depth + 1;
                if (pathMatched == path.size()) {
                    content = new Base64Measure();
                }
            }
            depth++;
            validator().startElement(uri, localName, qName, attributes);
        }

        private void startRoot(String uri, String localName) throws SAXException {
            Format found = formats.stream().filter(f -> f.isRoot(uri, localName)).findFirst()
                    .orElseThrow(() -> new SAXException(unknownRoot(formats, localName, uri)));
            ValidatorHandler created = found.schema().streamingValidator(builder, this::currentElement);
            format = found;
            validator = created;
            for (Deferred event : beforeRoot) {
                event.replay(created);
            }
            beforeRoot.clear();
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            depth--;
            if (content != null && depth == pathMatched - 1) {
                measured.add(content.finish());
                content = null;
            }
            pathMatched = Math.min(pathMatched, depth);
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
            beforeRootOr(v -> v.processingInstruction(target, data));
        }

        @Override
        public void comment(char[] text, int start, int length) throws SAXException {
            if (validator == null) {
                char[] copy = Arrays.copyOfRange(text, start, start + length);
                beforeRoot.add(v -> builder.comment(copy, 0, copy.length));
            } else {
                builder.comment(text, start, length);
            }
        }
    }
}
