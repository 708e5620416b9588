package vn.lienthong.rest.slip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.lienthong.rest.slip.LandDossier.utc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import vn.lienthong.core.calendar.Timeliness;
import vn.lienthong.core.tracking.DeadlineState;
import vn.lienthong.core.tracking.DossierStatus;
import vn.lienthong.core.tracking.DossierView;
import vn.lienthong.core.tracking.DossierView.Applicant;

/**
 * The control slip of the three-agency land dossier ({@link LandDossier}), as HTML and as PDF,
 * with every time printed in Asia/Ho_Chi_Minh. Writes {@code target/control-slip-sample.html},
 * {@code .pdf} and {@code -page1.png} for a human to look at.
 */
class ControlSlipRendererTest {

    private static final ZoneId HO_CHI_MINH = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Instant PRINTED_AT = utc("2026-12-03T03:05:00Z");   // 10:05 on 3 Dec
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private final ControlSlipRenderer renderer = new ControlSlipRenderer(HO_CHI_MINH);

    @Test
    void htmlIsAWellFormedUtf8XhtmlDocumentForA4() throws Exception {
        String html = renderer.html(new LandDossier().build(), PRINTED_AT);

        Document page = parse(html);
        assertThat(page.getDocumentElement().getNamespaceURI()).isEqualTo(XHTML);
        assertThat(page.getDocumentElement().getLocalName()).isEqualTo("html");
        assertThat(page.getDocumentElement().getAttribute("lang")).isEqualTo("vi");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"UTF-8\"/>")
                .contains("@page").contains("size: A4")
                .doesNotContainPattern("<th:|\\sth:").doesNotContain("thymeleaf");
        assertThat(text(page, "//x:title")).isEqualTo("Phiếu kiểm soát quá trình giải quyết hồ sơ " + LandDossier.CODE);
    }

    @Test
    void headerNamesTheDossierApplicantProcedureTimesAndAgencies() throws Exception {
        String body = text(parse(renderer.html(new LandDossier().build(), PRINTED_AT)), "//x:body");

        assertThat(body).contains(
                "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
                "Mã hồ sơ: 000.00.01.H53-261123-0007",
                "Tiếp nhận hồ sơ của: Nguyễn Thị Hương",
                "Địa chỉ: Số 12, đường Lê Lợi, phường Hưng Bình",
                "Số điện thoại: 0912 345 678",
                "Thủ tục hành chính: Đăng ký biến động quyền sử dụng đất (mã thủ tục: 1.004227)",
                "Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 23 tháng 11 năm 2026",
                "Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 04 tháng 12 năm 2026",
                "Cơ quan (bộ phận) giải quyết hồ sơ: Văn phòng Đăng ký đất đai (000.01.12.H53)",
                "Cơ quan phối hợp giải quyết hồ sơ: Chi cục Thuế khu vực (000.00.05.H53)");
    }

    @Test
    void tableHasTheFormsColumnsAndOneRowPerHandoffInLocalTime() throws Exception {
        Document page = parse(renderer.html(new LandDossier().build(), PRINTED_AT));

        assertThat(texts(page, "//x:table[contains(@class,'handoffs')]/x:thead//x:th")).containsExactly(
                "TÊN CƠ QUAN", "THỜI GIAN GIAO, NHẬN HỒ SƠ",
                "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)", "GHI CHÚ");
        List<List<String>> rows = rows(page, "handoffs");
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0)).containsExactly(
                "1. Giao: Bộ phận Tiếp nhận và Trả kết quả 000.00.01.H53 2. Nhận: Văn phòng Đăng ký đất đai 000.01.12.H53",
                "1. 08 giờ 30 phút, ngày 23 tháng 11 năm 2026 Người giao: Trần Văn Bình "
                        + "2. 08 giờ 42 phút, ngày 23 tháng 11 năm 2026 Người nhận: Lê Thị Mai",
                "Trước hạn",
                "Bước: Thẩm định hồ sơ; thời hạn: 5 ngày làm việc Gói tin: env-0001");
        assertThat(rows.get(1)).containsExactly(
                "1. Giao: Văn phòng Đăng ký đất đai 000.01.12.H53 2. Nhận: Bộ phận Tiếp nhận và Trả kết quả 000.00.01.H53",
                "1. 10 giờ 00 phút, ngày 24 tháng 11 năm 2026 Người giao: Lê Thị Mai "
                        + "2. 10 giờ 05 phút, ngày 24 tháng 11 năm 2026 Người nhận: Trần Văn Bình",
                "—",
                "Yêu cầu bổ sung hồ sơ Thiếu bản trích đo địa chính thửa đất Gói tin: env-0002");
        assertThat(rows.get(2)).containsExactly(
                "1. Giao: Bộ phận Tiếp nhận và Trả kết quả 000.00.01.H53 2. Nhận: Văn phòng Đăng ký đất đai 000.01.12.H53",
                "1. 14 giờ 00 phút, ngày 25 tháng 11 năm 2026 Người giao: Trần Văn Bình "
                        + "2. 14 giờ 10 phút, ngày 25 tháng 11 năm 2026",
                "Đúng hạn",
                "Bước: Thẩm định hồ sơ; thời hạn: 5 ngày làm việc Bổ sung hồ sơ Đã bổ sung bản trích đo địa chính "
                        + "Gói tin: env-0003");
        assertThat(rows.get(3)).containsExactly(
                "1. Giao: Văn phòng Đăng ký đất đai 000.01.12.H53 2. Nhận: Chi cục Thuế khu vực 000.00.05.H53",
                "1. 09 giờ 30 phút, ngày 26 tháng 11 năm 2026 Người giao: Lê Thị Mai "
                        + "2. 15 giờ 20 phút, ngày 26 tháng 11 năm 2026 Người nhận: Phạm Quốc Cường",
                "Quá hạn",
                "Bước: Xác định nghĩa vụ tài chính; thời hạn: 3 ngày làm việc Chờ xác minh giá đất Gói tin: env-0004");
        assertThat(rows.get(4)).containsExactly(
                "1. Giao: Chi cục Thuế khu vực 000.00.05.H53 2. Nhận: Văn phòng Đăng ký đất đai 000.01.12.H53",
                "1. 10 giờ 00 phút, ngày 02 tháng 12 năm 2026 "
                        + "2. 10 giờ 30 phút, ngày 02 tháng 12 năm 2026 Người nhận: Lê Thị Mai",
                "Đúng hạn",
                "Bước: Chỉnh lý hồ sơ địa chính; thời hạn: 8 giờ làm việc Trả kết quả bước Gói tin: env-0005");
        assertThat(rows.get(5)).containsExactly(
                "1. Giao: Văn phòng Đăng ký đất đai 000.01.12.H53 2. Nhận: Bộ phận Tiếp nhận và Trả kết quả 000.00.01.H53",
                "1. 09 giờ 00 phút, ngày 03 tháng 12 năm 2026 Người giao: Lê Thị Mai 2. chưa nhận",
                "Đang giải quyết hạn: 14:30 ngày 03/12/2026",
                "Bước: Trả kết quả cho người nộp; thời hạn: 4 giờ làm việc Trả kết quả bước Gói tin: env-0006");
    }

    @Test
    void lateStepIsPrintedInBold() throws Exception {
        Document page = parse(renderer.html(new LandDossier().build(), PRINTED_AT));

        assertThat(texts(page, "//x:td[contains(concat(' ',@class,' '),' late ')]")).containsExactly("Quá hạn");
    }

    @Test
    void agencyWithoutANameIsShownByItsCode() throws Exception {
        LandDossier dossier = new LandDossier();
        dossier.tax = new DossierView.AgencyRef("000.00.05.H53", null);

        Document page = parse(renderer.html(dossier.build(), PRINTED_AT));

        assertThat(rows(page, "handoffs").get(3).get(0))
                .isEqualTo("1. Giao: Văn phòng Đăng ký đất đai 000.01.12.H53 2. Nhận: 000.00.05.H53");
        assertThat(text(page, "//x:body")).contains("Cơ quan phối hợp giải quyết hồ sơ: 000.00.05.H53 ");
    }

    @Test
    void belowTheTableStandTheStatusSupplementationsApologiesAndPrintTime() throws Exception {
        Document page = parse(renderer.html(new LandDossier().build(), PRINTED_AT));
        String body = text(page, "//x:body");

        assertThat(body).contains(
                "Trạng thái hồ sơ: 4 – Đang xử lý (từ 09:00 ngày 03/12/2026)",
                "Hạn giải quyết sau khi cộng thời gian chờ bổ sung: 10 giờ 00 phút, ngày 08 tháng 12 năm 2026",
                "Thời gian hẹn trả lại kết quả (theo phiếu xin lỗi): 17 giờ 00 phút, ngày 08 tháng 12 năm 2026",
                "Đang tạm dừng chờ bổ sung hồ sơ: Không",
                "Số lần yêu cầu bổ sung hồ sơ: 1",
                "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
                "In lúc 10 giờ 05 phút, ngày 03 tháng 12 năm 2026");
        assertThat(body).doesNotContain("Kết quả giải quyết hồ sơ:", "Kết thúc xử lý");
        assertThat(rows(page, "apologies")).containsExactly(List.of(
                "Chi cục Thuế khu vực 000.00.05.H53",
                "Chậm xác định nghĩa vụ tài chính do chờ xác minh giá đất",
                "15:20 ngày 30/11/2026",
                "Đã gửi: 08:00 ngày 01/12/2026 Ngày hẹn mới: 17:00 ngày 08/12/2026"));
    }

    @Test
    void settledDossierShowsItsResultAndNoApologySectionWhenNoneIsOwed() throws Exception {
        LandDossier dossier = new LandDossier();
        dossier.status = DossierStatus.RETURNED;
        dossier.result = Timeliness.LATE;
        dossier.closedAt = utc("2026-12-09T09:00:00Z");
        dossier.apologies.clear();

        String body = text(parse(renderer.html(dossier.build(), PRINTED_AT)), "//x:body");

        assertThat(body).contains("Trạng thái hồ sơ: 10 – Đã trả kết quả", "Kết quả giải quyết hồ sơ: Quá hạn",
                "Kết thúc xử lý lúc: 16:00 ngày 09/12/2026");
        assertThat(body).doesNotContain("Phiếu xin lỗi", "theo phiếu xin lỗi");
    }

    @Test
    void pausedDossierSaysSo() throws Exception {
        LandDossier dossier = new LandDossier();
        dossier.paused = true;
        dossier.status = DossierStatus.SUPPLEMENTATION_REQUESTED;

        String body = text(parse(renderer.html(dossier.build(), PRINTED_AT)), "//x:body");

        assertThat(body).contains("Trạng thái hồ sơ: 5 – Yêu cầu bổ sung giấy tờ",
                "Đang tạm dừng chờ bổ sung hồ sơ: Có");
    }

    @Test
    void everyValueIsEscaped() throws Exception {
        String name = "<script>alert('x')</script> Hương & Co \"quoted\"";
        String note = "</td></tr></table><b>x</b> & <!-- --> ]]> \u0001\uD800";
        LandDossier dossier = new LandDossier();
        dossier.applicant = new Applicant(name, "<img src=x onerror=alert(1)>", null);
        dossier.supplementationNote = note;

        String html = renderer.html(dossier.build(), PRINTED_AT);

        assertThat(html).doesNotContain("<script>", "<img", "<b>x</b>", "<!-- -->", "\u0001", "\uD800");
        Document page = parse(html);
        assertThat(text(page, "//x:p[starts-with(normalize-space(.),'Tiếp nhận hồ sơ của')]/x:b")).isEqualTo(name);
        assertThat(rows(page, "handoffs")).hasSize(6);
        assertThat(rows(page, "handoffs").get(1).get(3))
                .isEqualTo("Yêu cầu bổ sung hồ sơ </td></tr></table><b>x</b> & <!-- --> ]]> Gói tin: env-0002");
        assertThat(text(page, "//x:body")).contains("Số điện thoại: —");
    }

    @Test
    void dossierTheGatewayKnowsLittleAboutPrintsDashes() throws Exception {
        DossierView bare = new DossierView("000.00.01.H53-261123-0008", "1.004227", null, null, null, null, null,
                null, null, null, null, null, List.of(), false, 0, DeadlineState.ON_TRACK, null, null,
                PRINTED_AT, List.of(), List.of(), List.of());

        String body = text(parse(renderer.html(bare, PRINTED_AT)), "//x:body");

        assertThat(body).contains("Tiếp nhận hồ sơ của: —", "Thủ tục hành chính: — (mã thủ tục: 1.004227)",
                "Thời gian nhận hồ sơ: —", "Cơ quan (bộ phận) giải quyết hồ sơ: —",
                "Cơ quan phối hợp giải quyết hồ sơ: —", "Chưa có lần giao, nhận hồ sơ nào.", "Trạng thái hồ sơ: —");
        assertThat(pdf(bare)).isNotEmpty();
    }

    @Test
    void timesFollowTheRenderersZone() throws Exception {
        String body = text(parse(new ControlSlipRenderer(ZoneId.of("UTC")).html(new LandDossier().build(), PRINTED_AT)),
                "//x:body");

        assertThat(body).contains("Thời gian nhận hồ sơ: 01 giờ 15 phút, ngày 23 tháng 11 năm 2026");
    }

    @Test
    void rendersTheSameFromManyThreads() throws Exception {
        DossierView dossier = new LandDossier().build();
        String expected = renderer.html(dossier, PRINTED_AT);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> pages = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                pages.add(pool.submit(() -> renderer.html(dossier, PRINTED_AT)));
            }
            for (Future<String> page : pages) {
                assertThat(page.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pdfIsAnA4PageWithVietnameseTextAndOnlyEmbeddedFonts() throws Exception {
        DossierView dossier = new LandDossier().build();
        Path target = Files.createDirectories(Path.of("target"));
        Files.writeString(target.resolve("control-slip-sample.html"), renderer.html(dossier, PRINTED_AT));

        byte[] pdf = pdf(dossier);
        Files.write(target.resolve("control-slip-sample.pdf"), pdf);

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer pages = new PDFRenderer(document);
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                ImageIO.write(pages.renderImageWithDPI(i, 110), "png",
                        target.resolve("control-slip-sample-page" + (i + 1) + ".png").toFile());
            }
            for (PDPage page : document.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isCloseTo(PDRectangle.A4.getWidth(), within(1f));
                assertThat(page.getMediaBox().getHeight()).isCloseTo(PDRectangle.A4.getHeight(), within(1f));
            }
            assertThat(fonts(document)).isNotEmpty().allSatisfy(font -> {
                assertThat(font.isEmbedded()).as("%s is embedded", font.getName()).isTrue();
                assertThat(font.getName()).contains("NotoSerif");
            });
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Nguyễn Thị Hương",
                    "Số 12, đường Lê Lợi, phường Hưng Bình", "Đăng ký biến động quyền sử dụng đất",
                    "Trước hạn", "Đúng hạn", "Quá hạn", "Đang giải quyết", "Văn phòng Đăng ký đất đai",
                    "Chi cục Thuế khu vực", "08 giờ 15 phút, ngày 23 tháng 11 năm 2026", "Phạm Quốc Cường",
                    "Yêu cầu bổ sung hồ sơ", "In lúc 10 giờ 05 phút, ngày 03 tháng 12 năm 2026", "env-0004");
            assertThat(document.getDocumentInformation().getTitle())
                    .isEqualTo("Phiếu kiểm soát quá trình giải quyết hồ sơ " + LandDossier.CODE);
            String xmp = new String(document.getDocumentCatalog().getMetadata().toByteArray(),
                    StandardCharsets.UTF_8);
            assertThat(xmp).containsPattern("pdfaid:part(>|=\"|='\\s*)2").containsPattern("pdfaid:conformance(>|=\"|=')U");
            assertThat(document.getDocumentCatalog().getOutputIntents()).hasSize(1);
        }
    }

    @Test
    void pdfLeavesTheCallersStreamOpen() {
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        renderer.pdf(new LandDossier().build(), PRINTED_AT, out);

        assertThat(out.size()).isPositive();
        assertThat(closed).isFalse();
    }

    @Test
    void pdfPrintsHostileAndUncoveredTextWithEmbeddedFontsOnly() throws Exception {
        LandDossier dossier = new LandDossier();
        dossier.applicant = new Applicant("<script>alert('x')</script> & 漢字 😀", null, null);

        try (PDDocument document = Loader.loadPDF(pdf(dossier.build()))) {
            assertThat(fonts(document)).allSatisfy(font -> assertThat(font.isEmbedded()).isTrue());
            assertThat(new PDFTextStripper().getText(document)).contains("<script>alert('x')</script> &");
        }
    }

    private byte[] pdf(DossierView dossier) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.pdf(dossier, PRINTED_AT, out);
        return out.toByteArray();
    }

    private static List<PDFont> fonts(PDDocument document) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        for (PDPage page : document.getPages()) {
            for (COSName name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
        }
        return fonts;
    }

    private static Document parse(String html) throws ParserConfigurationException, IOException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    private static List<List<String>> rows(Document page, String table) throws XPathExpressionException {
        NodeList rows = (NodeList) xpath("//x:table[contains(@class,'" + table + "')]/x:tbody/x:tr", page,
                XPathConstants.NODESET);
        List<List<String>> result = new ArrayList<>();
        for (int i = 0; i < rows.getLength(); i++) {
            List<String> cells = new ArrayList<>();
            NodeList tds = ((Element) rows.item(i)).getElementsByTagNameNS(XHTML, "td");
            for (int j = 0; j < tds.getLength(); j++) {
                cells.add(normalize(tds.item(j).getTextContent()));
            }
            result.add(cells);
        }
        return result;
    }

    private static String text(Document page, String path) throws XPathExpressionException {
        return normalize((String) xpath("string(" + path + ")", page, XPathConstants.STRING));
    }

    private static List<String> texts(Document page, String path) throws XPathExpressionException {
        NodeList nodes = (NodeList) xpath(path, page, XPathConstants.NODESET);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add(normalize(nodes.item(i).getTextContent()));
        }
        return result;
    }

    private static Object xpath(String expression, Document page, QName type) throws XPathExpressionException {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return "x".equals(prefix) ? XHTML : XMLConstants.NULL_NS_URI;
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
                return Collections.emptyIterator();
            }
        });
        return xpath.evaluate(expression, page, type);
    }

    private static String normalize(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
