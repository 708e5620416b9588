package vn.lienthong.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.XMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.core.receipt.GatewayIdentity;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.xml.SecureXml;

/**
 * The evidence bundle of a dossier (docs/EVIDENCE.md): its ledger, the head of the ledger
 * signed by the gateway now, the gateway's certificate, and every envelope the ledger names
 * with its receipt, byte for byte. Anyone can check it offline with
 * {@code lienthong evidence verify}.
 */
public class EvidenceBundle {

    public static final String NAMESPACE = "urn:lienthong:evidence:v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final EvidenceLedger ledger;
    private final EnvelopeArchive archive;
    private final GatewayIdentity identity;
    private final Clock clock;

    public EvidenceBundle(EvidenceLedger ledger, EnvelopeArchive archive, GatewayIdentity identity, Clock clock) {
        this.ledger = ledger;
        this.archive = archive;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * Writes the bundle as a zip.
     *
     * @param extras further files for readers, such as the control slip; not covered by the signature
     */
    public void write(String dossierCode, Map<String, byte[]> extras, OutputStream out) {
        List<String> entries = ledger.entries(dossierCode);
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            StringBuilder lines = new StringBuilder();
            entries.forEach(line -> lines.append(line).append('\n'));
            put(zip, "ledger.jsonl", lines.toString().getBytes(StandardCharsets.UTF_8));
            String head = entries.isEmpty() ? EvidenceLedger.GENESIS : EvidenceLedger.sha256Hex(entries.get(entries.size() - 1));
            put(zip, "ledger-head.xml", signedHead(dossierCode, entries.size(), head, clock.instant()));
            List<Accepted> accepted = acceptedEnvelopes(entries);
            Map<String, X509Certificate> signers = new LinkedHashMap<>();
            signers.put(PemCertificates.fingerprint(identity.certificate()), identity.certificate());
            for (Accepted envelope : accepted) {
                byte[] receipt = archive.fingerprint(envelope.id()).orElseThrow().receipt();
                X509Certificate signer = receiptSigner(receipt);
                signers.putIfAbsent(PemCertificates.fingerprint(signer), signer);
                String name = fileName(envelope.seq(), envelope.id());
                EnvelopeArchive.Archived archived = archive.find(envelope.id())
                        .orElseThrow(() -> new IllegalStateException("the ledger names envelope " + envelope.id()
                                + " that the archive does not hold"));
                zip.putNextEntry(new ZipEntry("envelopes/" + name + ".xml"));
                try (EnvelopeBytes bytes = archive.content(archived); InputStream content = bytes.open()) {
                    content.transferTo(zip);
                }
                zip.closeEntry();
                put(zip, "receipts/" + name + ".xml", receipt);
            }
            StringBuilder pem = new StringBuilder();
            signers.values().forEach(certificate -> pem.append(PemCertificates.toPem(certificate)));
            put(zip, "gateway.pem", pem.toString().getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> extra : extras.entrySet()) {
                put(zip, extra.getKey(), extra.getValue());
            }
            put(zip, "README.txt", readme(dossierCode).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evidence bundle of dossier " + dossierCode, e);
        }
    }

    /**
     * The name of an accepted envelope's files: the ledger seq, a hyphen, then the envelope id
     * with every character other than {@code A-Z a-z 0-9 . _ -} replaced by {@code _}, cut to
     * 64 characters. The seq keeps names unique on case-blind file systems.
     */
    public static String fileName(int seq, String envelopeId) {
        StringBuilder name = new StringBuilder().append(seq).append('-');
        envelopeId.codePoints().limit(64).forEach(c -> name.append(
                (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                        || c == '-' ? (char) c : '_'));
        return name.toString();
    }

    /** The certificate that signed a receipt: the current gateway key's, or an earlier one's after a key change. */
    private static X509Certificate receiptSigner(byte[] receipt) {
        NodeList certificates = new SecureXml().parse(receipt)
                .getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate");
        if (certificates.getLength() == 0) {
            throw new IllegalStateException("a stored receipt carries no signing certificate");
        }
        return PemCertificates.parse(Base64.getMimeDecoder().decode(certificates.item(0).getTextContent())).get(0);
    }

    private byte[] signedHead(String dossierCode, int count, String head, Instant issuedAt) {
        Document document = SecureXml.newDocument();
        Element root = document.createElementNS(NAMESPACE, "LedgerHead");
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", NAMESPACE);
        document.appendChild(root);
        append(root, "Dossier", dossierCode);
        append(root, "Entries", Integer.toString(count));
        append(root, "HeadSha256", head);
        append(root, "IssuedAt", issuedAt.toString());
        append(root, "Gateway", identity.gatewayId());
        identity.signer().sign(document);
        return SecureXml.serialize(document);
    }

    private static void append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElementNS(NAMESPACE, name);
        child.setTextContent(text);
        parent.appendChild(child);
    }

    private record Accepted(int seq, String id) {
    }

    private static List<Accepted> acceptedEnvelopes(List<String> entries) {
        List<Accepted> accepted = new ArrayList<>();
        for (String line : entries) {
            JsonNode entry = JSON.readTree(line);
            if (LedgerEvent.ACCEPTED.name().equals(entry.path("event").asString())) {
                accepted.add(new Accepted(entry.path("seq").asInt(), entry.path("envelope").asString()));
            }
        }
        return accepted;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static String readme(String dossierCode) {
        return """
                Evidence bundle of dossier %s, exported by a lienthong gateway.

                ledger.jsonl     every recorded fact about the dossier, one JSON line each, each line
                                 carrying the SHA-256 of the line before it ("prev")
                ledger-head.xml  the number of lines and the hash of the last one, signed by the gateway
                gateway.pem      the gateway's signing certificate
                envelopes/       the signed envelopes exactly as the gateway accepted them
                receipts/        the gateway's signed receipt for each envelope
                control-slip.html  the control slip, for reading (not covered by the signature)

                To check it offline:  lienthong evidence verify <this file>.zip --gateway-cert <trusted gateway.pem>
                The format and the checks are described in docs/EVIDENCE.md of the lienthong project.
                """.formatted(dossierCode);
    }
}
