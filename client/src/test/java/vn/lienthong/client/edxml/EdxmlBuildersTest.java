package vn.lienthong.client.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.xml.SecureXml;

/**
 * The edXML builders: documents and status messages equal, field for field, to real messages
 * of shared/samples/edxml; the status codes; the refusals, each naming its field; attachments
 * streamed with their digest; and the signature in edXMLHeader.
 */
class EdxmlBuildersTest {

    private static final String SAMPLES = "shared/samples/edxml";
    private static final Elements EDXML = new Elements(DossierEdxml.EDXML_NAMESPACE);
    private static final SecureXml XML = new SecureXml();

    @TempDir
    Path folder;

    /**
     * Builds the sample new document (edoc_new) with the builder, its attachment from the
     * sample's decoded bytes / result: every field of MessageHeader, of Bussiness (but its
     * DocumentId, which the builder does not write), the manifest and the attachment equal the sample's.
     */
    @Test
    void documentEqualsTheRealNewDocument() {
        Document sample = sample("all4u1089_truclienthong-example__resources_edoc_new.edxml");
        byte[] attachmentBytes = Base64.getMimeDecoder().decode(text(sample, "ContentTransferEncoded"));

        EdxmlDocument built = EdxmlDocument.builder()
                .from(Organisation.of("000.00.00.A80")
                        .inCharge("UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng")
                        .name("UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng")
                        .address("Số 1 Hoàng Hoa Thám, Quận Ba Đình, Hà Nội").email("vpcp@gov.vn")
                        .telephone("8043100").fax("048989898789").website("vpcp.vn"))
                .to(Organisation.of("28.22.H17")
                        .inCharge("UBND xã Hòa Sơn - UBND huyện Hòa Vang - Thành phố Đà Nẵng")
                        .name("UBND xã Hòa Sơn - UBND huyện Hòa Vang - Thành phố Đà Nẵng")
                        .address("số 62 - Võ Thị Sáu - Ngô Quyền - Hải Phòng").email("bxd@moc.gov.vn")
                        .telephone("(84-4) 3821 5137").fax("(023)37366617").website("www.haiphong.gov.vn"))
                .documentId("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
                .code("74fass22", "VPCP-TTĐT")
                .promulgation("Hà Nội", LocalDate.of(2019, 1, 16))
                .documentType("1", "0", "Công văn")
                .subject("V/v kết nối, liên thông phần mềm quản lý văn bản")
                .signer(Signer.named("Nguyen Thanh Phuc").competence("TL. BO TRUONG")
                        .position("Cuc truong cuc ung dung cong nghe thong tin"))
                .dueDate(LocalDate.of(2018, 9, 28))
                .priority("0").sphereOfPromulgation("Liên thông văn bản quốc gia").typerNotation("TVC")
                .amounts(2, 22).direction(false)
                .appendix("Công văn về việc kết nối, liên thông phần mềm quản lý văn bản")
                .steering(SteeringType.STEERING)
                .toPlaces("Cac bo va co quan ngang bo", "Uy ban nhan dan cac tinh, TP")
                .reason("Văn bản điện tử mới").paper(false)
                .staff(Staff.named("Nguyễn Thị Ngọc Trâm").department("Văn thư văn phòng")
                        .email("vanthuvanphong@gov.vn").mobile("84912000001"))
                .sentAt(OffsetDateTime.parse("2018-09-28T00:00:00+07:00"))
                .attachment(Attachment.of("1896_QD-TTg_m_294779.doc", "application/zip", attachmentBytes)
                        .description("1896_QD-TTg_m_294779.doc").contentId("cid:209"))
                .build();
        Document document = XML.parse(built.toBytes());

        assertThat(leaves(messageHeader(document))).containsExactlyInAnyOrderElementsOf(leaves(messageHeader(sample)));
        List<String> sampleBusiness = leaves(business(sample));
        sampleBusiness.remove("Bussiness/DocumentId=000.00.00.G22,2014/02/30,7806/VPCP-TTĐT");
        assertThat(leaves(business(document))).containsExactlyInAnyOrderElementsOf(sampleBusiness);
        assertThat(leaves(manifest(document))).containsExactlyInAnyOrderElementsOf(leaves(manifest(sample)));
        assertThat(attachmentFields(document)).isEqualTo(attachmentFields(sample));
        assertThat(text(document, "Timestamp")).isEqualTo("2018/09/28 00:00:00");
        assertThat(built.documentId()).isEqualTo("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT");
    }

    /** Builds the sample status 05 (processing) / result: every field of its MessageHeader equals the sample's. */
    @Test
    void statusEqualsTheRealProcessingStatus() {
        Document sample = sample("all4u1089_truclienthong-example__resources_status_processing_05.edxml");

        EdxmlStatus built = EdxmlStatus.builder()
                .from(Organisation.of("000.00.00.H41").name("UBND Tỉnh Nghệ An").inCharge("UBND Tỉnh Nghệ An")
                        .address("Số 03, đường Trường Thi, Thành phố Vinh, Tỉnh Nghệ An, Việt Nam")
                        .email("nghean@gov.vn").telephone("0383 840418").fax("0383 843049").website("www.nghean.vn"))
                .responseFor(ResponseFor.document("000.00.00.G22", "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
                        .code("7816/VPCP-TTĐT").promulgationDate(LocalDate.of(2015, 9, 30)))
                .staff(Staff.named("Nguyen thi ngoc tram").department("Phong hanh chinh").mobile("84912000001")
                        .email("ngoctram@nghean.vn"))
                .status(EdxmlStatusCode.PROCESSING)
                .description("Đang xử lý văn bản đến")
                .at(OffsetDateTime.parse("2015-09-20T04:08:36Z"))
                .build();

        Document document = XML.parse(built.toBytes());
        assertThat(leaves(messageHeader(document))).containsExactlyInAnyOrderElementsOf(leaves(messageHeader(sample)));
        assertThat(EDXML.optionalChild(EDXML.child(document.getDocumentElement(), "edXMLEnvelope"), "edXMLBody"))
                .as("a status message has no body").isNull();
        assertThat(built.statusCode()).isEqualTo("05");
        assertThat(built.responseFor().organId()).isEqualTo("000.00.00.G22");
    }

    /** Builds a status with each named code, and with 17 as text / result: the standard's two digits, and 17 as sent. */
    @Test
    void statusCodesAreWrittenAsTheStandardWritesThem() {
        List<String> written = new ArrayList<>();
        for (EdxmlStatusCode code : EdxmlStatusCode.values()) {
            written.add(text(XML.parse(status().status(code).build().toBytes()), "StatusCode"));
        }
        assertThat(written).containsExactly("01", "02", "03", "04", "05", "06", "13", "15", "16");
        assertThat(status().statusCode("17").build().statusCode()).as("unknown codes are sent as given").isEqualTo("17");
    }

    /**
     * Builds a replacement of two documents, without giving a document id / result: the id is
     * derived from sender, date and code; BussinessDocType 3 and one ReplacementInfo each.
     */
    @Test
    void replacementNamesWhatItReplacesAndDerivesTheDocumentId() {
        EdxmlDocument replacement = letter().documentId(null)
                .revision(BusinessDocType.REPLACE, "Văn bản thay thế")
                .replaces("000.00.01.H53,2026/11/20,9/TTPVHCC", "000.00.05.H53")
                .replaces("000.00.01.H53,2026/11/21,10/TTPVHCC")
                .build();

        assertThat(replacement.documentId()).isEqualTo("000.00.01.H53,2026/11/28,15/TTPVHCC");
        Document document = XML.parse(replacement.toBytes());
        assertThat(leaves(business(document))).contains("Bussiness/BussinessDocType=3",
                "Bussiness/ReplacementInfoList/ReplacementInfo/DocumentId=000.00.01.H53,2026/11/20,9/TTPVHCC",
                "Bussiness/ReplacementInfoList/ReplacementInfo/OrganIdList/OrganId=000.00.05.H53",
                "Bussiness/ReplacementInfoList/ReplacementInfo/DocumentId=000.00.01.H53,2026/11/21,10/TTPVHCC");
    }

    /** Attaches a file / result: size and SHA-256 of the file's bytes, content ids numbered, the content its base64. */
    @Test
    void attachmentsAreStreamedWithTheirDigest() throws Exception {
        byte[] bytes = "Công văn số 15/TTPVHCC".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(folder.resolve("cong-van.txt"), bytes);

        Attachment attachment = Attachment.of(file, "text/plain");
        Document document = XML.parse(letter().attachment(attachment).attachment(Attachment.of("b.txt", "text/plain",
                new byte[] {1})).build().toBytes());

        assertThat(attachment.name()).isEqualTo("cong-van.txt");
        assertThat(attachment.size()).isEqualTo(bytes.length);
        assertThat(attachment.sha256()).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(bytes)));
        List<Element> attachments = EDXML.children(EDXML.child(document.getDocumentElement(), "AttachmentEncoded"), "Attachment");
        assertThat(attachments).extracting(a -> EDXML.text(a, "ContentId")).containsExactly("cid:1", "cid:2");
        assertThat(Base64.getDecoder().decode(EDXML.text(attachments.get(0), "ContentTransferEncoded"))).isEqualTo(bytes);
    }

