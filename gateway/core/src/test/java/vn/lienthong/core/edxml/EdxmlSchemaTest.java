package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.core.edxml.EdxmlFixture.document;
import static vn.lienthong.core.edxml.EdxmlFixture.lineOf;
import static vn.lienthong.core.edxml.EdxmlFixture.status;
import static vn.lienthong.core.edxml.EdxmlFixture.valid;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.edxml.EdxmlMessage.Organ;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/** What edxml-v1.xsd refuses, with line and column, and what it tolerates because real systems send it. */
class EdxmlSchemaTest {

    private final EdxmlReader reader = new EdxmlReader();

    @Test
    void smallDocumentIsValidAndReadsAsWritten() {
        EdxmlMessage message = reader.read(valid(document()));

        assertThat(message.kind()).isEqualTo(EdxmlMessage.Kind.DOCUMENT);
        assertThat(message.from()).isEqualTo(new Organ("000.00.01.H53", "Trung tâm Phục vụ hành chính công"));
        assertThat(message.to()).containsExactly(new Organ("000.01.12.H53", "Văn phòng đăng ký đất đai"),
                new Organ("000.00.05.H53", null));
        assertThat(message.documentId()).isEqualTo("000.00.01.H53,2026/11/27,15/TTPVHCC");
        assertThat(message.codeNumber()).isEqualTo("15");
        assertThat(message.codeNotation()).isEqualTo("TTPVHCC");
        assertThat(message.promulgationDate()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(message.businessDocType()).isEqualTo(BusinessDocType.NEW);
        assertThat(message.traces()).containsExactly(
                new EdxmlMessage.TraceHop("000.00.01.H53", LocalDateTime.of(2026, 11, 27, 9, 15)));
        assertThat(message.attachments()).containsExactly(
                new EdxmlMessage.Attachment("cid:1", "note.txt", "text/plain", null));
        assertThat(message.carriesDossier()).isFalse();
        new EdxmlAttachments().check(valid(document()));
    }

    @Test
    void smallStatusIsValidAndReadsAsWritten() {
        EdxmlMessage message = reader.read(valid(status()));

        assertThat(message.kind()).isEqualTo(EdxmlMessage.Kind.STATUS);
        assertThat(message.to()).isEmpty();
        assertThat(message.documentId()).isNull();
        assertThat(message.statusCode()).isEqualTo("03");
        assertThat(message.responseFor()).isEqualTo(new EdxmlMessage.ResponseFor("000.00.01.H53", null,
                "000.00.01.H53,2026/11/27,15/TTPVHCC", null));
        assertThat(message.statusTimestamp()).isEqualTo(LocalDateTime.of(2026, 11, 27, 10, 0));
    }

    @Test
    void documentWithoutFromIsRefusedWithLineAndColumn() {
        String text = document().replaceFirst("(?s)<From>.*?</From>\\s*", "");
        assertSchemaError(text, lineOf(text, "<To>"), "cvc-complex-type.2.4.a", "To");
    }

    @Test
    void documentWithoutRecipientIsRefused() {
        String text = document().replaceAll("(?s)<To>.*?</To>\\s*", "");
        assertSchemaError(text, lineOf(text, "<DocumentId>"), "cvc-complex-type.2.4.a", "DocumentId");
    }

    @Test
    void businessDocTypeOutsideZeroToThreeIsRefused() {
        String text = document().replace("<BussinessDocType>0<", "<BussinessDocType>4<");
        assertSchemaError(text, lineOf(text, "<BussinessDocType>"), "cvc-pattern-valid", "BussinessDocType");
    }

    @Test
    void dateInAnotherFormIsRefused() {
        String text = document().replace("2026/11/27</PromulgationDate>", "2026-11-27</PromulgationDate>");
        assertSchemaError(text, lineOf(text, "<PromulgationDate>"), "cvc-pattern-valid", "PromulgationDate");
    }

    @Test
    void timestampOutOfRangeIsRefused() {
        String text = status().replace("2026/11/27 10:00:00", "2026/11/27 24:00:00");
        assertSchemaError(text, lineOf(text, "<Timestamp>"), "cvc-pattern-valid", "Timestamp");
    }

    @Test
    void statusWithoutTheDocumentItAnswersIsRefused() {
        String text = status().replaceFirst("(?s)<DocumentId>.*?</DocumentId>\\s*", "");
        assertSchemaError(text, lineOf(text, "</ResponseFor>"), "cvc-identity-constraint.4.2.1.b", "ResponseFor");
    }

    @Test
    void statusWithoutStatusCodeIsRefused() {
        String text = status().replaceFirst("<StatusCode>03</StatusCode>", "");
        assertSchemaError(text, lineOf(text, "<Timestamp>"), "cvc-complex-type.2.4.a", "Timestamp");
    }

    @Test
    void fieldGivenTwiceIsRefused() {
        String text = document().replace("<Subject>", "<DocumentId>other</DocumentId><Subject>");
        assertSchemaError(text, lineOf(text, "<DocumentId>other"), "cvc-identity-constraint.3", "DocumentId");
    }

    @Test
    void twoAttachmentsWithOneContentIdAreRefused() {
        String text = document().replace("</AttachmentEncoded>", "<Attachment><ContentId>cid:1</ContentId>"
                + "<AttachmentName>b</AttachmentName><ContentTransferEncoded/></Attachment></AttachmentEncoded>");
        assertThatThrownBy(() -> valid(text)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.properties()).containsEntry("rule", "cvc-identity-constraint.4.2.2"));
    }

