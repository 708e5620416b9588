package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.lienthong.core.envelope.ComponentContent;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.core.envelope.EnvelopeKind;
import vn.lienthong.core.envelope.EnvelopeOutline;
import vn.lienthong.core.envelope.EnvelopeSchema;
import vn.lienthong.core.envelope.Spool;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.EnvelopedSigner;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.xml.SecureXml;

/**
 * An edXML document above the in-memory limit, read as a stream like a large envelope: the
 * attachments' base64 is measured, not held; the rest is an outline that reads, whose
 * attachments are checked, whose dossier is read and whose signature in edXMLHeader verifies.
 */
class EdxmlOutlineTest {

    private static final Path TUTORIAL = Path.of("../../docs/tutorial/dossier-handoff.xml");
    private static final EnvelopeSchema ENVELOPE_SCHEMA = EnvelopeSchema.load("envelope-v1.xsd");
    private static final int LARGE = 3 * 1024 * 1024;

    @TempDir
    Path folder;

    private final EnvelopeOutline outlines = new EnvelopeOutline(EdxmlFixture.XML,
            List.of(EnvelopeOutline.Format.envelope(ENVELOPE_SCHEMA), EdxmlReader.outlineFormat(EdxmlFixture.SCHEMA)));

    @Test
    void largeDocumentIsReadWithoutHoldingItsAttachments() throws Exception {
        byte[] large = randomBytes(LARGE);
        try (EnvelopeBytes bytes = spooled(largeDocument(large, UnaryOperator.identity()))) {
            assertThat(bytes.inMemory()).isFalse();

            EnvelopeOutline.Outline outline = outlines.read(bytes);

            List<Element> contents = contents(outline.document());
            assertThat(contents).hasSize(3).allSatisfy(content -> assertThat(content.getTextContent()).isEmpty());
            assertThat(outline.contents()).extracting(ComponentContent.Measured::size)
                    .containsExactly((long) dossierTransfer().length, (long) "Hồ sơ 1".getBytes(StandardCharsets.UTF_8).length, (long) LARGE);
            assertThat(outline.contents().get(2).sha256())
                    .isEqualTo(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(large)));
            new EdxmlAttachments().check(outline.document(), outline.contents());

            EdxmlMessage message = new EdxmlReader().read(outline.document());
            assertThat(message.attachments()).extracting(EdxmlMessage.Attachment::name)
                    .containsExactly("dossier.xml", "note.txt", "scan.pdf");
            EdxmlDossier.Content dossier = new EdxmlDossier(EdxmlFixture.XML, ENVELOPE_SCHEMA).read(bytes, message);
            assertThat(dossier.kind()).isEqualTo(EnvelopeKind.HANDOFF);
            assertThat(dossier.dossier().code()).isEqualTo("000.00.01.H53-261127-0001");
        }
    }

    @Test
    void badBase64InALargeAttachmentIsRefusedNamingIt() throws IOException {
        String placeholder = "${__StringFromFile(scan.pdf,,,)}";
        try (EnvelopeBytes bytes = spooled(largeDocument(randomBytes(LARGE), text -> text.replace("<ContentTransferEncoded>"
                + Base64.getEncoder().encodeToString("Hồ sơ 1".getBytes(StandardCharsets.UTF_8)), "<ContentTransferEncoded>" + placeholder)))) {
            EnvelopeOutline.Outline outline = outlines.read(bytes);
            assertThatThrownBy(() -> new EdxmlAttachments().check(outline.document(), outline.contents()))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.EDXML_ATTACHMENT_INVALID);
                        assertThat(e.properties()).containsEntry("attachment", "note.txt").containsEntry("contentId", "cid:1");
                    });
        }
    }

    @Test
    void schemaErrorInALargeDocumentNamesItsLine() throws IOException {
        String text = largeDocument(randomBytes(LARGE), t -> t.replace("<BussinessDocType>0<", "<BussinessDocType>7<"));
        try (EnvelopeBytes bytes = spooled(text)) {
            assertThatThrownBy(() -> outlines.read(bytes)).isInstanceOfSatisfying(GatewayException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.ENVELOPE_SCHEMA_INVALID);
                assertThat(e.properties()).containsEntry("line", EdxmlFixture.lineOf(text, "<BussinessDocType>"))
                        .containsEntry("rule", "cvc-pattern-valid").containsEntry("element", "BussinessDocType");
            });
        }
    }

    @Test
    void signatureInTheHeaderOfALargeDocumentVerifiesAsAStream() throws IOException {
        SigningKey key = DemoCertificateAuthority.create("Test CA", Duration.ofDays(1))
                .issueSigningKey("000.00.01.H53", "Trung tâm", KeyType.EC_P256, Duration.ofDays(1));
        Document document = new SecureXml().parse(largeDocument(randomBytes(LARGE), UnaryOperator.identity())
                .getBytes(StandardCharsets.UTF_8));
        new EnvelopedSigner(key).sign(document, header(document));
        Path signed = folder.resolve("signed.edxml");
        Files.write(signed, SecureXml.serialize(document));

        try (EnvelopeBytes bytes = EnvelopeBytes.read(Files.newInputStream(signed), Long.MAX_VALUE, new Spool(64 * 1024, folder))) {
            Document outline = outlines.read(bytes).document();
            assertThat(new EnvelopedSignatureVerifier().verify(outline, header(outline), bytes::open, false).signer())
                    .isEqualTo(key.certificate());
        }
    }

    @Test
    void largeEnvelopeStillReadsThroughTheSameOutlineAndOtherRootsAreRefused() throws IOException {
        try (EnvelopeBytes bytes = spooled(Files.readString(TUTORIAL).replace("</Dossier>",
                "</Dossier>" + "<!--" + " ".repeat(200_000) + "-->"))) {
            EnvelopeOutline.Outline outline = outlines.read(bytes);
            assertThat(outline.document().getDocumentElement().getLocalName()).isEqualTo("Envelope");
            assertThat(outline.contents()).singleElement().satisfies(measured -> assertThat(measured.size()).isEqualTo(173));
        }
        try (EnvelopeBytes bytes = spooled("<!-- before -->\n<other xmlns='urn:x'>" + " ".repeat(200_000) + "</other>")) {
            assertThatThrownBy(() -> outlines.read(bytes)).isInstanceOfSatisfying(GatewayException.class, e -> {
                assertThat(e.properties()).containsEntry("rule", "root-element");
                assertThat(e.detail()).contains("<Envelope xmlns=\"urn:lienthong:envelope:v1\"> or <edXML xmlns=\""
                        + EdxmlReader.NAMESPACE + "\">, found <other>");
            });
        }
    }

    /** The small document, with a dossier attachment first and a large scan last, as dossier traffic. */
    private static String largeDocument(byte[] large, UnaryOperator<String> change) throws IOException {
        String dossier = "<Attachment><ContentId>cid:lienthong-dossier</ContentId><AttachmentName>dossier.xml</AttachmentName>"
                + "<ContentType>application/vnd.lienthong.dossier+xml</ContentType><ContentTransferEncoded>"
                + Base64.getMimeEncoder().encodeToString(dossierTransfer()) + "</ContentTransferEncoded></Attachment>";
        String scan = "<Attachment><ContentId>cid:2</ContentId><AttachmentName>scan.pdf</AttachmentName>"
                + "<ContentType>application/pdf</ContentType><ContentTransferEncoded>"
                + Base64.getMimeEncoder().encodeToString(large) + "</ContentTransferEncoded></Attachment>";
        return change.apply(EdxmlFixture.document()
                .replace("</Subject>", "</Subject><ApplicationType>lienthong-dossier</ApplicationType>")
                .replace("SOG7ky\n        BzxqE=", Base64.getEncoder().encodeToString("Hồ sơ 1".getBytes(StandardCharsets.UTF_8)))
                .replace("<AttachmentEncoded>", "<AttachmentEncoded>" + dossier)
                .replace("</AttachmentEncoded>", scan + "</AttachmentEncoded>"));
    }

    private static byte[] dossierTransfer() throws IOException {
        String envelope = Files.readString(TUTORIAL);
        String dossier = envelope.substring(envelope.indexOf("<Dossier>"), envelope.indexOf("</Dossier>") + "</Dossier>".length());
        return ("<DossierTransfer xmlns=\"urn:lienthong:envelope:v1\"><Kind>handoff</Kind>" + dossier + "</DossierTransfer>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private EnvelopeBytes spooled(String text) {
        return EnvelopeBytes.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE,
                new Spool(64 * 1024, folder));
    }

    private static List<Element> contents(Document document) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = document.getElementsByTagNameNS(EdxmlReader.NAMESPACE, "ContentTransferEncoded");
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static Element header(Document document) {
        return (Element) document.getElementsByTagNameNS(EdxmlReader.NAMESPACE, "edXMLHeader").item(0);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(102).nextBytes(bytes);
        return bytes;
    }
}
