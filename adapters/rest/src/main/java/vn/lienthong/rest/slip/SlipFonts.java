package vn.lienthong.rest.slip;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fonts the PDF slip is printed in, shipped in this module so that the PDF depends on no
 * system font: Noto Serif regular and bold (SIL Open Font License 1.1, see
 * {@code lienthong/slip/fonts/OFL.txt}), which cover Vietnamese completely. Read once; each PDF
 * embeds the subset of glyphs it uses.
 */
final class SlipFonts {

    /** The family name the template's stylesheet asks for. */
    static final String FAMILY = "Noto Serif";

    private static final String DIRECTORY = "lienthong/slip/fonts/";
    private static final int REGULAR = 400;
    private static final int BOLD = 700;

    private final byte[] regular;
    private final byte[] bold;

    private SlipFonts(byte[] regular, byte[] bold) {
        this.regular = regular;
        this.bold = bold;
    }

    static SlipFonts bundled() {
        return new SlipFonts(read("NotoSerif-Regular.ttf"), read("NotoSerif-Bold.ttf"));
    }

    void registerWith(PdfRendererBuilder builder) {
        builder.useFont(() -> new ByteArrayInputStream(regular), FAMILY, REGULAR, FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(bold), FAMILY, BOLD, FontStyle.NORMAL, true);
    }

    private static byte[] read(String file) {
        String resource = DIRECTORY + file;
        try (InputStream in = SlipFonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the control slip's font " + resource + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the control slip's font " + resource, e);
        }
    }
}
