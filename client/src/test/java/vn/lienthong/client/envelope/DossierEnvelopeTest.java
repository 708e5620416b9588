package vn.lienthong.client.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.client.ContractSchema;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.xml.SecureXml;

class DossierEnvelopeTest {

    private static final String TUTORIAL_COMPONENT_SHA256 = "RBlt17cp5WfqDVY8lzWdDTkjdOm1+9b8YfKXMrB4r7k=";

    @TempDir
    Path folder;

    /** Builds the tutorial's hand-off with the builder / result: valid against the XSD, the same facts and digest as the file. */
    @Test
    void buildsTheTutorialHandoffValidAgainstTheContract() throws Exception {
        Document tutorial = new SecureXml().parse(Files.readAllBytes(tutorialFile()));
        byte[] componentBytes = Base64.getDecoder().decode(text(tutorial, "Content"));
        Path file = folder.resolve("Đơn đăng ký biến động.txt");
        Files.write(file, componentBytes);

        DossierEnvelope envelope = tutorialHandoff().component(Component.inline(file, "text/plain")).build();

        Document built = new SecureXml().parse(envelope.toBytes());
        assertThat(ContractSchema.load("envelope-v1.xsd").violation(built)).isEmpty();
        for (String field : new String[] {"EnvelopeId", "CreatedAt", "Kind", "From", "Subject", "Code", "ProcedureCode",
                "ProcedureName", "ReceivedAt", "PromisedReturnAt", "AllowedTime", "Name", "Size", "Sha256", "Content"}) {
            assertThat(text(built, field)).as(field).isEqualTo(text(tutorial, field));
        }
        assertThat(text(built, "Sha256")).isEqualTo(TUTORIAL_COMPONENT_SHA256);
        assertThat(built.getElementsByTagNameNS(DossierEnvelope.NAMESPACE, "To").getLength()).isEqualTo(2);
        assertThat(((Element) built.getElementsByTagNameNS(DossierEnvelope.NAMESPACE, "From").item(0))
                .getAttribute("officer")).isEqualTo("Nguyễn Văn An");
        assertThat(envelope.id()).isEqualTo("tutorial-0001");
        assertThat(envelope.dossierCode()).isEqualTo("000.00.01.H53-261127-0001");
    }

    /** Streams 8 MB through a referenced component / result: size and SHA-256 of exactly those bytes, nothing inline. */
    @Test
    void referencedComponentIsMeasuredWhileStreaming() throws Exception {
        long size = 8L * 1024 * 1024 + 3;
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new PatternStream(size)) {
            in.transferTo(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), expected));
        }

        Component component;
        try (InputStream in = new PatternStream(size)) {
            component = Component.referenced("ban-do.tif", "image/tiff", URI.create("https://files.example.gov.vn/1"), in);
        }

        assertThat(component.size()).isEqualTo(size);
        assertThat(component.sha256()).isEqualTo(Base64.getEncoder().encodeToString(expected.digest()));
        assertThat(component.content()).isNull();
        Document built = new SecureXml().parse(tutorialHandoff().component(component).build().toBytes());
        assertThat(text(built, "ContentReference")).isEqualTo("https://files.example.gov.vn/1");
    }

    /** Inlines a stream / result: base64 that decodes to the same bytes, with their digest. */
    @Test
    void inlineComponentEncodesWhatItDigests() throws Exception {
        byte[] bytes = "Giấy chứng nhận".getBytes(StandardCharsets.UTF_8);
        Component component = Component.inline("gcn.txt", "text/plain", bytes);
        assertThat(Base64.getDecoder().decode(component.content())).isEqualTo(bytes);
        assertThat(component.size()).isEqualTo(bytes.length);
        assertThat(component.sha256()).isEqualTo(Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    /** Signs a built envelope with a demo key / result: the enveloped signature verifies as the gateway checks it. */
    @Test
    void builtEnvelopeSignsAndVerifies() {
        var key = DemoCertificateAuthority.create("Test CA", Duration.ofDays(1))
                .issueSigningKey("desk", "test", DemoCertificateAuthority.KeyType.EC_P256, Duration.ofDays(1));
        byte[] signed = tutorialHandoff().build().sign(new EnvelopeSigning(key));
        assertThat(new EnvelopedSignatureVerifier().verify(new SecureXml().parse(signed), false).signer())
                .isEqualTo(key.certificate());
    }

    /** Converts a built envelope to edXML / result: an edXML document that converts back to the same dossier. */
    @Test
    void builtEnvelopeConvertsToEdxml() {
        byte[] edxml = tutorialHandoff().build().toEdxml();
        Document document = new SecureXml().parse(edxml);
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("edXML");
        Document back = new vn.lienthong.client.edxml.DossierEdxml().toEnvelope(document);
        assertThat(text(back, "Code")).isEqualTo("000.00.01.H53-261127-0001");
    }

    /** Leaves out the recipients / result: refused, naming the missing field. */
    @Test
    void missingRecipientIsRefused() {
        assertThatThrownBy(() -> DossierEnvelope.builder().id("x-1").kind(EnvelopeKind.HANDOFF).from("000.00.01.H53")
                .dossier("000.00.01.H53-261127-0001", "1.004227").build())
                .isInstanceOf(EnvelopeInvalidException.class).hasMessageContaining("recipient");
    }

    /** A status envelope without a status / result: refused before the gateway would refuse it (DOSSIER_STATUS_MISSING). */
    @Test
    void statusEnvelopeNeedsAStatus() {
        assertThatThrownBy(() -> tutorialHandoff().kind(EnvelopeKind.STATUS).build())
                .isInstanceOf(EnvelopeInvalidException.class).hasMessageContaining("status");
    }

    /** A dossier code out of the national pattern / result: refused with the schema's violation. */
    @Test
    void schemaViolationIsRefused() {
        assertThatThrownBy(() -> tutorialHandoff().dossier("HS-1", "1.004227").build())
                .isInstanceOf(EnvelopeInvalidException.class).hasMessageContaining("HS-1").hasMessageContaining("envelope-v1.xsd");
    }

    private static DossierEnvelope.Builder tutorialHandoff() {
        return DossierEnvelope.builder()
                .id("tutorial-0001")
                .kind(EnvelopeKind.HANDOFF)
                .createdAt(OffsetDateTime.parse("2026-11-27T09:15:00+07:00"))
                .from("000.00.01.H53", "Nguyễn Văn An")
                .to("000.01.12.H53", "000.00.05.H53")
                .subject("Chuyển hồ sơ đăng ký biến động đất đai để thẩm định")
                .dossier("000.00.01.H53-261127-0001", "1.004227")
                .procedureName("Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất")
                .receivedAt(OffsetDateTime.parse("2026-11-27T08:40:00+07:00"))
                .promisedReturnAt(OffsetDateTime.parse("2026-12-11T17:00:00+07:00"))
                .step("Thẩm định hồ sơ", AllowedTime.workingDays(5))
                .applicant(Applicant.named("Trần Thị Bình").address("Phường Trung tâm, tỉnh Demo").phone("0912345678"));
    }

    private static String text(Document document, String name) {
        return document.getElementsByTagNameNS("*", name).item(0).getTextContent().strip();
    }

    private static Path tutorialFile() {
        return Path.of("../docs/tutorial/dossier-handoff.xml");
    }

    /** A stream of {@code size} generated bytes, never in memory at once. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) (position++ * 31 % 251) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - position);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = (byte) (position++ * 31 % 251);
            }
            return count;
        }
    }
}
