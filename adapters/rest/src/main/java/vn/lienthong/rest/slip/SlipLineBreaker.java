package vn.lienthong.rest.slip;

import com.openhtmltopdf.extend.FSTextBreaker;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * Where the PDF may break a line: where Java's line breaker says, except inside a number such
 * as a time (15:20), a date (30/11/2026) or a code (000.00.01), which the slip's narrow columns
 * would otherwise split as "15:" / "20" or "30" / "/11/2026". openhtmltopdf's default breaker
 * also breaks before every slash, for URLs, which the slip does not print. One per PDF: it
 * keeps the text it is breaking.
 */
final class SlipLineBreaker implements FSTextBreaker {

    private final BreakIterator lines = BreakIterator.getLineInstance(Locale.forLanguageTag("vi"));
    private String text = "";

    @Override
    public void setText(String text) {
        this.text = text;
        lines.setText(text);
    }

    @Override
    public int next() {
        int at = lines.next();
        while (at != BreakIterator.DONE && insideNumber(at)) {
            at = lines.next();
        }
        return at;
    }

    /** A digit, a separator, the break, a digit. */
    private boolean insideNumber(int at) {
        return at >= 2 && at < text.length()
                && Character.isDigit(text.charAt(at)) && isSeparator(text.charAt(at - 1))
                && Character.isDigit(text.charAt(at - 2));
    }

    private static boolean isSeparator(char c) {
        return c == ':' || c == '/' || c == '.' || c == '-' || c == ',';
    }
}
