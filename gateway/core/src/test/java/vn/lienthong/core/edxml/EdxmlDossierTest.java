package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.core.edxml.EdxmlFixture.valid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import vn.lienthong.core.envelope.AllowedTime;
import vn.lienthong.core.envelope.EnvelopeKind;
import vn.lienthong.core.envelope.EnvelopeSchema;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/** The dossier inside lienthong dossier traffic in edXML: read like an envelope's, refused precisely when it is not there or not right. */
class EdxmlDossierTest {

    private static final Path TUTORIAL = Path.of("../../docs/tutorial/dossier-handoff.xml");

    private final EdxmlDossier dossiers = new EdxmlDossier(EdxmlFixture.XML, EnvelopeSchema.load("envelope-v1.xsd"));
    private final EdxmlReader reader = new EdxmlReader();

    @Test
    void dossierAttachmentReadsAsTheEnvelopesDossier() throws IOException {
        Document document = valid(carrying(transfer("handoff")));
        EdxmlMessage message = reader.read(document);

        assertThat(message.carriesDossier()).isTrue();
        EdxmlDossier.Content content = dossiers.read(document, message);
        assertThat(content.kind()).isEqualTo(EnvelopeKind.HANDOFF);
        assertThat(content.dossier().code()).isEqualTo("000.00.01.H53-261127-0001");
        assertThat(content.dossier().procedureCode()).isEqualTo("1.004227");
        assertThat(content.dossier().step().allowedTime()).isEqualTo(new AllowedTime(5, AllowedTime.Unit.WORKING_DAYS));
        assertThat(content.dossier().applicant().name()).isEqualTo("Trần Thị Bình");
    }

    @Test
    void dossierTrafficWithoutTheAttachmentIsRefused() {
        String text = EdxmlFixture.document().replace("</Subject>", "</Subject><ApplicationType>lienthong-dossier</ApplicationType>");
        Document document = valid(text);

        assertRefused(document, e -> assertThat(e.detail()).contains("has no attachment cid:lienthong-dossier"));
    }

    @Test
    void attachmentThatIsNotBase64IsRefused() {
        assertRefused(valid(carryingEncoded("not base64!")), e -> assertThat(e.detail()).contains("not valid base64"));
    }

    @Test
    void attachmentThatIsNotXmlIsRefusedWithLine() {
        assertRefused(valid(carrying("<DossierTransfer xmlns='urn:lienthong:envelope:v1'>\n<Kind>handoff</Kind>")),
                e -> assertThat(e.properties()).containsEntry("line", 2));
    }

    @Test
    void attachmentWithADoctypeIsRefused() {
        assertRefused(valid(carrying("<!DOCTYPE x [<!ENTITY a 'b'>]><DossierTransfer xmlns='urn:lienthong:envelope:v1'/>")),
                e -> assertThat(e.detail()).contains("DOCTYPE"));
    }

    @Test
    void attachmentWithAnotherRootIsRefused() throws IOException {
        assertRefused(valid(carrying(Files.readString(TUTORIAL))),
                e -> assertThat(e.detail()).contains("root is <Envelope>"));
    }

    @Test
    void attachmentThatBreaksTheEnvelopeSchemaIsRefusedWithLineAndRule() throws IOException {
        String transfer = transfer("handoff").replace("<ProcedureCode>1.004227<", "<ProcedureCode>1.04227<");
        assertRefused(valid(carrying(transfer)), e -> {
            assertThat(e.properties()).containsEntry("rule", "cvc-pattern-valid").containsEntry("element", "ProcedureCode")
                    .containsEntry("line", EdxmlFixture.lineOf(transfer, "1.04227"));
            assertThat(e.detail()).contains("envelope-v1.xsd");
        });
        assertRefused(valid(carrying(transfer("document"))), e -> assertThat(e.properties()).containsEntry("element", "Kind"));
    }

    private void assertRefused(Document document, Consumer<GatewayException> more) {
        EdxmlMessage message = reader.read(document);
        assertThatThrownBy(() -> dossiers.read(document, message)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.EDXML_DOSSIER_INVALID);
            assertThat(e.properties()).containsEntry("contentId", EdxmlDossier.CONTENT_ID);
            more.accept(e);
        });
    }

    /** A DossierTransfer with the tutorial envelope's Dossier, written as the conversion writes it. */
    private static String transfer(String kind) throws IOException {
        String envelope = Files.readString(TUTORIAL);
        String dossier = envelope.substring(envelope.indexOf("<Dossier>"), envelope.indexOf("</Dossier>") + "</Dossier>".length());
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DossierTransfer xmlns=\"urn:lienthong:envelope:v1\">\n"
                + "  <Kind>" + kind + "</Kind>\n  " + dossier + "\n</DossierTransfer>\n";
    }

    private static String carrying(String transfer) {
        return carryingEncoded(Base64.getMimeEncoder().encodeToString(transfer.getBytes(StandardCharsets.UTF_8)));
    }

    private static String carryingEncoded(String content) {
        return EdxmlFixture.document()
                .replace("</Subject>", "</Subject><ApplicationType>lienthong-dossier</ApplicationType>")
                .replace("<AttachmentEncoded>", "<AttachmentEncoded><Attachment><ContentId>cid:lienthong-dossier</ContentId>"
                        + "<AttachmentName>dossier.xml</AttachmentName><ContentType>application/vnd.lienthong.dossier+xml</ContentType>"
                        + "<ContentTransferEncoded>" + content + "</ContentTransferEncoded></Attachment>");
    }
}
