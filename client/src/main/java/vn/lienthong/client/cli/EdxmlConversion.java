package vn.lienthong.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.w3c.dom.Document;
import vn.lienthong.client.edxml.EdxmlConversionException;
import vn.lienthong.xml.MalformedXmlException;
import vn.lienthong.xml.SecureXml;

/** Reads a file, converts it, writes the result: what both edxml commands do. */
final class EdxmlConversion {

    private EdxmlConversion() {
    }

    static void convert(Path in, Path out, UnaryOperator<Document> conversion) throws IOException {
        Document document;
        try {
            document = new SecureXml().parse(Files.readAllBytes(in));
        } catch (MalformedXmlException e) {
            throw new EdxmlConversionException(in + " is not XML the gateway reads"
                    + (e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : "") + ": " + e.getMessage(), e);
        }
        Files.write(out, SecureXml.serialize(conversion.apply(document)));
    }
}
