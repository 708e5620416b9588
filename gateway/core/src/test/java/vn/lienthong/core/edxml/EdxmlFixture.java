package vn.lienthong.core.edxml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.w3c.dom.Document;
import vn.lienthong.core.envelope.EnvelopeSchema;
import vn.lienthong.xml.SecureXml;

/** The small edXML documents of src/test/resources/edxml, changed one thing at a time, parsed and validated. */
final class EdxmlFixture {

    static final EnvelopeSchema SCHEMA = EnvelopeSchema.load("edxml-v1.xsd");
    static final SecureXml XML = new SecureXml();

    private EdxmlFixture() {
    }

    static String document() {
        return resource("document.edxml");
    }

    static String status() {
        return resource("status.edxml");
    }

    /** Parses and validates, as the gateway does before reading. */
    static Document valid(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Document document = XML.parse(bytes);
        SCHEMA.validate(document, bytes);
        return document;
    }

    static Document valid(String text, UnaryOperator<String> change) {
        return valid(change.apply(text));
    }

    /** The one-based line of the first occurrence of {@code needle}. */
    static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        if (at < 0) {
            throw new IllegalArgumentException(needle + " is not in the text");
        }
        return 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(EdxmlFixture.class.getResourceAsStream("/edxml/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
