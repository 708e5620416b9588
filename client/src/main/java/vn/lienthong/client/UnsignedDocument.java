package vn.lienthong.client;

import org.w3c.dom.Document;
import vn.lienthong.xml.SecureXml;

/**
 * What the library's builders produce: an XML document checked against its schema and not
 * yet signed. Sign it once and submit those bytes, as often as needed: signing again makes a
 * different document under the same id, which the gateway refuses.
 */
public abstract class UnsignedDocument {

    private final Document document;

    protected UnsignedDocument(Document document) {
        this.document = document;
    }

    /** A copy of the DOM. */
    public final Document document() {
        return (Document) document.cloneNode(true);
    }

    /** The unsigned document, UTF-8. */
    public final byte[] toBytes() {
        return SecureXml.serialize(document);
    }

    /** The signed document, ready to submit byte for byte. */
    public final byte[] sign(EnvelopeSigning signing) {
        return signing.sign(toBytes());
    }
}