    @Test
    void unknownElementOfTheEdxmlNamespaceIsRefused() {
        String text = document().replace("<Subject>", "<Sender/><Subject>");
        assertSchemaError(text, lineOf(text, "<Sender/>"), "cvc-complex-type.2.4.a", "Sender");
    }

    @Test
    void toleratesWhatRealSystemsSend() {
        String text = document()
                // fields in another order, empty optional elements, day-first dates, foreign elements
                .replace("<Subject>Chuyển hồ sơ</Subject>", "")
                .replace("<DocumentId>", "<Subject>Chuyển hồ sơ</Subject><DueDate/><SteeringType>1</SteeringType>"
                        + "<x:Extra xmlns:x='urn:vendor'>1</x:Extra><DocumentId>")
                .replace("2026/11/27</PromulgationDate>", "27/11/2026</PromulgationDate>")
                .replace("<OrganName>Văn phòng", "<Website/><OrganName>Văn phòng")
                .replace("<ResponseFor/>", "")
                .replace("</PromulgationInfo>", "</PromulgationInfo><ResponseFor><OrganId/><DocumentId/></ResponseFor>")
                // Bussiness before the trace header
                .replaceFirst("(?s)(<TraceHeader>.*?</TraceHeader>)\\s*(<Bussiness>.*?</Bussiness>)", "$2$1");
        EdxmlMessage message = reader.read(valid(text));

        assertThat(message.promulgationDate()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(message.responseFor()).isNull();
        assertThat(message.traces()).hasSize(1);
    }

    @Test
    void signatureIsAdmittedInTheXmlDsigNamespaceAndAsAPlaceholderInTheEdxmlNamespace() {
        for (String signature : new String[] {"<ds:Signature xmlns:ds='http://www.w3.org/2000/09/xmldsig#'><ds:SignedInfo/></ds:Signature>",
                "<Signature><SignedInfo/></Signature>"}) {
            valid(document().replace("</TraceHeaderList>", "</TraceHeaderList>" + signature));
        }
    }

    @Test
    void dateTheSchemaAdmitsButNoCalendarHasIsRefusedOnItsElement() {
        String text = document().replace("2026/11/27</PromulgationDate>", "2026/02/30</PromulgationDate>");
        assertThatThrownBy(() -> reader.read(valid(text))).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ENVELOPE_SCHEMA_INVALID);
            assertThat(e.properties()).containsEntry("rule", "value").containsEntry("element", "PromulgationDate");
        });
    }

    @Test
    void statusCodesAreKnownByNumberAndUnknownOnesKept() {
        assertThat(EdxmlStatusCode.of("05")).contains(EdxmlStatusCode.PROCESSING);
        assertThat(EdxmlStatusCode.of("5")).contains(EdxmlStatusCode.PROCESSING);
        assertThat(EdxmlStatusCode.of("99")).isEmpty();
        EdxmlMessage unknown = reader.read(valid(status().replace("<StatusCode>03<", "<StatusCode>99<")));
        assertThat(unknown.statusCode()).isEqualTo("99");
        assertThat(BusinessDocType.ofCode(3)).isEqualTo(BusinessDocType.REPLACE);
    }

    private static void assertSchemaError(String text, int line, String rule, String element) {
        ThrowingCallable validation = () -> valid(text);
        assertThatThrownBy(validation).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ENVELOPE_SCHEMA_INVALID);
            assertThat(e.properties()).containsEntry("line", line).containsKey("column")
                    .containsEntry("rule", rule).containsEntry("schema", "edxml-v1.xsd");
            assertThat(e.detail()).startsWith("line " + line + ", column ").contains(element);
        });
    }
}
