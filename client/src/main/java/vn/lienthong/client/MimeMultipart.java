package vn.lienthong.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code multipart/related} body, as an MTOM answer from the SOAP service comes:
 * each part's bytes by its {@code Content-ID}, the root part first.
 */
final class MimeMultipart {

    private static final Pattern PARAMETER = Pattern.compile(";\\s*([A-Za-z-]+)=(\"([^\"]*)\"|[^;\\s]*)");
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, byte[]> parts;
    private final byte[] root;

    private MimeMultipart(Map<String, byte[]> parts, byte[] root) {
        this.parts = parts;
        this.root = root;
    }

    /** The value of a parameter of a content type, such as {@code boundary}. */
    static Optional<String> parameter(String contentType, String name) {
        Matcher matcher = PARAMETER.matcher(contentType);
        while (matcher.find()) {
            if (matcher.group(1).equalsIgnoreCase(name)) {
                return Optional.of(matcher.group(3) != null ? matcher.group(3) : matcher.group(2));
            }
        }
        return Optional.empty();
    }

    static MimeMultipart parse(String contentType, byte[] body) {
        String boundary = parameter(contentType, "boundary")
                .orElseThrow(() -> new IllegalArgumentException("multipart answer without a boundary: " + contentType));
        String start = parameter(contentType, "start").map(MimeMultipart::bare).orElse(null);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        byte[] first = null;
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int partStart = at + delimiter.length;
            if (partStart + 1 < body.length && body[partStart] == '-' && body[partStart + 1] == '-') {
                break;
            }
            int next = indexOf(body, delimiter, partStart);
            if (next < 0) {
                throw new IllegalArgumentException("multipart answer is cut short");
            }
            int headersEnd = indexOf(body, HEADER_END, partStart);
            if (headersEnd < 0 || headersEnd > next) {
                throw new IllegalArgumentException("multipart part without headers");
            }
            String headers = new String(body, partStart, headersEnd - partStart, StandardCharsets.ISO_8859_1);
            int contentEnd = next >= 2 && body[next - 2] == '\r' && body[next - 1] == '\n' ? next - 2 : next;
            byte[] content = Arrays.copyOfRange(body, headersEnd + HEADER_END.length, contentEnd);
            String id = contentId(headers);
            parts.put(id, content);
            if (first == null || id.equals(start)) {
                first = content;
            }
            at = next;
        }
        if (first == null) {
            throw new IllegalArgumentException("multipart answer has no parts");
        }
        return new MimeMultipart(parts, start != null && parts.containsKey(start) ? parts.get(start) : first);
    }

    byte[] root() {
        return root;
    }

    /** A part by its id, as an {@code xop:Include href="cid:…"} names it. */
    Optional<byte[]> part(String contentId) {
        return Optional.ofNullable(parts.get(bare(contentId)));
    }

    private static String contentId(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-id")) {
                return bare(line.substring(colon + 1));
            }
        }
        return "";
    }

    private static String bare(String id) {
        String stripped = id.strip();
        if (stripped.startsWith("<") && stripped.endsWith(">")) {
            stripped = stripped.substring(1, stripped.length() - 1);
        }
        return stripped;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
