package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.GatewayClient.Protocol;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.client.edxml.Attachment;
import vn.lienthong.client.edxml.BusinessDocType;
import vn.lienthong.client.edxml.EdxmlDocument;
import vn.lienthong.client.edxml.EdxmlStatus;
import vn.lienthong.client.edxml.EdxmlStatusCode;
import vn.lienthong.client.edxml.Organisation;
import vn.lienthong.client.edxml.ResponseFor;
import vn.lienthong.client.edxml.Signer;
import vn.lienthong.client.edxml.Staff;
import vn.lienthong.client.edxml.SteeringType;
import vn.lienthong.core.edxml.EdxmlMessage;
import vn.lienthong.core.edxml.EdxmlReader;

/**
 * edXML built with the client library's builders, signed with the agencies' demo keys, and
 * submitted to a real gateway that verifies the signatures under its default policy: a new
 * official document over REST, the recipient's status message over SOAP, and an update of the
 * document; each receipt verified, and the document's record at /api/v1/documents following them.
 */
class EdxmlBuilderIT {

    private static final char[] DEMO = DemoProvisioning.DEMO_KEY_PASSWORD.toCharArray();

    private final TestGateway gateway = SharedGateway.gateway();
    private final ReceiptVerification receipts = new ReceiptVerification(gateway.gatewayCertificate());

    /**
     * Builds a letter from the desk to the finance department with an attachment, signs and
     * submits it over REST; the finance department answers 03 over SOAP; the desk sends an
     * update / result: three receipts verified, the letter in the finance department's inbox byte for byte, and its record
     * UPDATED, the finance department's status 03 with its description, the messages in order.
     */
    @Test
    void builtDocumentStatusAndUpdateAreAcceptedAndTracked() {
        String number = UUID.randomUUID().toString().substring(0, 8);
        EdxmlDocument letter = letter(number).build();
        byte[] signedLetter = letter.sign(signing(TestGateway.DESK));

        GatewayClient desk = gateway.client(TestGateway.DESK);
        String letterId = receipts.verify(desk.submit(signedLetter, Protocol.REST).receipt(), signedLetter).envelopeId();
        assertThat(letterId).startsWith("edxml-");
        assertThat(letter.documentId()).isEqualTo(TestGateway.DESK + ",2026/11/28," + number + "/TTPVHCC");
        GatewayClient finance = gateway.client(TestGateway.FINANCE);
        await().atMost(Duration.ofSeconds(30)).until(() -> finance.inbox(500).stream()
                .anyMatch(item -> item.envelopeId().equals(letterId)));
        assertThat(finance.fetch(letterId).content()).as("the signed letter, byte for byte").isEqualTo(signedLetter);

        EdxmlStatus accepted = EdxmlStatus.builder()
                .from(Organisation.of(TestGateway.FINANCE).name("Sở Tài chính"))
                .responseFor(ResponseFor.document(TestGateway.DESK, letter.documentId()).code(number + "/TTPVHCC")
                        .promulgationDate(LocalDate.of(2026, 11, 28)))
                .staff(Staff.named("Lê Thị Cúc").department("Văn thư"))
                .status(EdxmlStatusCode.ACCEPTED)
                .description("Đã tiếp nhận, vào sổ")
                .build();
        byte[] signedStatus = accepted.sign(signing(TestGateway.FINANCE));
        GatewayClient.Submitted statusSubmitted = finance.submit(signedStatus, Protocol.SOAP);
        assertThat(receipts.verify(statusSubmitted.receipt(), signedStatus).sender()).isEqualTo(TestGateway.FINANCE);

        byte[] signedUpdate = letter(number).revision(BusinessDocType.UPDATE, "Bổ sung nơi nhận")
                .toPlaces("Sở Tài chính", "Lưu: VT").build().sign(signing(TestGateway.DESK));
        receipts.verify(desk.submit(signedUpdate).receipt(), signedUpdate);

        JsonNode document = desk.get("documents?sender=" + TestGateway.DESK + "&documentId="
                + URLEncoder.encode(letter.documentId(), StandardCharsets.UTF_8));
        assertThat(document.get("state").asString()).isEqualTo("UPDATED");
        assertThat(document.get("subject").asString()).isEqualTo("V/v phối hợp thẩm định hồ sơ");
        assertThat(document.get("envelopeId").asString()).isEqualTo(letterId);
        JsonNode recipient = document.get("recipients").get(0);
        assertThat(recipient.get("agency").asString()).isEqualTo(TestGateway.FINANCE);
        assertThat(recipient.get("statusCode").asString()).isEqualTo("03");
        assertThat(recipient.get("statusDescription").asString()).isEqualTo("Đã tiếp nhận, vào sổ");
        assertThat(document.get("messages").findValuesAsString("kind")).hasSize(3);
        assertThat(document.get("messages").get(0).get("envelopeId").asString()).isEqualTo(letterId);
    }

