package vn.lienthong.client.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.evidence.EvidenceBundleFixture.Keys;
import vn.lienthong.signature.SigningKey;

/**
 * Bundles whose envelopes, receipts, head or certificate were changed after export, and
 * forgeries that only pinning or a trust anchor can tell apart.
 */
class EvidenceFileTamperingTest {

    @TempDir
    Path folder;

    private final EvidenceBundleFixture bundle = EvidenceBundleFixture.valid();

    /** Changes one byte of the second envelope / its digest no longer matches its entry. */
    @Test
    void changedEnvelopeFile() throws IOException {
        String name = bundle.envelopeName(3);
        bundle.files.put(name, change(bundle.files.get(name), "Land-Asks-Tax-0002", "Land-Asks-Tax-0009"));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.ENVELOPE_DIGEST_MISMATCH);
        assertThat(verdict.findings().get(0).message()).startsWith("envelopes/3-Land-Asks-Tax-0002.xml does not hash to its "
                + "entry's envelopeSha256: seq 3 says ").endsWith("(the file was changed or replaced)");
    }

    /** Removes the first envelope / missing, named by its entry. */
    @Test
    void removedEnvelopeFile() throws IOException {
        bundle.files.remove(bundle.envelopeName(1));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.ENVELOPE_MISSING);
        assertThat(verdict.findings().get(0).message()).isEqualTo("the ACCEPTED entry with seq 1 (envelope "
                + "'tutorial:0001'): envelopes/1-tutorial_0001.xml is not in the bundle");
    }

    /** Adds an envelope no entry names / reported. */
    @Test
    void extraUnreferencedEnvelopeFile() throws IOException {
        bundle.files.put("envelopes/7-slipped-in.xml", "<Envelope/>".getBytes(StandardCharsets.UTF_8));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.ENVELOPE_UNREFERENCED);
        assertThat(verdict.findings().get(0).message()).startsWith("envelopes/7-slipped-in.xml is in the bundle, but no "
                + "ACCEPTED entry names it");
    }

    /** Adds a receipt no entry names / reported. */
    @Test
    void extraUnreferencedReceiptFile() throws IOException {
        bundle.files.put("receipts/2-tutorial_0001.xml", bundle.files.get(bundle.receiptName(1)));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.RECEIPT_UNREFERENCED);
    }

    /** Changes the time in a receipt / its signature no longer verifies. */
    @Test
    void changedReceipt() throws IOException {
        String name = bundle.receiptName(5);
        String receipt = new String(bundle.files.get(name), StandardCharsets.UTF_8);
        String receivedAt = receipt.substring(receipt.indexOf("<ReceivedAt>") + 12, receipt.indexOf("</ReceivedAt>"));
        bundle.files.put(name, receipt.replace(receivedAt, Instant.parse(receivedAt).minusSeconds(86_400).toString())
                .getBytes(StandardCharsets.UTF_8));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.RECEIPT_SIGNATURE_INVALID);
        assertThat(verdict.findings().get(0).message()).startsWith("receipts/5-tax-answer-0003.xml does not verify: ")
                .endsWith("(the receipt changed after the gateway signed it)");
    }

    /** Replaces a receipt with one another gateway key signed / the signer is not the bundle's gateway. */
    @Test
    void receiptFromAnotherGatewayKey() throws IOException {
        bundle.files.put(bundle.receiptName(3), reissued(Keys.OTHER_GATEWAY, "Land-Asks-Tax-0002", 3));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.RECEIPT_SIGNER_NOT_GATEWAY);
        assertThat(verdict.findings().get(0).message()).contains("CN=another gateway").endsWith(", which gateway.pem "
                + "does not list: another key issued it");
    }

    /** Puts the genuine receipt of envelope 3 in the place of envelope 1's / it names another envelope. */
    @Test
    void receiptOfAnotherEnvelope() throws IOException {
        bundle.files.put(bundle.receiptName(1), bundle.files.get(bundle.receiptName(3)));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.RECEIPT_MISMATCH);
        assertThat(verdict.findings().get(0).message()).startsWith("receipts/1-tutorial_0001.xml does not match the "
                + "ACCEPTED entry with seq 1 (envelope 'tutorial:0001'): EnvelopeId is 'Land-Asks-Tax-0002', the entry's "
                + "envelope 'tutorial:0001'; EnvelopeDigest is ");
    }

    /** Removes a receipt / missing. */
    @Test
    void removedReceipt() throws IOException {
        bundle.files.remove(bundle.receiptName(3));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.RECEIPT_MISSING);
    }

    /** Re-signs the head with a key whose certificate is not the bundle's / the signer does not match gateway.pem. */
    @Test
    void headSignedByADifferentKey() throws IOException {
        bundle.signHead(Keys.FORGER);

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.HEAD_SIGNER_NOT_BUNDLE_CERTIFICATE);
        assertThat(verdict.findings().get(0).message()).startsWith("ledger-head.xml is signed by 'CN=lienthong-test gateway")
                .endsWith("the head, or the certificate file, was replaced");
    }

    /** Changes the head's Entries from 6 to 5 without re-signing / the signature fails; nothing is compared with it. */
    @Test
    void headEntriesChanged() throws IOException {
        bundle.files.put(EvidenceBundleLayout.HEAD, change(bundle.files.get(EvidenceBundleLayout.HEAD), "<Entries>6<", "<Entries>5<"));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.HEAD_SIGNATURE_INVALID);
        assertThat(verdict.findings().get(0).message()).startsWith("ledger-head.xml does not verify: ");
        assertThat(verdict.signedHead()).isEmpty();
        assertThat(verdict.checks().get(Check.LEDGER.ordinal()).summary()).endsWith("not compared with a signed head (none verified)");
    }

    /** A head signed over an upper-case hash / not valid against evidence-v1.xsd. */
    @Test
    void headNotValidAgainstTheSchema() throws IOException {
        bundle.signHead(Keys.GATEWAY, 6, EvidenceBundleFixture.hash(bundle.lines.get(5)).toUpperCase(Locale.ROOT));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.HEAD_INVALID);
        assertThat(verdict.findings().get(0).message()).startsWith("ledger-head.xml is not valid: cvc-pattern-valid")
                .endsWith("(evidence-v1.xsd)");
    }

    /** gateway.pem that holds no certificate / said, and the receipts' signer is then unknown. */
    @Test
    void unreadableGatewayCertificateFile() throws IOException {
        bundle.files.put(EvidenceBundleLayout.GATEWAY_CERTIFICATE, "no certificate here".getBytes(StandardCharsets.US_ASCII));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).contains(FindingCode.GATEWAY_PEM_INVALID,
                FindingCode.RECEIPT_SIGNER_NOT_GATEWAY);
    }

    /**
     * Rewrites an entry and re-signs everything with a key of its own, putting its certificate
     * in gateway.pem / consistent, so it passes on the bundle's word alone, and fails as soon as
     * the gateway's certificate is pinned or its CA trusted.
     */
    @Test
    void completeForgeryIsCaughtOnlyByPinningOrTrust() throws IOException {
        bundle.lines.set(1, bundle.lines.get(1).replace("\"by\":\"" + EvidenceBundleFixture.LAND, "\"by\":\"000.00.09.H53"));
        bundle.rechainFrom(3);
        bundle.signHead(Keys.FORGER);
        bundle.files.put(bundle.receiptName(1), reissued(Keys.FORGER, "tutorial:0001", 1));
        bundle.files.put(bundle.receiptName(3), reissued(Keys.FORGER, "Land-Asks-Tax-0002", 3));
        bundle.files.put(bundle.receiptName(5), reissued(Keys.FORGER, "tax-answer-0003", 5));
        bundle.files.put(EvidenceBundleLayout.GATEWAY_CERTIFICATE, EvidenceBundleFixture.pem(Keys.FORGER.chain()));

        Verdict unpinned = verify(GatewayTrust.BUNDLE_CERTIFICATE);
        Verdict pinned = verify(GatewayTrust.pinned(List.of(Keys.GATEWAY.certificate())));
        Verdict anchored = verify(GatewayTrust.anchoredIn(List.of(Keys.CA.authority().certificate())));

        assertThat(unpinned.verified()).isTrue();
        assertThat(unpinned.checks().get(Check.TRUST.ordinal()).status()).isEqualTo(CheckResult.Status.NOTE);
        assertThat(pinned.findings()).extracting(Finding::code).containsExactly(FindingCode.GATEWAY_NOT_PINNED);
        assertThat(pinned.findings().get(0).message()).startsWith("'CN=lienthong-test gateway")
                .contains("(which signed ledger-head.xml and 3 receipts) is not the pinned gateway certificate");
        assertThat(anchored.findings()).extracting(Finding::code).containsExactly(FindingCode.GATEWAY_NOT_TRUSTED);
        assertThat(anchored.findings().get(0).message()).contains("no chain to a trust anchor");
    }

    /**
     * Receipts issued before a key rotation, signed by the earlier key that gateway.pem lists
     * after the current certificate / verified; a pin must then name both certificates.
     */
    @Test
    void receiptsSignedBeforeAKeyRotation() throws IOException {
        bundle.files.put(bundle.receiptName(1), reissued(Keys.OTHER_GATEWAY, "tutorial:0001", 1));
        bundle.files.put(EvidenceBundleLayout.GATEWAY_CERTIFICATE, EvidenceBundleFixture.pem(List.of(
                Keys.GATEWAY.certificate(), Keys.CA.authority().certificate(), Keys.OTHER_GATEWAY.certificate())));

        Verdict currentOnly = verify(GatewayTrust.pinned(List.of(Keys.GATEWAY.certificate())));
        Verdict both = verify(GatewayTrust.pinned(List.of(Keys.GATEWAY.certificate(), Keys.OTHER_GATEWAY.certificate())));
        Verdict anchored = verify(GatewayTrust.anchoredIn(List.of(Keys.CA.authority().certificate())));

        assertThat(currentOnly.findings()).extracting(Finding::code).containsExactly(FindingCode.GATEWAY_NOT_PINNED);
        assertThat(currentOnly.findings().get(0).message()).startsWith("'CN=another gateway")
                .contains("(which signed 1 receipt) is not the pinned gateway certificate");
        assertThat(both.findings()).isEmpty();
        assertThat(anchored.findings()).isEmpty();
    }

    /** Adds a file outside the v1 layout / reported. */
    @Test
    void unexpectedEntry() throws IOException {
        bundle.files.put("notes/about.txt", "added later".getBytes(StandardCharsets.UTF_8));

        Verdict verdict = verify(GatewayTrust.BUNDLE_CERTIFICATE);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.BUNDLE_UNEXPECTED_ENTRY);
        assertThat(verdict.findings().get(0).message()).isEqualTo("notes/about.txt is not part of an evidence bundle (v1)");
    }

    private byte[] reissued(SigningKey key, String envelopeId, int seq) {
        String line = bundle.lines.get(seq - 1);
        String from = line.substring(line.indexOf("\"from\":\"") + 8, line.indexOf("\",\"to\""));
        List<String> to = List.of(line.substring(line.indexOf("\"to\":[") + 6, line.indexOf(']')).replace("\"", "").split(","));
        String at = line.substring(line.indexOf("\"at\":\"") + 6, line.indexOf("\",\"event\""));
        return EvidenceBundleFixture.receipt(key, envelopeId, from, to, Instant.parse(at),
                bundle.files.get(bundle.envelopeName(seq)));
    }

    private static byte[] change(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    private Verdict verify(GatewayTrust trust) throws IOException {
        return new EvidenceBundleVerifier(trust).verify(bundle.write(folder));
    }
}
