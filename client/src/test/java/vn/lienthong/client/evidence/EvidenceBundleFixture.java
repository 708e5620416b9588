package vn.lienthong.client.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.EnvelopedSigner;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.xml.SecureXml;

/**
 * Builds evidence bundles as the gateway is to export them (docs/EVIDENCE.md), real signatures
 * and a real zip, then lets a test change any part: a ledger line, a file, the head.
 *
 * <p>{@link #valid()} is a land dossier of six entries and three envelopes: the desk hands it
 * to the land registration office, which asks the tax office, which is late and owes an
 * apology. Every event of v1 appears once or more; one envelope id has a colon and one capitals.
 */
public final class EvidenceBundleFixture {

    public static final String DOSSIER = "000.00.01.H53-261127-0001";
    public static final String GATEWAY_ID = "lienthong-test";
    static final String DESK = "000.00.01.H53";
    static final String LAND = "000.01.12.H53";
    static final String TAX = "000.00.05.H53";
    static final String GENESIS = "0".repeat(64);

    /** Keys for every test of a run: generating them is the slow part. */
    public static final class Keys {
        public static final DemoCertificateAuthority CA = DemoCertificateAuthority.create("lienthong test root", Duration.ofDays(30));
        public static final SigningKey GATEWAY = CA.issueSigningKey("lienthong-test gateway", "lienthong",
                DemoCertificateAuthority.KeyType.EC_P256, Duration.ofDays(30));
        public static final SigningKey OTHER_GATEWAY = CA.issueSigningKey("another gateway", "lienthong",
                DemoCertificateAuthority.KeyType.EC_P256, Duration.ofDays(30));
        public static final DemoCertificateAuthority OTHER_CA = DemoCertificateAuthority.create("another root", Duration.ofDays(30));
        public static final SigningKey FORGER = OTHER_CA.issueSigningKey("lienthong-test gateway", "lienthong",
                DemoCertificateAuthority.KeyType.EC_P256, Duration.ofDays(30));
        public static final SigningKey DESK_AGENCY = CA.issueSigningKey(DESK, "desk", DemoCertificateAuthority.KeyType.EC_P256,
                Duration.ofDays(30));

        private Keys() {
        }
    }

    /** The ledger's lines, without their line feeds. */
    public final List<String> lines = new ArrayList<>();
    /** Every other entry of the zip, in the order it is written. */
    public final Map<String, byte[]> files = new LinkedHashMap<>();
    /** Whether the zip has ledger.jsonl. */
    public boolean includeLedger = true;
    /** When the first entry happened: now, so that the test certificates are valid throughout. */
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** A bundle that verifies: ledger, signed head, certificate with its chain, three envelopes and their receipts. */
    public static EvidenceBundleFixture valid() {
        EvidenceBundleFixture bundle = new EvidenceBundleFixture();
        bundle.files.put(EvidenceBundleLayout.README, "Verify with: lienthong evidence verify bundle.zip\n".getBytes(StandardCharsets.UTF_8));
        bundle.files.put(EvidenceBundleLayout.CONTROL_SLIP, "<html><body>Phiếu kiểm soát</body></html>".getBytes(StandardCharsets.UTF_8));
        bundle.accept("tutorial:0001", "handoff", DESK, List.of(LAND), ",\"status\":2,\"step\":\"Thẩm định hồ sơ\",\"note\":\"Hồ sơ đất đai\"");
        bundle.append("TAKEN", ",\"envelope\":\"tutorial:0001\",\"by\":\"" + LAND + "\"");
        bundle.accept("Land-Asks-Tax-0002", "handoff", LAND, List.of(TAX), ",\"status\":4");
        bundle.append("OVERDUE", ",\"scope\":\"STEP\",\"agency\":\"" + TAX + "\",\"envelope\":\"Land-Asks-Tax-0002\","
                + "\"dueAt\":\"2026-12-01T10:00:00Z\"");
        bundle.accept("tax-answer-0003", "result", TAX, List.of(LAND, DESK), "");
        bundle.append("APOLOGY_OWED", ",\"agency\":\"" + TAX + "\",\"reason\":\"Chậm tính thuế\"");
        bundle.signHead(Keys.GATEWAY);
        bundle.files.put(EvidenceBundleLayout.GATEWAY_CERTIFICATE, pem(Keys.GATEWAY.chain()));
        return bundle;
    }

    /** Appends a line of any event; {@code keys} are the event's own keys, each with a leading comma. */
    public void append(String event, String keys) {
        int seq = lines.size() + 1;
        String prev = lines.isEmpty() ? GENESIS : hash(lines.get(lines.size() - 1));
        lines.add("{\"seq\":" + seq + ",\"dossier\":\"" + DOSSIER + "\",\"at\":\"" + start.plusSeconds(3600L * seq)
                + "\",\"event\":\"" + event + "\"" + keys + ",\"prev\":\"" + prev + "\"}");
    }

