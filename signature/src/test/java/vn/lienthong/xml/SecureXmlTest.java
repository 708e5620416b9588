package vn.lienthong.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SecureXmlTest {

    private final SecureXml xml = new SecureXml();

    @Test
    void parsesNamespaceAwareDocument() {
        Document document = xml.parse(bytes("<a:root xmlns:a='urn:x'><a:child/></a:root>"));
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("root");
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("urn:x");
    }

    @Test
    void notWellFormedIsRefusedWithItsLine() {
        assertThatThrownBy(() -> xml.parse(bytes("<root>\n<open>\n</root>")))
                .isInstanceOfSatisfying(MalformedXmlException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MalformedXmlException.Reason.NOT_WELL_FORMED);
                    assertThat(e.line()).isEqualTo(3);
                });
    }

    @Test
    void doctypeIsRefusedSoNoEntityIsEverExpanded() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><r>&x;</r>";
        assertThatThrownBy(() -> xml.parse(bytes(xxe)))
                .isInstanceOfSatisfying(MalformedXmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedXmlException.Reason.DOCTYPE));
    }

    @Test
    void excessiveDepthIsRefused() {
        String deep = "<a>".repeat(100) + "</a>".repeat(100);
        assertThatThrownBy(() -> xml.parse(bytes(deep)))
                .isInstanceOfSatisfying(MalformedXmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedXmlException.Reason.LIMIT_EXCEEDED));
    }

    @Test
    void excessiveAttributeCountIsRefused() {
        StringBuilder element = new StringBuilder("<a");
        for (int i = 0; i < 100; i++) {
            element.append(" x").append(i).append("='1'");
        }
        element.append("/>");
        assertThatThrownBy(() -> xml.parse(bytes(element.toString())))
                .isInstanceOfSatisfying(MalformedXmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedXmlException.Reason.LIMIT_EXCEEDED));
    }

    @Test
    void billionLaughsIsRefusedAtTheDoctype() {
        String laughs = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]><lolz>&lol2;</lolz>";
        assertThatThrownBy(() -> xml.parse(bytes(laughs)))
                .isInstanceOfSatisfying(MalformedXmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedXmlException.Reason.DOCTYPE));
    }

    @Test
    void invalidUtf8IsAnEncodingError() {
        byte[] latin1 = "<?xml version='1.0' encoding='UTF-8'?><r>Hồ sơ</r>".getBytes(StandardCharsets.UTF_8);
        latin1[latin1.length - 9] = (byte) 0xC3;
        latin1[latin1.length - 8] = (byte) 0x28;
        assertThatThrownBy(() -> xml.parse(latin1))
                .isInstanceOfSatisfying(MalformedXmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedXmlException.Reason.ENCODING));
    }

    @Test
    void unknownEncodingIsAnEncodingError() {
        assertThatThrownBy(() -> xml.parse(bytes("<?xml version='1.0' encoding='x-klingon'?><r/>")))
                .isInstanceOfSatisfying(MalformedXmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedXmlException.Reason.ENCODING));
    }

    @Test
    void wordsInTheDocumentDoNotChangeTheClassification() {
        for (String name : new String[] {"limit", "doctype", "encoding", "jdk.xml.maxElementDepth"}) {
            assertThatThrownBy(() -> xml.parse(bytes("<r><" + name + "></r>")))
                    .isInstanceOfSatisfying(MalformedXmlException.class,
                            e -> assertThat(e.reason()).as(name).isEqualTo(MalformedXmlException.Reason.NOT_WELL_FORMED));
        }
    }

    @Test
    void overlongAttributeValueIsRefused() {
        String value = "x".repeat(XmlLimits.DEFAULT.maxAttributeValueLength() + 1);
        assertThatThrownBy(() -> xml.parse(bytes("<r><c a='" + value + "'/></r>")))
                .isInstanceOfSatisfying(MalformedXmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedXmlException.Reason.LIMIT_EXCEEDED));
    }

    @Test
    void serialisationKeepsContent() {
        Document document = xml.parse(bytes("<root xmlns='urn:x'><v>Hồ sơ</v></root>"));
        String text = new String(SecureXml.serialize(document), StandardCharsets.UTF_8);
        assertThat(text).contains("<v>Hồ sơ</v>");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
