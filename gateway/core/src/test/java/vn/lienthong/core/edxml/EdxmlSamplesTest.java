package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.edxml.EdxmlMessage.Kind;
import vn.lienthong.core.edxml.EdxmlMessage.Organ;
import vn.lienthong.core.edxml.EdxmlMessage.ResponseFor;
import vn.lienthong.core.edxml.EdxmlMessage.Staff;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.SignatureRejectedException;
import vn.lienthong.xml.MalformedXmlException;

/**
 * The real edXML messages of {@code shared/samples/edxml/} (SOURCES.md there): every
 * well-formed one parses, validates against edxml-v1.xsd and reads; the malformed one is
 * refused with where and why; the placeholder attachment is refused as bad base64. Skipped,
 * saying so, when the samples are not next to the repository.
 */
class EdxmlSamplesTest {

    private static final String SAMPLES = "shared/samples/edxml";
    /** Not well-formed: a nested From is never closed. */
    private static final String MALFORMED = "all4u1089_truclienthong-example__resources_edoc.edxml";
    private static final String PREFIX = "all4u1089_truclienthong-example__resources_";

    private final EdxmlReader reader = new EdxmlReader();

    @TestFactory
    Stream<DynamicTest> everyWellFormedSampleParsesValidatesAndReads() {
        return wellFormedSamples().map(file -> dynamicTest(file.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(file);
            Document document = EdxmlFixture.XML.parse(bytes);
            assertThat(EdxmlReader.isEdxml(document.getDocumentElement())).isTrue();
            EdxmlFixture.SCHEMA.validate(document, bytes);
            EdxmlMessage message = reader.read(document);
            new EdxmlAttachments().check(document);

            boolean status = file.getFileName().toString().contains("_status");
            assertThat(message.kind()).isEqualTo(status ? Kind.STATUS : Kind.DOCUMENT);
            assertThat(message.from().organId()).isNotBlank();
            if (status) {
                assertThat(message.to()).isEmpty();
                assertThat(message.statusCode()).matches("\\d{2}");
                assertThat(EdxmlStatusCode.of(message.statusCode())).isPresent();
                assertThat(message.responseFor()).isNotNull();
                assertThat(message.statusTimestamp()).isNotNull();
            } else {
                assertThat(message.to()).isNotEmpty();
                assertThat(message.documentId()).isNotBlank();
                assertThat(message.attachments()).isNotEmpty();
                assertThat(message.traces()).isNotEmpty();
            }
        }));
    }

    @Test
    void newDocumentOfAProvincialHubWithADayFirstDate() {
        EdxmlMessage message = read("QuangChuIT_edoc-integrator__edoc-service_src_main_resources_edoc_new.edxml");

        assertThat(message.kind()).isEqualTo(Kind.DOCUMENT);
        assertThat(message.from()).isEqualTo(new Organ("000.00.11.H53", "Sở Tính"));
        assertThat(message.to()).containsExactly(new Organ("000.00.01.A53", "Văn phòng tỉnh ủy"));
        assertThat(message.documentId()).isEqualTo("000.00.11.H53,2020/10/30,2491/STC-BCTC");
        assertThat(message.codeNumber()).isEqualTo("2491");
        assertThat(message.codeNotation()).isEqualTo("STC-BCTC");
        assertThat(message.promulgationDate()).isEqualTo(LocalDate.of(2020, 10, 30));
        assertThat(message.businessDocType()).isEqualTo(BusinessDocType.NEW);
        assertThat(message.staff()).isEqualTo(new Staff("Văn thư văn phòng", "Nguyễn Thị Ngọc Trâm",
                "vanthuvanphong@gov.vn", "84912000001"));
        assertThat(message.traces()).containsExactly(
                new EdxmlMessage.TraceHop("000.00.00.G22", LocalDateTime.of(2018, 9, 28, 0, 0)));
        assertThat(message.attachments()).containsExactly(new EdxmlMessage.Attachment("cid:209",
                "1896_QD-TTg_m_294779.doc", "application/zip", "1896_QD-TTg_m_294779.doc"));
        assertThat(message.statusCode()).isNull();
    }

    @Test
    void updateGoesToThreeAgencies() {
        EdxmlMessage message = read(PREFIX + "edoc_update.edxml");

        assertThat(message.businessDocType()).isEqualTo(BusinessDocType.UPDATE);
        assertThat(message.from().organId()).isEqualTo("000.00.00.G22");
        assertThat(message.to()).extracting(Organ::organId).containsExactly("000.00.00.H41", "000.00.00.H14", "000.00.00.G17");
        assertThat(message.documentId()).isEqualTo("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT");
        assertThat(message.businessDocumentId()).isEqualTo("000.00.00.G22,2014/02/30,7806/VPCP-TTĐT");
    }

    @Test
    void revocationAnswersTheDocumentItRevokes() {
        EdxmlMessage message = read(PREFIX + "edoc_revocation.edxml");

        assertThat(message.businessDocType()).isEqualTo(BusinessDocType.REVOKE);
        assertThat(message.businessDocumentId()).isNull();
        assertThat(message.responseFor()).isEqualTo(new ResponseFor("000.00.00.H14", "267/VPCP-TTĐT",
                "000.00.04.G14,2012/08/06,267/VPCP-TTĐT", LocalDate.of(2018, 9, 28)));
    }

    @Test
    void replacementNamesTheDocumentsItReplacesOnce() {
        EdxmlMessage message = read(PREFIX + "edoc_replacement.edxml");

        assertThat(message.businessDocType()).isEqualTo(BusinessDocType.REPLACE);
        // The sample names the same document twice, for two lists of agencies.
        assertThat(message.replacedDocumentIds()).containsExactly("000.00.00.G22,2014/01/30,7806/VPCP-TTĐT");
    }

    @Test
    void vendorSdkDocumentWithBussinessBeforeTheTraceHeader() {
        EdxmlMessage message = read("all4u1089_truclienthong-example__xml_dc0bdef0-c7a3-4aaf-b717-777303442973.edxml");

        assertThat(message.to()).hasSize(3);
        assertThat(message.promulgationDate()).isEqualTo(LocalDate.of(2019, 4, 11));
        assertThat(message.traces()).containsExactly(
                new EdxmlMessage.TraceHop("000.00.00.G22", LocalDateTime.of(2019, 4, 11, 0, 0)));
        assertThat(message.businessDocType()).isEqualTo(BusinessDocType.NEW);
    }

    @Test
    void statusMessagesCarryTheirCodes() {
        EdxmlMessage arrived = read(PREFIX + "status.edxml");
        assertThat(arrived.kind()).isEqualTo(Kind.STATUS);
        assertThat(arrived.from()).isEqualTo(new Organ("000.00.00.H41", "UBND Tỉnh Nghệ An"));
        assertThat(arrived.statusCode()).isEqualTo("01");
        assertThat(EdxmlStatusCode.of(arrived.statusCode())).contains(EdxmlStatusCode.ARRIVED);
        assertThat(arrived.responseFor()).isEqualTo(new ResponseFor("000.00.00.G22", "7816/VPCP-TTĐT",
                "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT", LocalDate.of(2018, 9, 28)));
        assertThat(arrived.statusTimestamp()).isEqualTo(LocalDateTime.of(2018, 9, 28, 17, 25, 11));
        assertThat(arrived.statusDescription()).startsWith("Văn thư - Phòng Văn thư - Lưu trữ: Đã đến");
        assertThat(arrived.staff().name()).isEqualTo("Nguyễn Thị Ngọc Trâm");

        assertThat(statusOf(PREFIX + "status_rejection_02.edxml")).isEqualTo(EdxmlStatusCode.REFUSED);
        assertThat(statusOf(PREFIX + "status_acceptance_03.edxml")).isEqualTo(EdxmlStatusCode.ACCEPTED);
        assertThat(statusOf(PREFIX + "status_assignment_04.edxml")).isEqualTo(EdxmlStatusCode.ASSIGNED);
        assertThat(statusOf("QuangChuIT_edoc-integrator__edoc-service_src_main_resources_status_processing_05.edxml"))
                .isEqualTo(EdxmlStatusCode.PROCESSING);
        assertThat(statusOf(PREFIX + "status_finish_06.edxml")).isEqualTo(EdxmlStatusCode.FINISHED);
        assertThat(statusOf(PREFIX + "status_change-acceptance_15.edxml")).isEqualTo(EdxmlStatusCode.RECALL_GRANTED);
        assertThat(statusOf(PREFIX + "status_change-rejection_16.edxml")).isEqualTo(EdxmlStatusCode.RECALL_REFUSED);

        // The sender of the document asks for it back: the status goes the other way.
        EdxmlMessage recall = read(PREFIX + "status_cancellation_13.edxml");
        assertThat(EdxmlStatusCode.of(recall.statusCode())).contains(EdxmlStatusCode.RECALL_REQUESTED);
        assertThat(recall.from().organId()).isEqualTo("000.00.00.G22");
        assertThat(recall.responseFor().organId()).isEqualTo("000.00.00.H41");
    }

    /** None of their signatures verifies: a gateway with a strict policy refuses each with a clear reason. */
    @TestFactory
    Stream<DynamicTest> placeholderSignaturesAreRefusedSayingWhy() {
        EnvelopedSignatureVerifier verifier = new EnvelopedSignatureVerifier();
        return wellFormedSamples().map(file -> dynamicTest(file.getFileName().toString(), () -> {
            Document document = EdxmlFixture.XML.parse(Files.readAllBytes(file));
            Element header = (Element) document.getElementsByTagNameNS(EdxmlReader.NAMESPACE, "edXMLHeader").item(0);
            boolean placeholder = document.getElementsByTagNameNS(EdxmlReader.NAMESPACE, "Signature").getLength() > 0;
            assertThatThrownBy(() -> verifier.verify(document, header, true))
                    .isInstanceOfSatisfying(SignatureRejectedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(SignatureRejectedException.Reason.MISSING);
                        if (placeholder) {
                            assertThat(e.getMessage()).endsWith("a Signature element exists in namespace "
                                    + EdxmlReader.NAMESPACE + ", not XML-DSig");
                        }
                    });
        }));
    }

    @Test
    void malformedSampleIsRefusedWithLineColumnAndReason() {
        byte[] bytes = bytes(MALFORMED);
        assertThatThrownBy(() -> EdxmlFixture.XML.parse(bytes)).isInstanceOfSatisfying(MalformedXmlException.class, e -> {
            assertThat(e.reason()).isEqualTo(MalformedXmlException.Reason.NOT_WELL_FORMED);
            // The outer From opened on line 6 is still open where MessageHeader ends.
            assertThat(e.line()).isEqualTo(74);
            assertThat(e.column()).isPositive();
            assertThat(e.getMessage()).contains("edXML:From").contains("end-tag");
        });
    }

    /**
     * The placeholder attachment is in the malformed sample, which has two more faults after
     * the unclosed From: a Reference with an undeclared xlink prefix, and AttachmentEncoded
     * using the edXML prefix outside the element that declares it. Repaired just enough to
     * parse (the stray From removed, both prefixes declared on the root), it is valid, and
     * its attachment is refused.
     */
    @Test
    void placeholderAttachmentIsRefusedAsBadBase64NamingIt() {
        String original = new String(bytes(MALFORMED), StandardCharsets.UTF_8);
        String repaired = original
                .replaceFirst("<edXML:From>\\s*(<edXML:From>)", "$1")
                .replace("<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">",
                        "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\" xmlns:edXML="
                                + "\"http://www.mic.gov.vn/TBT/QCVN_102_2016\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">");
        assertThat(repaired).isNotEqualTo(original).contains("${__StringFromFile(test.txt,,,)}");
        Document document = EdxmlFixture.valid(repaired);

        assertThatThrownBy(() -> new EdxmlAttachments().check(document)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.EDXML_ATTACHMENT_INVALID);
            assertThat(e.properties()).containsEntry("attachment", "GUIDE_INSTALL OPENVPN.SIGNED.PDF")
                    .containsEntry("contentId", "cid:36b8a92e-f054-11e7-842b-005056b672fc");
            assertThat(e.detail()).contains("GUIDE_INSTALL OPENVPN.SIGNED.PDF").contains("base64");
        });
    }

    private EdxmlMessage read(String name) {
        byte[] bytes = bytes(name);
        Document document = EdxmlFixture.XML.parse(bytes);
        EdxmlFixture.SCHEMA.validate(document, bytes);
        return reader.read(document);
    }

    private EdxmlStatusCode statusOf(String name) {
        return EdxmlStatusCode.of(read(name).statusCode()).orElseThrow();
    }

    private static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(samples().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> wellFormedSamples() {
        try (Stream<Path> files = Files.list(samples())) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(".edxml"))
                    .filter(f -> !f.getFileName().toString().equals(MALFORMED)).sorted().toList();
            assertThat(found).as("well-formed samples").hasSizeGreaterThanOrEqualTo(18);
            return found.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code shared/samples/edxml} in the working directory or the nearest ancestor that has one. */
    static Path samples() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SAMPLES);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Assumptions.assumeTrue(false, SAMPLES + " not found at " + start + " or above it: skipping the real-sample tests");
        throw new IllegalStateException("unreachable");
    }
}
