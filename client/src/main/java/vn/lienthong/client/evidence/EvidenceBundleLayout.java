package vn.lienthong.client.evidence;

/**
 * The names inside an evidence bundle, version 1 (docs/EVIDENCE.md), for verifiers and for
 * anyone who writes a bundle.
 */
public final class EvidenceBundleLayout {

    /** Media type of a bundle, as {@code GET /api/v1/dossiers/{code}/evidence} serves it. */
    public static final String MEDIA_TYPE = "application/zip";
    /** Namespace of {@link #HEAD}, whose schema is {@code evidence-v1.xsd}. */
    public static final String NAMESPACE = "urn:lienthong:evidence:v1";

    /** The ledger: UTF-8 JSON, one entry per line, each line ended by a line feed. */
    public static final String LEDGER = "ledger.jsonl";
    /** The gateway's signed statement of the ledger's length and last hash. */
    public static final String HEAD = "ledger-head.xml";
    /** The gateway's signing certificate, then optionally its chain and earlier signing certificates (PEM). */
    public static final String GATEWAY_CERTIFICATE = "gateway.pem";
    /** Informational, not verified. */
    public static final String CONTROL_SLIP = "control-slip.html";
    /** Informational, not verified. */
    public static final String README = "README.txt";
    /** Folder of the ACCEPTED envelopes' signed bytes. */
    public static final String ENVELOPES = "envelopes/";
    /** Folder of the receipts the gateway issued for them. */
    public static final String RECEIPTS = "receipts/";

    /** How many characters of the envelope id a file name keeps. */
    public static final int ID_CHARACTERS_IN_NAME = 64;

    private EvidenceBundleLayout() {
    }

    /**
     * The file name (without {@code .xml}) of an ACCEPTED entry's envelope and receipt: the
     * entry's seq, a hyphen, then the envelope id with every character other than
     * {@code A-Z a-z 0-9 . _ -} replaced by {@code _}, cut to its first 64 characters
     * (Unicode code points). The seq makes the name unique even on file systems that ignore
     * case, and keeps it short and clear of reserved names such as {@code CON}; the id part is
     * there for people.
     */
    public static String fileName(long seq, String envelopeId) {
        StringBuilder name = new StringBuilder(24 + ID_CHARACTERS_IN_NAME).append(seq).append('-');
        int kept = 0;
        for (int i = 0; i < envelopeId.length() && kept < ID_CHARACTERS_IN_NAME; kept++) {
            int codePoint = envelopeId.codePointAt(i);
            i += Character.charCount(codePoint);
            name.append(portable(codePoint) ? (char) codePoint : '_');
        }
        return name.toString();
    }

    public static String envelopeEntry(long seq, String envelopeId) {
        return ENVELOPES + fileName(seq, envelopeId) + ".xml";
    }

    public static String receiptEntry(long seq, String envelopeId) {
        return RECEIPTS + fileName(seq, envelopeId) + ".xml";
    }

    /** True for a file directly in {@code envelopes/} ending in {@code .xml}. */
    public static boolean isEnvelopeEntry(String name) {
        return isFileIn(ENVELOPES, name);
    }

    /** True for a file directly in {@code receipts/} ending in {@code .xml}. */
    public static boolean isReceiptEntry(String name) {
        return isFileIn(RECEIPTS, name);
    }

    private static boolean isFileIn(String folder, String name) {
        return name.startsWith(folder) && name.length() > folder.length() + ".xml".length()
                && name.endsWith(".xml") && name.indexOf('/', folder.length()) < 0;
    }

    private static boolean portable(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }
}