    /** Signs a built document and status / result: one XML-DSig signature, in edXMLHeader, that verifies. */
    @Test
    void signatureGoesIntoTheHeaderAndVerifies() {
        SigningKey key = DemoCertificateAuthority.create("Test CA", Duration.ofDays(1))
                .issueSigningKey("000.00.01.H53", "desk", DemoCertificateAuthority.KeyType.RSA_2048, Duration.ofDays(1));
        EnvelopeSigning signing = new EnvelopeSigning(key);
        for (byte[] signed : List.of(letter().build().sign(signing), status().build().sign(signing))) {
            Document document = XML.parse(signed);
            Element header = DossierEdxml.signatureParent(document).orElseThrow();
            assertThat(new EnvelopedSignatureVerifier().verify(document, header, false).signer())
                    .isEqualTo(key.certificate());
        }
    }

    /** Builds with each kind of bad input / result: refused, the exception naming the field at fault. */
    @Test
    void badInputIsRefusedNamingTheField() {
        assertRefused(() -> letter().from(null).build(), "from");
        assertRefused(() -> EdxmlDocument.builder().from(Organisation.of("000.00.01.H53")).documentId("x").build(), "to");
        assertRefused(() -> letter().to(Organisation.of("sở tài chính")).build(), "to[2].organId");
        assertRefused(() -> letter().to(Organisation.of("000.00.05.H53")).build(), "to[2]");
        assertRefused(() -> letter().from(Organisation.of("000.00.01.h53")).build(), "from.organId");
        assertRefused(() -> letter().from(Organisation.of(null)).build(), "from.organId");
        assertRefused(() -> letter().documentId(null).code("15", "TTPVHCC").promulgation("Hà Nội", null).build(),
                "documentId");
        assertRefused(() -> letter().documentId(" ").build(), "documentId");
        assertRefused(() -> letter().replaces("000.00.01.H53,2026/11/20,9/TTPVHCC").build(), "replaces");
        assertRefused(() -> letter().responseFor(ResponseFor.document("", "d-1")).build(), "responseFor[1].organId");
        assertRefused(() -> letter().applicationType(DossierEdxml.DOSSIER_APPLICATION_TYPE).build(), "applicationType");
        assertRefused(() -> letter().attachment(Attachment.of("a.txt", "text/plain", new byte[] {1}).contentId("cid:a"))
                .attachment(Attachment.of("b.txt", "text/plain", new byte[] {2}).contentId("cid:a")).build(),
                "attachment[2].contentId");
        assertRefused(() -> status().responseFor(null).build(), "responseFor");
        assertRefused(() -> status().responseFor(ResponseFor.document("000.00.01.H53", " ")).build(),
                "responseFor.documentId");
        assertRefused(() -> status().statusCode("3a").build(), "statusCode");
        assertRefused(() -> EdxmlStatus.builder().from(Organisation.of("000.00.05.H53"))
                .responseFor(ResponseFor.document("000.00.01.H53", "d-1")).build(), "status");
    }

