package vn.lienthong.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The control slip as a reader sees it: its text, and the cells of its hand-off table, row by row. */
record ControlSlipTable(String text, List<List<String>> rows) {

    /** Parses the slip's XHTML; the hand-off table is the one with class {@code handoffs}. */
    static ControlSlipTable parse(byte[] xhtml) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new AssertionError("the control slip is not well-formed XHTML", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> rows = new ArrayList<>();
        NodeList tables = document.getElementsByTagName("table");
        for (int t = 0; t < tables.getLength(); t++) {
            Element table = (Element) tables.item(t);
            if (!table.getAttribute("class").contains("handoffs")) {
                continue;
            }
            NodeList bodies = table.getElementsByTagName("tbody");
            NodeList trs = ((Element) bodies.item(0)).getElementsByTagName("tr");
            for (int r = 0; r < trs.getLength(); r++) {
                NodeList tds = ((Element) trs.item(r)).getElementsByTagName("td");
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < tds.getLength(); c++) {
                    cells.add(normalise(tds.item(c).getTextContent()));
                }
                rows.add(cells);
            }
        }
        return new ControlSlipTable(normalise(document.getDocumentElement().getTextContent()), rows);
    }

    static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return normalise(new PDFTextStripper().getText(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
