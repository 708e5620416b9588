package vn.lienthong.client.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import vn.lienthong.signature.PemCertificates;

/**
 * Verifies a dossier's evidence bundle offline, by the procedure of docs/EVIDENCE.md: the zip
 * within limits, the signed ledger head, the gateway's certificate against what the caller
 * trusts, the ledger's hash chain up to the head, and each accepted envelope and its receipt.
 *
 * <p>Whatever is wrong with a readable bundle is a {@link Finding} in the {@link Verdict}; only
 * input that cannot be read as a zip at all raises an {@link IOException}. Instances are
 * immutable; use one per thread.
 */
public final class EvidenceBundleVerifier {

    private static final Set<String> KNOWN_FILES = Set.of(EvidenceBundleLayout.LEDGER, EvidenceBundleLayout.HEAD,
            EvidenceBundleLayout.GATEWAY_CERTIFICATE, EvidenceBundleLayout.CONTROL_SLIP, EvidenceBundleLayout.README,
            EvidenceBundleLayout.ENVELOPES, EvidenceBundleLayout.RECEIPTS);
    private static final List<String> REQUIRED = List.of(EvidenceBundleLayout.LEDGER, EvidenceBundleLayout.HEAD,
            EvidenceBundleLayout.GATEWAY_CERTIFICATE);

    private final GatewayTrust trust;
    private final BundleReader reader;
    private final SignedDocuments documents = new SignedDocuments();

    public EvidenceBundleVerifier(GatewayTrust trust, BundleLimits limits) {
        this.trust = trust;
        this.reader = new BundleReader(limits);
    }

    /** A verifier with the default limits. */
    public EvidenceBundleVerifier(GatewayTrust trust) {
        this(trust, BundleLimits.DEFAULT);
    }

    /**
     * Verifies a bundle file; also checks that the zip's central directory, which zip tools
     * show, lists exactly the entries that were verified.
     *
     * @throws IOException when the file cannot be read, or is not a zip or a corrupt one
     */
    public Verdict verify(Path bundle) throws IOException {
        BundleContents contents;
        try (InputStream in = Files.newInputStream(bundle)) {
            contents = reader.read(in);
        }
        if (!contents.refused()) {
            contents = reader.crossCheckDirectory(bundle, contents);
        }
        return verify(contents);
    }

    /**
     * Verifies a bundle read from a stream, such as the body of
     * {@code GET /api/v1/dossiers/{code}/evidence}; the caller closes it.
     *
     * @throws IOException when the stream fails, or is not a zip or a corrupt one
     */
    public Verdict verify(InputStream bundle) throws IOException {
        return verify(reader.read(bundle));
    }

    private Verdict verify(BundleContents contents) {
        Report report = new Report();
        if (contents.refusal() != null) {
            report.fail(contents.refusal().code(), contents.refusal().message());
            report.skipRemaining("not run: the bundle was refused");
            return report.verdict(null, trust.basis());
        }
        checkLayout(contents, report);
        List<X509Certificate> certificates = bundleCertificates(contents, report);
        LedgerHead head = verifyHead(contents, certificates, report);
        List<LedgerEntry> entries = verifyLedger(contents, head, report);
        Signers signers = new Signers();
        if (head != null) {
            signers.head(head.signer(), head.issuedAt());
        }
        if (contents.document(EvidenceBundleLayout.LEDGER).isPresent()) {
            new AcceptedFiles(documents).verify(entries, contents, head, certificates, signers, report);
        } else {
            report.skipped(Check.ENVELOPES, "not run: without " + EvidenceBundleLayout.LEDGER + " no envelope is named");
            report.skipped(Check.RECEIPTS, "not run: without " + EvidenceBundleLayout.LEDGER + " no receipt is named");
        }
        new TrustVerification(trust).verify(signers, certificates, report);
        return report.verdict(head, trust.basis());
    }

    /** Step 1's rest: the required entries are there, and nothing outside the v1 layout. */
    private static void checkLayout(BundleContents contents, Report report) {
        for (String required : REQUIRED) {
            if (contents.document(required).isEmpty()) {
                report.fail(FindingCode.BUNDLE_ENTRY_MISSING, required + " is missing from the bundle");
            }
        }
        for (BundleContents.StoredEntry entry : contents.entries()) {
            String name = entry.name();
            if (!KNOWN_FILES.contains(name) && !EvidenceBundleLayout.isEnvelopeEntry(name)
                    && !EvidenceBundleLayout.isReceiptEntry(name)) {
                report.fail(FindingCode.BUNDLE_UNEXPECTED_ENTRY, name + " is not part of an evidence bundle (v1)");
            }
        }
        if (!report.failed(Check.BUNDLE)) {
            report.passed(Check.BUNDLE, contents.entries().size() + " entries, " + contents.totalBytes()
                    + " bytes uncompressed, within limits; names safe; the required entries present");
        }
    }

    private static List<X509Certificate> bundleCertificates(BundleContents contents, Report report) {
        byte[] pem = contents.document(EvidenceBundleLayout.GATEWAY_CERTIFICATE).orElse(null);
        if (pem == null) {
            return List.of();
        }
        try {
            List<X509Certificate> certificates = PemCertificates.parse(pem);
            if (certificates.isEmpty()) {
                report.fail(FindingCode.GATEWAY_PEM_INVALID, EvidenceBundleLayout.GATEWAY_CERTIFICATE + " holds no certificate");
            }
            return certificates;
        } catch (IllegalArgumentException e) {
            report.fail(FindingCode.GATEWAY_PEM_INVALID, EvidenceBundleLayout.GATEWAY_CERTIFICATE + " cannot be read: "
                    + e.getMessage());
            return List.of();
        }
    }

    private @Nullable LedgerHead verifyHead(BundleContents contents, List<X509Certificate> certificates, Report report) {
        byte[] head = contents.document(EvidenceBundleLayout.HEAD).orElse(null);
        if (head == null) {
            if (!report.failed(Check.HEAD)) {
                report.skipped(Check.HEAD, "not run: " + EvidenceBundleLayout.HEAD + " is missing");
            }
            return null;
        }
        return new HeadVerification(documents).verify(head, certificates, report);
    }

    private static List<LedgerEntry> verifyLedger(BundleContents contents, @Nullable LedgerHead head, Report report) {
        byte[] ledger = contents.document(EvidenceBundleLayout.LEDGER).orElse(null);
        if (ledger == null) {
            report.skipped(Check.LEDGER, "not run: " + EvidenceBundleLayout.LEDGER + " is missing");
            return List.of();
        }
        return LedgerChain.verify(ledger, head, report);
    }
}