    /** A document id too long, and an attachment name too long, which only the schema checks / result: both refused, the second by the schema. */
    @Test
    void theSchemaHasTheLastWord() {
        assertThatThrownBy(() -> letter().documentId("x".repeat(2001)).build())
                .isInstanceOfSatisfying(EdxmlInvalidException.class, e -> assertThat(e.field()).isEqualTo("documentId"));
        assertThatThrownBy(() -> letter().attachment(Attachment.of("a".repeat(2001), "text/plain", new byte[] {1})).build())
                .isInstanceOfSatisfying(EdxmlInvalidException.class, e -> {
                    assertThat(e.field()).isEqualTo("schema");
                    assertThat(e.getMessage()).contains("edxml-v1.xsd");
                });
    }

    private static void assertRefused(ThrowingCallable build, String field) {
        assertThatThrownBy(build).as(field).isInstanceOfSatisfying(EdxmlInvalidException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(field + ": ");
        });
    }

    private static EdxmlDocument.Builder letter() {
        return EdxmlDocument.builder()
                .from(Organisation.of("000.00.01.H53").name("Trung tâm Phục vụ hành chính công"))
                .to(Organisation.of("000.00.05.H53").name("Sở Tài chính"))
                .documentId("000.00.01.H53,2026/11/28,15/TTPVHCC")
                .code("15", "TTPVHCC").promulgation("Tỉnh Demo", LocalDate.of(2026, 11, 28))
                .subject("V/v phối hợp thẩm định hồ sơ");
    }

    private static EdxmlStatus.Builder status() {
        return EdxmlStatus.builder().from(Organisation.of("000.00.05.H53"))
                .responseFor(ResponseFor.document("000.00.01.H53", "000.00.01.H53,2026/11/28,15/TTPVHCC"))
                .status(EdxmlStatusCode.ACCEPTED);
    }

    private static Element messageHeader(Document document) {
        return EDXML.child(header(document), "MessageHeader");
    }

    private static Element business(Document document) {
        return EDXML.child(EDXML.child(header(document), "TraceHeaderList"), "Bussiness");
    }

    private static Element manifest(Document document) {
        return EDXML.child(EDXML.child(EDXML.child(document.getDocumentElement(), "edXMLEnvelope"), "edXMLBody"),
                "edXMLManifest");
    }

    private static Element header(Document document) {
        return EDXML.child(EDXML.child(document.getDocumentElement(), "edXMLEnvelope"), "edXMLHeader");
    }

    /** The attachment's fields, its content without line breaks. */
    private static List<String> attachmentFields(Document document) {
        Element attachment = EDXML.child(EDXML.child(document.getDocumentElement(), "AttachmentEncoded"), "Attachment");
        List<String> fields = new ArrayList<>();
        for (String name : List.of("ContentId", "AttachmentName", "Description", "ContentType")) {
            fields.add(name + "=" + EDXML.text(attachment, name));
        }
        fields.add(EDXML.child(attachment, "ContentTransferEncoded").getTextContent().replaceAll("\\s", ""));
        return fields;
    }

    /** Every element with text under {@code parent}, as path=text (empty elements mean absent, as the gateway reads them). */
    private static List<String> leaves(Element parent) {
        List<String> leaves = new ArrayList<>();
        collect(parent, parent.getLocalName(), leaves);
        return leaves;
    }

    private static void collect(Element element, String path, List<String> leaves) {
        boolean hasChildren = false;
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && DossierEdxml.EDXML_NAMESPACE.equals(child.getNamespaceURI())) {
                hasChildren = true;
                collect(child, path + "/" + child.getLocalName(), leaves);
            }
        }
        String text = element.getTextContent().strip();
        if (!hasChildren && !text.isEmpty()) {
            leaves.add(path + "=" + text);
        }
    }

    private static String text(Document document, String name) {
        return document.getElementsByTagNameNS(DossierEdxml.EDXML_NAMESPACE, name).item(0).getTextContent().strip();
    }

    private static Document sample(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(SAMPLES).resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return XML.parse(Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        Assumptions.abort(SAMPLES + "/" + name + " not found here or above: skipping the real-sample comparison");
        throw new IllegalStateException("unreachable");
    }
}
