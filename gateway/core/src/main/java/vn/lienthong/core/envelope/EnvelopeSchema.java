package vn.lienthong.core.envelope;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/**
 * XSD validation against a schema of the public contract, compiled once.
 *
 * <p>The parsed DOM is validated, so the common, valid case reads the XML only once. When it
 * fails, the original bytes are validated again to report the line and column, which a DOM
 * no longer knows.
 */
public final class EnvelopeSchema {

    private static final String CURRENT_NODE = "http://apache.org/xml/properties/dom/current-element-node";
    private static final String SCHEMA_LOCATION = "lienthong/schemas/";

    private final String name;
    private final Schema schema;
    private final ThreadLocal<Validator> validators;

    private EnvelopeSchema(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
        this.validators = ThreadLocal.withInitial(this::newValidator);
    }

    /** Loads an XSD shipped in the schemas module, such as {@code envelope-v1.xsd}. */
    public static EnvelopeSchema load(String xsdName) {
        URL url = Objects.requireNonNull(EnvelopeSchema.class.getClassLoader().getResource(SCHEMA_LOCATION + xsdName),
                () -> "schema " + xsdName + " is not on the class path");
        try (InputStream in = url.openStream()) {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return new EnvelopeSchema(xsdName, factory.newSchema(new StreamSource(in, url.toExternalForm())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + xsdName, e);
        } catch (SAXException e) {
            throw new IllegalStateException("schema " + xsdName + " does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * @param original the bytes the document was parsed from, read again only on failure
     * @throws GatewayException ENVELOPE_SCHEMA_INVALID with {@code line}, {@code column}, {@code rule}
     */
    public void validate(Document document, byte[] original) {
        Validator validator = validators.get();
        try {
            validator.validate(new DOMSource(document));
        } catch (SAXParseException onDom) {
            Node where = currentNode(validator);
            throw invalid(locate(original).orElse(onDom), where);
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("validation against " + name + " failed unexpectedly", e);
        }
    }

    /**
     * A validator for a document read as SAX events, passing them on to {@code next}. An
     * invalid document stops the reading with an ENVELOPE_SCHEMA_INVALID exception (wrapped in
     * a SAXException, as SAX requires) naming the line and the element {@code current} names.
     */
    public ValidatorHandler streamingValidator(ContentHandler next, Supplier<@Nullable String> current) {
        ValidatorHandler handler = schema.newValidatorHandler();
        try {
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            handler.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK validator lacks a required security feature", e);
        }
        handler.setContentHandler(next);
        handler.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException exception) {
                // a warning does not make the document invalid
            }

            @Override
            public void error(SAXParseException exception) throws SAXException {
                throw new SAXException(invalid(exception, current.get()));
            }

            @Override
            public void fatalError(SAXParseException exception) throws SAXException {
                throw new SAXException(invalid(exception, current.get()));
            }
        });
        return handler;
    }

    private Optional<SAXParseException> locate(byte[] original) {
        Validator validator = newValidator();
        try {
            Source source = new StreamSource(new ByteArrayInputStream(original));
            validator.validate(source);
            return Optional.empty();
        } catch (SAXParseException e) {
            return Optional.of(e);
        } catch (SAXException | IOException e) {
            return Optional.empty();
        }
    }

    private static @Nullable Node currentNode(Validator validator) {
        try {
            return (Node) validator.getProperty(CURRENT_NODE);
        } catch (SAXException e) {
            return null;
        }
    }

    private GatewayException invalid(SAXParseException error, @Nullable Node where) {
        return invalid(error, where == null ? null : where.getLocalName());
    }

    private GatewayException invalid(SAXParseException error, @Nullable String element) {
        String message = Objects.requireNonNullElse(error.getMessage(), "invalid");
        int colon = message.indexOf(':');
        String rule = message.startsWith("cvc-") && colon > 0 ? message.substring(0, colon) : "schema";
        String explanation = colon > 0 && message.startsWith("cvc-") ? message.substring(colon + 1).strip() : message;
        StringBuilder detail = new StringBuilder();
        if (error.getLineNumber() > 0) {
            detail.append("line ").append(error.getLineNumber()).append(", column ").append(error.getColumnNumber()).append(": ");
        }
        if (element != null) {
            detail.append('<').append(element).append("> ");
        }
        detail.append(explanation).append(" (").append(rule).append(", ").append(name).append(')');
        GatewayException.Builder builder = ErrorCode.ENVELOPE_SCHEMA_INVALID.exception(detail.toString())
                .with("rule", rule)
                .with("schema", name);
        if (error.getLineNumber() > 0) {
            builder.with("line", error.getLineNumber()).with("column", error.getColumnNumber());
        }
        if (element != null) {
            builder.with("element", element);
        }
        return builder.build();
    }

    private Validator newValidator() {
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK validator lacks a required security feature", e);
        }
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException exception) {
                // a warning does not make the document invalid
            }

            @Override
            public void error(SAXParseException exception) throws SAXException {
                throw exception;
            }

            @Override
            public void fatalError(SAXParseException exception) throws SAXException {
                throw exception;
            }
        });
        return validator;
    }
}
