package vn.lienthong.client.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.SignatureRejectedException;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.xml.SecureXml;

/** The tutorial's hand-off as edXML and back, signed the edXML way, and what cannot convert. */
class DossierEdxmlTest {

    private static final Path TUTORIAL = Path.of("../docs/tutorial/dossier-handoff.xml");
    private static final DemoCertificateAuthority CA = DemoCertificateAuthority.create("Test CA", Duration.ofDays(1));
    private static final SigningKey DESK = CA.issueSigningKey("000.00.01.H53", "Bộ phận một cửa", KeyType.RSA_2048,
            Duration.ofDays(1));
    private static final DossierEdxml CONVERSION = new DossierEdxml();
    private static final Elements EDXML = new Elements(DossierEdxml.EDXML_NAMESPACE);

    private final SecureXml xml = new SecureXml();

    @Test
    void tutorialEnvelopeToEdxmlAndBackEqualsTheOriginalInEveryField() throws IOException {
        Document original = tutorial(UnaryOperator.identity());

        Document edxml = reparse(CONVERSION.toEdxml(original));
        Document back = reparse(CONVERSION.toEnvelope(edxml));

        assertThat(fields(back)).isEqualTo(fields(original));
    }

    @Test
    void edxmlSaysWhatTheEnvelopeSays() throws IOException {
        Document edxml = reparse(CONVERSION.toEdxml(tutorial(UnaryOperator.identity())));
        Element root = edxml.getDocumentElement();
        Element header = EDXML.child(EDXML.child(root, "edXMLEnvelope"), "edXMLHeader");
        Element message = EDXML.child(header, "MessageHeader");
        Element traces = EDXML.child(header, "TraceHeaderList");

        assertThat(EDXML.text(EDXML.child(message, "From"), "OrganId")).isEqualTo("000.00.01.H53");
        assertThat(EDXML.children(message, "To")).extracting(to -> EDXML.text(to, "OrganId"))
                .containsExactly("000.01.12.H53", "000.00.05.H53");
        assertThat(EDXML.text(message, "DocumentId")).isEqualTo("tutorial-0001");
        assertThat(EDXML.text(EDXML.child(message, "PromulgationInfo"), "PromulgationDate")).isEqualTo("2026/11/27");
        assertThat(EDXML.text(message, "Subject")).isEqualTo(EDXML.text(message, "Content"))
                .isEqualTo("Chuyển hồ sơ đăng ký biến động đất đai để thẩm định");
        assertThat(EDXML.text(message, "ApplicationType")).isEqualTo("lienthong-dossier");
        assertThat(EDXML.text(EDXML.child(traces, "TraceHeader"), "OrganId")).isEqualTo("000.00.01.H53");
        assertThat(EDXML.text(EDXML.child(traces, "TraceHeader"), "Timestamp")).isEqualTo("2026/11/27 09:15:00");
        assertThat(EDXML.text(EDXML.child(traces, "Bussiness"), "BussinessDocType")).isEqualTo("0");
        assertThat(EDXML.text(EDXML.child(EDXML.child(traces, "Bussiness"), "StaffInfo"), "Staff")).isEqualTo("Nguyễn Văn An");

        List<Element> attachments = EDXML.children(EDXML.child(root, "AttachmentEncoded"), "Attachment");
        assertThat(attachments).extracting(a -> EDXML.text(a, "ContentId")).containsExactly("cid:lienthong-dossier", "cid:component-1");
        assertThat(attachments).extracting(a -> EDXML.text(a, "ContentType"))
                .containsExactly("application/vnd.lienthong.dossier+xml", "text/plain");
        assertThat(attachments).extracting(a -> EDXML.text(a, "AttachmentName")).containsExactly("dossier.xml", "Đơn đăng ký biến động.txt");
        String transfer = new String(Base64.getDecoder().decode(EDXML.text(attachments.get(0), "ContentTransferEncoded")),
                StandardCharsets.UTF_8);
        assertThat(transfer).contains("<DossierTransfer xmlns=\"urn:lienthong:envelope:v1\"><Kind>handoff</Kind><Dossier>")
                .contains("<Code>000.00.01.H53-261127-0001</Code>");
    }

    @Test
    void replyPrefixedEnvelopeAndTimeInAnotherOffsetRoundTrip() throws IOException {
        Document original = tutorial(text -> text
                .replace("<Subject>", "<InReplyTo>tutorial-0000</InReplyTo><Subject>")
                .replace("2026-11-27T09:15:00+07:00", "2026-11-27T02:15:00Z")
                .replace("<Envelope xmlns=\"urn:lienthong:envelope:v1\">", "<env:Envelope xmlns:env=\"urn:lienthong:envelope:v1\">")
                .replace("</Envelope>", "</env:Envelope>")
                .replaceAll("<(/?)(Header|EnvelopeId|CreatedAt|Kind|From|To|InReplyTo|Subject|Dossier|Code|ProcedureCode"
                        + "|ProcedureName|ReceivedAt|PromisedReturnAt|Step|Name|AllowedTime|Applicant|Address|Phone|Components"
                        + "|Component|MediaType|Size|Sha256|Content)([ >])", "<$1env:$2$3"));

        Document back = reparse(CONVERSION.toEnvelope(reparse(CONVERSION.toEdxml(original))));

        List<String> expected = fields(original);
        expected.replaceAll(field -> field.replace("CreatedAt=2026-11-27T02:15:00Z", "CreatedAt=2026-11-27T09:15:00+07:00"));
        assertThat(fields(back)).contains("Envelope/Header/InReplyTo=tutorial-0000").isEqualTo(expected);
    }