    /** Appends an ACCEPTED entry, and adds its signed envelope and the gateway's receipt to the bundle. */
    public void accept(String envelopeId, String kind, String from, List<String> to, String optionalKeys) {
        int seq = lines.size() + 1;
        byte[] envelope = envelope(envelopeId, from, to);
        String digest = sha256Base64(envelope);
        StringBuilder recipients = new StringBuilder();
        to.forEach(agency -> recipients.append(recipients.length() == 0 ? "" : ",").append('"').append(agency).append('"'));
        append("ACCEPTED", ",\"envelope\":\"" + envelopeId + "\",\"envelopeSha256\":\"" + digest + "\",\"kind\":\"" + kind
                + "\",\"from\":\"" + from + "\",\"to\":[" + recipients + "]" + optionalKeys);
        files.put(EvidenceBundleLayout.envelopeEntry(seq, envelopeId), envelope);
        files.put(EvidenceBundleLayout.receiptEntry(seq, envelopeId),
                receipt(Keys.GATEWAY, envelopeId, from, to, start.plusSeconds(3600L * seq), envelope));
    }

    /** Signs a head for the ledger as it is now, with this key and its certificate in KeyInfo. */
    public void signHead(SigningKey key) {
        signHead(key, lines.size(), hash(lines.get(lines.size() - 1)));
    }

    public void signHead(SigningKey key, long entries, String headSha256) {
        Document head = newDocument();
        Element root = head.createElementNS(EvidenceBundleLayout.NAMESPACE, "LedgerHead");
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", EvidenceBundleLayout.NAMESPACE);
        head.appendChild(root);
        append(root, "Dossier", DOSSIER);
        append(root, "Entries", Long.toString(entries));
        append(root, "HeadSha256", headSha256);
        append(root, "IssuedAt", start.plus(Duration.ofDays(2)).toString());
        append(root, "Gateway", GATEWAY_ID);
        new EnvelopedSigner(key).sign(head);
        files.put(EvidenceBundleLayout.HEAD, SecureXml.serialize(head));
    }

    /** Sets every prev from line {@code position} (1-based) on to the hash of the line before, as a forger would. */
    public void rechainFrom(int position) {
        for (int i = Math.max(position, 2) - 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.lastIndexOf("\"prev\":\"") + "\"prev\":\"".length();
            lines.set(i, line.substring(0, at) + hash(lines.get(i - 1)) + line.substring(at + 64));
        }
    }

    public byte[] ledger() {
        StringBuilder ledger = new StringBuilder();
        lines.forEach(line -> ledger.append(line).append('\n'));
        return ledger.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The zip: ledger (unless left out), then the other files in the order they were put. */
    public byte[] zip() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        if (includeLedger) {
            entries.put(EvidenceBundleLayout.LEDGER, ledger());
        }
        entries.putAll(files);
        return zip(entries);
    }

    public Path write(Path folder) {
        try {
            Path file = folder.resolve("evidence-" + System.nanoTime() + ".zip");
            Files.write(file, zip());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String envelopeName(int seq) {
        return files.keySet().stream().filter(name -> name.startsWith(EvidenceBundleLayout.ENVELOPES + seq + "-"))
                .findFirst().orElseThrow();
    }

    public String receiptName(int seq) {
        return files.keySet().stream().filter(name -> name.startsWith(EvidenceBundleLayout.RECEIPTS + seq + "-"))
                .findFirst().orElseThrow();
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] pem(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        certificates.forEach(certificate -> pem.append(PemCertificates.toPem(certificate)));
        return pem.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A gateway receipt shaped per receipt-v1.xsd, signed with {@code key}. */
    public static byte[] receipt(SigningKey key, String envelopeId, String from, List<String> to, Instant receivedAt,
                                 byte[] envelope) {
        String namespace = "urn:lienthong:receipt:v1";
        Document receipt = newDocument();
        Element root = receipt.createElementNS(namespace, "Receipt");
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", namespace);
        receipt.appendChild(root);
        append(root, "EnvelopeId", envelopeId);
        append(root, "Sender", from);
        to.forEach(agency -> append(root, "Recipient", agency));
        append(root, "DossierCode", DOSSIER);
        append(root, "ReceivedAt", receivedAt.toString());
        append(root, "EnvelopeDigest", sha256Base64(envelope)).setAttribute("algorithm", "http://www.w3.org/2001/04/xmlenc#sha256");
        append(root, "EnvelopeSize", Integer.toString(envelope.length));
        append(root, "Gateway", GATEWAY_ID);
        new EnvelopedSigner(key).sign(receipt);
        return SecureXml.serialize(receipt);
    }

    /** A small envelope signed by the desk: the verifier checks only its digest, so any signed XML will do. */
    static byte[] envelope(String envelopeId, String from, List<String> to) {
        String namespace = "urn:lienthong:envelope:v1";
        Document envelope = newDocument();
        Element root = envelope.createElementNS(namespace, "Envelope");
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", namespace);
        envelope.appendChild(root);
        Element header = append(root, "Header", "");
        append(header, "EnvelopeId", envelopeId);
        append(header, "From", from);
        to.forEach(agency -> append(header, "To", agency));
        Element dossier = append(root, "Dossier", "");
        append(dossier, "Code", DOSSIER);
        append(dossier, "Note", "Hồ sơ đăng ký đất đai");
        new EnvelopedSigner(Keys.DESK_AGENCY).sign(envelope);
        return SecureXml.serialize(envelope);
    }

    public static String hash(String line) {
        return LedgerLines.sha256Hex(line.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Base64(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElementNS(parent.getNamespaceURI(), name);
        if (!text.isEmpty()) {
            child.setTextContent(text);
        }
        parent.appendChild(child);
        return child;
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
