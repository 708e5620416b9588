package vn.lienthong.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.LexicalHandler;

/**
 * Parses untrusted XML into a namespace-aware DOM, and writes DOMs back to bytes.
 *
 * <p>DTDs are refused outright, which rules out entity expansion and external entities
 * whatever the parser's defaults; depth, attribute count and name length are bounded.
 * Parsers are kept per thread because building one costs more than parsing a small
 * envelope.
 */
public final class SecureXml {

    private static final String JDK_PROPERTY = "http://www.oracle.com/xml/jaxp/properties/";
    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    /** The JDK prefixes the errors of its jdk.xml.* limits with a JAXP code. */
    private static final Pattern JDK_LIMIT = Pattern.compile("JAXP\\d{8}:");

    /** Fails on the first error: a document is either entirely readable or refused. */
    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // warnings do not make a document unusable
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };

    private final XmlLimits limits;
    /** Builds documents, never parses: receipts, ledger heads, envelopes the gateway writes itself. */
    private static final DocumentBuilderFactory BUILDING = DocumentBuilderFactory.newDefaultInstance();

    static {
        BUILDING.setNamespaceAware(true);
    }

    private final DocumentBuilderFactory factory;
    private final SAXParserFactory saxParsers;
    private final ThreadLocal<DocumentBuilder> builders;

    public SecureXml(XmlLimits limits) {
        this.limits = limits;
        this.factory = hardenedFactory(limits);
        this.saxParsers = hardenedSaxFactory();
        this.builders = ThreadLocal.withInitial(this::newBuilder);
    }

    public SecureXml() {
        this(XmlLimits.DEFAULT);
    }

    public Document parse(byte[] xml) {
        return parse(new ByteArrayInputStream(xml));
    }

    /** Parses the whole stream; the caller bounds its size. */
    public Document parse(InputStream xml) {
        DocumentBuilder builder = builders.get();
        try {
            Document document = builder.parse(xml);
            requireWithinLimits(document);
            return document;
        } catch (SAXParseException e) {
            throw refusal(e);
        } catch (SAXException e) {
            throw new MalformedXmlException(MalformedXmlException.Reason.NOT_WELL_FORMED, e.getMessage(), -1, -1, e);
        } catch (CharConversionException | UnsupportedEncodingException e) {
            throw new MalformedXmlException(MalformedXmlException.Reason.ENCODING,
                    "the document's encoding cannot be read: " + e.getMessage(), -1, -1, e);
        } catch (IOException e) {
            throw new MalformedXmlException(MalformedXmlException.Reason.NOT_WELL_FORMED,
                    "unreadable input: " + e.getMessage(), -1, -1, e);
        } finally {
            builder.reset();
        }
    }

    /**
     * Reads untrusted XML as a stream of SAX events, with the same refusals and limits as
     * {@link #parse(InputStream)}, for documents too large to hold as a DOM. Comments are
     * reported when the handler is also a {@link LexicalHandler}.
     */
    public void stream(InputStream xml, ContentHandler handler) {
        try {
            XMLReader reader = saxParsers.newSAXParser().getXMLReader();
            reader.setProperty(JDK_PROPERTY + "maxElementDepth", Integer.toString(limits.maxElementDepth()));
            reader.setProperty(JDK_PROPERTY + "elementAttributeLimit", Integer.toString(limits.maxAttributesPerElement()));
            reader.setProperty(JDK_PROPERTY + "maxXMLNameLimit", Integer.toString(limits.maxNameLength()));
            reader.setProperty(JDK_PROPERTY + "entityExpansionLimit", "1");
            reader.setContentHandler(handler);
            reader.setErrorHandler(STRICT);
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not resolved: " + systemId);
            });
            if (handler instanceof LexicalHandler lexical) {
                reader.setProperty("http://xml.org/sax/properties/lexical-handler", lexical);
            }
            reader.parse(new InputSource(xml));
        } catch (SAXParseException e) {
            throw refusal(e);
        } catch (SAXException e) {
            if (e.getException() instanceof RuntimeException handlerFailure) {
                throw handlerFailure;
            }
            throw new MalformedXmlException(MalformedXmlException.Reason.NOT_WELL_FORMED, e.getMessage(), -1, -1, e);
        } catch (CharConversionException | UnsupportedEncodingException e) {
            throw new MalformedXmlException(MalformedXmlException.Reason.ENCODING,
                    "the document's encoding cannot be read: " + e.getMessage(), -1, -1, e);
        } catch (IOException e) {
            throw new MalformedXmlException(MalformedXmlException.Reason.NOT_WELL_FORMED,
                    "unreadable input: " + e.getMessage(), -1, -1, e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK SAX parser lacks a required security feature", e);
        }
    }

    /** Serialises a document as UTF-8 without reformatting (signed content must not move). */
    /** An empty, namespace-aware document to build XML in; nothing is parsed, so no limits apply. */
    public static Document newDocument() {
        try {
            return BUILDING.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK cannot create an XML document", e);
        }
    }

    public static byte[] serialize(Document document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        serialize(document, out);
        return out.toByteArray();
    }

    public static void serialize(Document document, OutputStream out) {
        try {
            SERIALIZER.get().transform(new DOMSource(document), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise an in-memory DOM", e);
        }
    }

    /**
     * One identity transformer per thread, reused: creating the factory on every receipt cost
     * about 1 % of the gateway's CPU under load, and neither factories nor transformers may be
     * shared between threads.
     */
    private static final ThreadLocal<Transformer> SERIALIZER = ThreadLocal.withInitial(() -> {
        try {
            TransformerFactory transformers = TransformerFactory.newDefaultInstance();
            transformers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = transformers.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            return transformer;
        } catch (TransformerException e) {
            throw new IllegalStateException("the JDK cannot create an XML serialiser", e);
        }
    });

    /**
     * Refuses attribute values longer than the limit: the JDK parser bounds names and counts
     * but not values. {@link #parse} checks this itself; callers of {@link #stream} that build
     * a DOM from the events check it on that DOM.
     */
    public void requireWithinLimits(Document document) {
        checkAttributeValues(document.getDocumentElement());
    }

    private void checkAttributeValues(Element element) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if (attribute.getNodeValue().length() > limits.maxAttributeValueLength()) {
                throw new MalformedXmlException(MalformedXmlException.Reason.LIMIT_EXCEEDED, "attribute "
                        + attribute.getNodeName() + " of <" + element.getTagName() + "> is longer than "
                        + limits.maxAttributeValueLength() + " characters", -1, -1, null);
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                checkAttributeValues(childElement);
            }
        }
    }

    /**
     * Classifies a parser error by what the JDK parser itself says, never by words that the
     * document could have put in the message (an element called {@code limit}, say).
     */
    private static MalformedXmlException refusal(SAXParseException e) {
        String message = e.getMessage() == null ? "not well-formed" : e.getMessage();
        MalformedXmlException.Reason reason;
        if (e.getCause() instanceof CharConversionException || e.getException() instanceof CharConversionException) {
            reason = MalformedXmlException.Reason.ENCODING;
        } else if (message.contains(DISALLOW_DOCTYPE)) {
            reason = MalformedXmlException.Reason.DOCTYPE;
        } else if (JDK_LIMIT.matcher(message).lookingAt()) {
            reason = MalformedXmlException.Reason.LIMIT_EXCEEDED;
        } else {
            reason = MalformedXmlException.Reason.NOT_WELL_FORMED;
        }
        return new MalformedXmlException(reason, message, e.getLineNumber(), e.getColumnNumber(), e);
    }

    private DocumentBuilder newBuilder() {
        try {
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(STRICT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not resolved: " + systemId);
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    }

    private static SAXParserFactory hardenedSaxFactory() {
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK SAX parser lacks a required security feature", e);
        }
        return factory;
    }

    private static DocumentBuilderFactory hardenedFactory(XmlLimits limits) {
        // The JDK's own parser: its security features and limits are known, whatever else is on the class path.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setCoalescing(false);
        factory.setIgnoringComments(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute(JDK_PROPERTY + "maxElementDepth", Integer.toString(limits.maxElementDepth()));
        factory.setAttribute(JDK_PROPERTY + "elementAttributeLimit", Integer.toString(limits.maxAttributesPerElement()));
        factory.setAttribute(JDK_PROPERTY + "maxXMLNameLimit", Integer.toString(limits.maxNameLength()));
        factory.setAttribute(JDK_PROPERTY + "entityExpansionLimit", "1");
        return factory;
    }
}
