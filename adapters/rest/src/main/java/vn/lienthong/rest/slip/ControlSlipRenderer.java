package vn.lienthong.rest.slip;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import vn.lienthong.core.tracking.DossierView;

/**
 * Renders a dossier's control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ) as a printable
 * XHTML page and as a PDF of the same page.
 *
 * <p>How: {@link ControlSlipPage} turns the {@link DossierView} into the text the slip prints
 * (times in this renderer's zone on the 24-hour clock, results and kinds in Vietnamese); the
 * Thymeleaf template {@code lienthong/slip/control-slip.html} lays that text out as the official
 * form, with the form's labels and an A4 print stylesheet. Thymeleaf runs in XML mode, so the
 * template is checked to be well-formed and every value is escaped as XML; the output is
 * polyglot XHTML that browsers read as HTML and that openhtmltopdf prints.
 *
 * <p>The PDF is PDF/A-2u, since it goes into the evidence bundle to be kept: it embeds the
 * bundled Noto Serif fonts ({@link SlipFonts}) and, being PDF/A, cannot fall back on the
 * unembedded standard fonts; its text is mapped to Unicode, so it can be searched and copied.
 * It loads nothing from outside: no system fonts, no external resources.
 *
 * <p>Thread-safe and stateless: the template engine caches the parsed template and the font
 * bytes are read once; each PDF gets its own builder. Creating a renderer routes openhtmltopdf's
 * log to SLF4J ({@link PdfRendererLog}).
 */
public final class ControlSlipRenderer {

    private static final String TEMPLATE = "control-slip";
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    private static final String PRODUCER = "lienthong";
    /** Characters XML 1.0 forbids even escaped: control characters, unpaired surrogates, U+FFFE, U+FFFF. */
    private static final Pattern NOT_XML =
            Pattern.compile("[^\\t\\n\\r\\x{20}-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");

    private final SlipTimes times;
    private final TemplateEngine templates;
    private final SlipFonts fonts;
    private final byte[] srgb;

    /** @param zone the zone the slip's times are printed in: Asia/Ho_Chi_Minh in practice */
    public ControlSlipRenderer(ZoneId zone) {
        this.times = new SlipTimes(zone);
        this.templates = templateEngine();
        this.fonts = SlipFonts.bundled();
        this.srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        PdfRendererLog.install();
    }

    /**
     * The slip as a complete XHTML document, to be served as {@code text/html; charset=UTF-8}.
     * Characters that XML cannot carry (control characters in a note, say) are left out, so the
     * page stays well-formed whatever the envelopes said.
     */
    public String html(DossierView dossier, Instant printedAt) {
        ControlSlipPage page = ControlSlipPage.of(dossier, printedAt, times);
        String html = templates.process(TEMPLATE, new Context(VIETNAMESE, Map.of("slip", page)));
        return NOT_XML.matcher(html).replaceAll("");
    }

    /**
     * The same page as a PDF, written to {@code out}, which is left open.
     *
     * @throws UncheckedIOException when {@code out} cannot be written
     */
    public void pdf(DossierView dossier, Instant printedAt, OutputStream out) {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        fonts.registerWith(builder);
        builder.usePdfAConformance(PdfAConformance.PDFA_2_U)
                .useColorProfile(srgb)
                .withHtmlContent(html(dossier, printedAt), null)
                .useExternalResourceAccessControl((uri, type) -> false,
                        ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                .useExternalResourceAccessControl((uri, type) -> false,
                        ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                .useUnicodeLineBreaker(new SlipLineBreaker())
                .withProducer(PRODUCER)
                .toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the control slip of dossier " + dossier.code(), e);
        }
    }

    private static TemplateEngine templateEngine() {
        ClassLoaderTemplateResolver resolver =
                new ClassLoaderTemplateResolver(ControlSlipRenderer.class.getClassLoader());
        resolver.setPrefix("lienthong/slip/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