    @Test
    void signedEdxmlCarriesItsSignatureInTheHeaderAndStillConvertsBack() throws IOException {
        byte[] unsigned = SecureXml.serialize(CONVERSION.toEdxml(tutorial(UnaryOperator.identity())));
        Document signed = xml.parse(new EnvelopeSigning(DESK).sign(unsigned));
        Element header = DossierEdxml.signatureParent(signed).orElseThrow();

        EnvelopedSignatureVerifier verifier = new EnvelopedSignatureVerifier();
        assertThat(verifier.verify(signed, header, false).signer()).isEqualTo(DESK.certificate());
        assertThatThrownBy(() -> verifier.verify(signed, false)).isInstanceOfSatisfying(SignatureRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureRejectedException.Reason.MISPLACED));
        assertThat(fields(CONVERSION.toEnvelope(signed))).isEqualTo(fields(tutorial(UnaryOperator.identity())));
        assertThatThrownBy(() -> new EnvelopeSigning(DESK).sign(SecureXml.serialize(signed)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void componentStoredByReferenceCannotTravelAsEdxml() {
        assertRefused(() -> CONVERSION.toEdxml(tutorial(text -> text.replaceFirst("<Content>[^<]*</Content>",
                "<ContentReference>https://files.example/don.txt</ContentReference>"))), "stored by reference");
    }

    @Test
    void componentContradictingItsDigestIsRefused() {
        assertRefused(() -> CONVERSION.toEdxml(tutorial(text -> text.replace("<Size>173</Size>", "<Size>174</Size>"))),
                "does not match its Size and Sha256");
    }

    @Test
    void invalidEnvelopeIsRefused() {
        assertRefused(() -> CONVERSION.toEdxml(tutorial(text -> text.replace("<ProcedureCode>1.004227", "<ProcedureCode>1.04227"))),
                "not a valid envelope");
        assertRefused(() -> CONVERSION.toEnvelope(tutorial(UnaryOperator.identity())), "not edXML");
    }

    @Test
    void edxmlThatIsNotDossierTrafficIsRefused() throws IOException {
        String edxml = edxml();
        assertRefused(() -> CONVERSION.toEnvelope(parse(edxml.replace("<ApplicationType>lienthong-dossier</ApplicationType>", ""))),
                "not dossier traffic: ApplicationType is absent");
        assertRefused(() -> CONVERSION.toEnvelope(parse(edxml.replaceFirst("<Attachment><ContentId>cid:lienthong-dossier</ContentId>"
                + ".*?</Attachment>", ""))), "has no attachment cid:lienthong-dossier");
    }

    @Test
    void edxmlWhoseDocumentIdIsNoEnvelopeIdIsRefused() throws IOException {
        String edxml = edxml().replace("<DocumentId>tutorial-0001</DocumentId>",
                "<DocumentId>000.00.01.H53,2026/11/27,15/TTPVHCC</DocumentId>");
        assertRefused(() -> CONVERSION.toEnvelope(parse(edxml)), "makes no valid envelope");
    }

    @Test
    void badDossierAttachmentIsRefused() throws IOException {
        String edxml = edxml();
        String dossierContent = edxml.replaceFirst("(?s).*<ContentId>cid:lienthong-dossier</ContentId>.*?<ContentTransferEncoded>([^<]*)<.*", "$1");
        String notXml = Base64.getEncoder().encodeToString("<DossierTransfer".getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> CONVERSION.toEnvelope(parse(edxml.replace(dossierContent, notXml))), "line 1");
        assertRefused(() -> CONVERSION.toEnvelope(parse(edxml.replace(dossierContent, "${placeholder}"))), "not valid base64");
    }

    private static void assertRefused(ThrowingCallable conversion, String message) {
        assertThatThrownBy(conversion).isInstanceOf(EdxmlConversionException.class).hasMessageContaining(message);
    }

    private String edxml() throws IOException {
        return new String(SecureXml.serialize(CONVERSION.toEdxml(tutorial(UnaryOperator.identity()))), StandardCharsets.UTF_8);
    }

    private Document tutorial(UnaryOperator<String> change) {
        try {
            return parse(change.apply(Files.readString(TUTORIAL)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Document parse(String text) {
        return xml.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private Document reparse(Document document) {
        return xml.parse(SecureXml.serialize(document));
    }

    /** Every element's text and every attribute, by path of local names, in document order; whitespace between elements and comments left out. */
    private static List<String> fields(Document document) {
        List<String> fields = new ArrayList<>();
        collect(document.getDocumentElement(), "", fields);
        return fields;
    }

    private static void collect(Element element, String parent, List<String> fields) {
        String path = parent + element.getLocalName();
        assertThat(element.getNamespaceURI()).isEqualTo(DossierEdxml.ENVELOPE_NAMESPACE);
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                fields.add(path + "@" + attribute.getLocalName() + "=" + attribute.getNodeValue());
            }
        }
        boolean leaf = true;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                leaf = false;
                collect(childElement, path + "/", fields);
            }
        }
        if (leaf) {
            fields.add(path + "=" + element.getTextContent());
        }
    }
}
