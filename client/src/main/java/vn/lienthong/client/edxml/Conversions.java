package vn.lienthong.client.edxml;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What both directions of the conversion share: the forms of times, base64, digests, new documents. */
final class Conversions {

    static final DateTimeFormatter EDXML_DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd").withResolverStyle(ResolverStyle.STRICT);
    static final DateTimeFormatter EDXML_TIMESTAMP = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    /** The envelope's CreatedAt: seconds always written, the offset as +07:00. */
    static final DateTimeFormatter ENVELOPE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private static final Pattern XML_WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");

    private Conversions() {
    }

    /** Strict base64 (RFC 4648), XML whitespace allowed anywhere. */
    static byte[] decode(String base64) {
        return Base64.getDecoder().decode(XML_WHITESPACE.matcher(base64).replaceAll(""));
    }

    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return encode(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** An empty document whose root is {@code name} in {@code namespace}, declared as the default namespace. */
    static Document newDocument(Elements elements, String namespace, String name) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().newDocument();
            Element root = elements.append(document, name);
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, XMLConstants.XMLNS_ATTRIBUTE, namespace);
            return document;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK cannot create an empty DOM", e);
        }
    }
}
