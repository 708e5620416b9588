package vn.lienthong.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.xml.security.c14n.Canonicalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.xml.SecureXml;

/**
 * The streaming canonicalizer against Santuario's, on documents that exercise every rule of
 * C14N that a DTD-less document can reach: namespaces declared, redeclared, undeclared and
 * unused, attribute order and escaping, text escaping, CDATA, comments and processing
 * instructions inside and outside the root, characters beyond the BMP split across chunks.
 */
class StreamingCanonicalizerTest {

    private static final String DSIG = "xmlns:ds='http://www.w3.org/2000/09/xmldsig#'";
    private static final List<String> DOCUMENTS = List.of(
            "<a xmlns='urn:a'><b>t</b></a>",
            "<p:a xmlns:p='urn:p' xmlns:q='urn:q' xmlns='urn:d'><q:b p:x='1' y='2'/><c xmlns=''/><p:d/></p:a>",
            "<a xmlns:p='urn:p'><b xmlns:p='urn:p'><p:c/></b><b xmlns:p='urn:other'><p:c p:k='1'/></b></a>",
            "<a z='1' a='&amp;&lt;&quot;&#9;&#10;&#13;&gt;' xmlns:b='urn:b' b:k='v' b:a='w'>x &amp; &lt; &gt; &#13; \"'</a>",
            "<?pi a?><!--c--><a><![CDATA[<x>&]]><?p d?><!--in--><b/></a><!--after--><?end?>",
            "<a xml:lang='vi' xmlns:x='urn:x'><b xml:space='preserve' x:y='1'>  Hồ sơ đất đai  </b></a>",
            "<e xmlns='urn:lienthong:envelope:v1'><h>x</h><ds:Signature " + DSIG + "><ds:SignedInfo/></ds:Signature></e>",
            "<e xmlns='urn:e'><ds:Signature " + DSIG + " xmlns:z='urn:z'><z:q/></ds:Signature><f><ds:Signature "
                    + DSIG + "/></f></e>",
            "<a xmlns='urn:a'><b xmlns=''><c xmlns='urn:a'/></b><d xmlns='urn:d'/></a>",
            "<r xmlns:a='urn:a' xmlns:b='urn:b'><a:x><b:y a:z='1'/></a:x><x/></r>",
            "<r>" + "Hồ sơ 😀 ".repeat(5000) + "<x a='😀'/>" + "é".repeat(10000) + "</r>");

    private static final List<String> METHODS = List.of(
            Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N_WITH_COMMENTS,
            Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N_EXCL_WITH_COMMENTS,
            Canonicalizer.ALGO_ID_C14N11_OMIT_COMMENTS);

    static Stream<Arguments> cases() {
        XmlDsig.init();
        return DOCUMENTS.stream().flatMap(document -> METHODS.stream().map(method -> Arguments.of(document, method)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameBytesAsSantuario(String document, String method) throws Exception {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        assertThat(streamed(bytes, method, Set.of())).isEqualTo(santuario(bytes, method, null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameBytesAsSantuarioWithAnInclusivePrefixList(String document, String method) throws Exception {
        if (!method.startsWith("http://www.w3.org/2001/10/xml-exc-c14n#")) {
            return;
        }
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        assertThat(streamed(bytes, method, Set.of("", "q", "x")))
                .isEqualTo(santuario(bytes, method, "#default q x"));
    }

    private static String streamed(byte[] document, String method, Set<String> prefixes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SecureXml().stream(new ByteArrayInputStream(document), new StreamingCanonicalizer(out,
                method.startsWith("http://www.w3.org/2001/10/xml-exc-c14n#"), method.endsWith("#WithComments"), prefixes));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Santuario on the DOM with the enveloped signature (a Signature child of the root) removed. */
    private static String santuario(byte[] bytes, String method, String prefixes) throws Exception {
        Document document = new SecureXml().parse(bytes);
        Element root = document.getDocumentElement();
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && "Signature".equals(element.getLocalName())
                    && XmlDsig.NAMESPACE.equals(element.getNamespaceURI())) {
                root.removeChild(element);
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Canonicalizer canonicalizer = Canonicalizer.getInstance(method);
        if (prefixes == null) {
            canonicalizer.canonicalizeSubtree(document, out);
        } else {
            canonicalizer.canonicalizeSubtree(document, prefixes, out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