    /** Reads a built letter and status with the gateway's own EdxmlReader / result: it reads every field the builder was given. */
    @Test
    void theGatewayReadsWhatTheBuildersWrite() {
        EdxmlMessage letter = new EdxmlReader().read(letter("7").revision(BusinessDocType.REPLACE, "Thay thế")
                .replaces(TestGateway.DESK + ",2026/11/20,6/TTPVHCC", TestGateway.FINANCE).build().document());
        assertThat(letter.kind()).isEqualTo(EdxmlMessage.Kind.DOCUMENT);
        assertThat(letter.from()).isEqualTo(new EdxmlMessage.Organ(TestGateway.DESK, "Trung tâm Phục vụ hành chính công"));
        assertThat(letter.to()).containsExactly(new EdxmlMessage.Organ(TestGateway.FINANCE, "Sở Tài chính"));
        assertThat(letter.documentId()).isEqualTo(TestGateway.DESK + ",2026/11/28,7/TTPVHCC");
        assertThat(letter.codeNumber()).isEqualTo("7");
        assertThat(letter.codeNotation()).isEqualTo("TTPVHCC");
        assertThat(letter.promulgationDate()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(letter.businessDocType()).isEqualTo(vn.lienthong.core.edxml.BusinessDocType.REPLACE);
        assertThat(letter.replacedDocumentIds()).containsExactly(TestGateway.DESK + ",2026/11/20,6/TTPVHCC");
        assertThat(letter.staff()).isEqualTo(new EdxmlMessage.Staff("Văn thư", "Nguyễn Văn An", null, null));
        assertThat(letter.traces()).containsExactly(new EdxmlMessage.TraceHop(TestGateway.DESK,
                LocalDateTime.of(2026, 11, 28, 9, 30)));
        assertThat(letter.attachments()).containsExactly(
                new EdxmlMessage.Attachment("cid:1", "cong-van.txt", "text/plain", "Công văn"));
        assertThat(letter.carriesDossier()).isFalse();

        EdxmlMessage status = new EdxmlReader().read(EdxmlStatus.builder().from(Organisation.of(TestGateway.FINANCE))
                .responseFor(ResponseFor.document(TestGateway.DESK, "d-1")).statusCode("17").description("?")
                .at(OffsetDateTime.parse("2026-11-28T03:05:00Z")).build().document());
        assertThat(status.kind()).isEqualTo(EdxmlMessage.Kind.STATUS);
        assertThat(status.responseFor()).isEqualTo(new EdxmlMessage.ResponseFor(TestGateway.DESK, null, "d-1", null));
        assertThat(status.statusCode()).isEqualTo("17");
        assertThat(status.statusTimestamp()).isEqualTo(LocalDateTime.of(2026, 11, 28, 10, 5));
    }

    private static EdxmlDocument.Builder letter(String number) {
        return EdxmlDocument.builder()
                .from(Organisation.of(TestGateway.DESK).name("Trung tâm Phục vụ hành chính công"))
                .to(Organisation.of(TestGateway.FINANCE).name("Sở Tài chính"))
                .code(number, "TTPVHCC")
                .promulgation("Tỉnh Demo", LocalDate.of(2026, 11, 28))
                .documentType("1", "Công văn")
                .subject("V/v phối hợp thẩm định hồ sơ")
                .signer(Signer.named("Nguyễn Văn An").competence("KT. GIÁM ĐỐC"))
                .steering(SteeringType.NONE)
                .staff(Staff.named("Nguyễn Văn An").department("Văn thư"))
                .sentAt(OffsetDateTime.parse("2026-11-28T09:30:00+07:00"))
                .attachment(Attachment.of("cong-van.txt", "text/plain",
                        "Công văn phối hợp thẩm định".getBytes(StandardCharsets.UTF_8)).description("Công văn"));
    }

    private EnvelopeSigning signing(String agency) {
        return EnvelopeSigning.fromPkcs12(gateway.dataDir().resolve("demo").resolve(agency).resolve("signing-key.p12"), DEMO);
    }
}
