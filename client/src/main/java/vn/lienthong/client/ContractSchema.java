package vn.lienthong.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * An XSD of the public contract (the schemas module, {@code lienthong/schemas/} on the class
 * path), compiled once by whoever holds it.
 */
public final class ContractSchema {

    private final String name;
    private final Schema schema;

    private ContractSchema(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
    }

    public String name() {
        return name;
    }

    /** The first violation, or empty when the document is valid. */
    public Optional<String> violation(Document document) {
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new DOMSource(document));
            return Optional.empty();
        } catch (SAXException e) {
            return Optional.of(Objects.requireNonNullElse(e.getMessage(), "invalid") + " (" + name + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("validating against " + name + " read nothing external, yet failed", e);
        }
    }

    /** Compiles an XSD of the schemas module, such as {@code envelope-v1.xsd}; keep the result. */
    public static ContractSchema load(String name) {
        URL url = Objects.requireNonNull(ContractSchema.class.getClassLoader().getResource("lienthong/schemas/" + name),
                () -> "schema " + name + " is not on the class path (lienthong-schemas)");
        try (InputStream in = url.openStream()) {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return new ContractSchema(name, factory.newSchema(new StreamSource(in, url.toExternalForm())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + name, e);
        } catch (SAXException e) {
            throw new IllegalStateException("schema " + name + " does not compile: " + e.getMessage(), e);
        }
    }
}
