package vn.lienthong.client.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.evidence.EvidenceBundleFixture.Keys;

/** Bundles that verify, what the verdict says about them, and input that is not a bundle at all. */
class EvidenceBundleVerifierTest {

    @TempDir
    Path folder;

    @Test
    void freshBundlePassesAndSaysTrustRestsOnItsOwnCertificate() throws IOException {
        EvidenceBundleFixture bundle = EvidenceBundleFixture.valid();

        Verdict verdict = new EvidenceBundleVerifier(GatewayTrust.BUNDLE_CERTIFICATE).verify(bundle.write(folder));

        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.verified()).isTrue();
        assertThat(verdict.checks()).extracting(CheckResult::check).containsExactly(Check.values());
        assertThat(verdict.checks()).filteredOn(check -> check.check() != Check.TRUST)
                .extracting(CheckResult::status).containsOnly(CheckResult.Status.OK);
        CheckResult trust = verdict.checks().get(Check.TRUST.ordinal());
        assertThat(trust.status()).isEqualTo(CheckResult.Status.NOTE);
        assertThat(trust.summary()).startsWith("trust rests on the certificate inside the bundle");
        assertThat(verdict.trust()).isEqualTo(GatewayTrust.Basis.BUNDLE_CERTIFICATE);
        assertThat(verdict.summary()).startsWith("evidence verified: dossier " + EvidenceBundleFixture.DOSSIER + ", 6 entries")
                .contains("trust rests on the certificate inside the bundle");
        LedgerHead head = verdict.signedHead().orElseThrow();
        assertThat(head.entries()).isEqualTo(6);
        assertThat(head.headSha256()).isEqualTo(EvidenceBundleFixture.hash(bundle.lines.get(5)));
        assertThat(head.gateway()).isEqualTo(EvidenceBundleFixture.GATEWAY_ID);
        assertThat(head.signer()).isEqualTo(Keys.GATEWAY.certificate());
        assertThat(verdict.checks().get(Check.ENVELOPES.ordinal()).summary()).startsWith("3 of 3");
        assertThat(verdict.checks().get(Check.RECEIPTS.ordinal()).summary()).startsWith("3 of 3");
    }

    @Test
    void pinnedGatewayCertificateRemovesTheCaveat() throws IOException {
        Verdict verdict = new EvidenceBundleVerifier(GatewayTrust.pinned(List.of(Keys.GATEWAY.certificate())))
                .verify(EvidenceBundleFixture.valid().write(folder));

        assertThat(verdict.verified()).isTrue();
        assertThat(verdict.checks()).extracting(CheckResult::status).containsOnly(CheckResult.Status.OK);
        assertThat(verdict.trust()).isEqualTo(GatewayTrust.Basis.PINNED);
        assertThat(verdict.summary()).doesNotContain("trust rests");
    }

    @Test
    void gatewayCertificateChainingToTheTrustedCaPasses() throws IOException {
        Verdict verdict = new EvidenceBundleVerifier(GatewayTrust.anchoredIn(List.of(Keys.CA.authority().certificate())))
                .verify(EvidenceBundleFixture.valid().write(folder));

        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.checks().get(Check.TRUST.ordinal()).summary()).contains("chains to a trust anchor");
    }

    @Test
    void gatewayCertificateFromAnotherCaIsNotTrusted() throws IOException {
        Verdict verdict = new EvidenceBundleVerifier(GatewayTrust.anchoredIn(List.of(Keys.OTHER_CA.authority().certificate())))
                .verify(EvidenceBundleFixture.valid().write(folder));

        assertThat(verdict.findings()).extracting(Finding::code).containsOnly(FindingCode.GATEWAY_NOT_TRUSTED);
        assertThat(verdict.verified()).isFalse();
    }

    @Test
    void unknownEventsAndExtraKeysAreAccepted() throws IOException {
        EvidenceBundleFixture bundle = EvidenceBundleFixture.valid();
        bundle.append("PORTAL_NOTIFIED", ",\"portal\":{\"status\":4,\"answer\":[1,2]},\"officer\":\"Nguyễn Văn An\"");
        bundle.signHead(Keys.GATEWAY);

        Verdict verdict = new EvidenceBundleVerifier(GatewayTrust.BUNDLE_CERTIFICATE).verify(bundle.write(folder));

        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.signedHead().orElseThrow().entries()).isEqualTo(7);
    }

    @Test
    void bundleReadFromAStreamGetsTheSameVerdict() throws IOException {
        EvidenceBundleFixture bundle = EvidenceBundleFixture.valid();
        bundle.files.put(bundle.envelopeName(3), "<changed/>".getBytes(StandardCharsets.UTF_8));

        Verdict verdict = new EvidenceBundleVerifier(GatewayTrust.BUNDLE_CERTIFICATE)
                .verify(new ByteArrayInputStream(bundle.zip()));

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.ENVELOPE_DIGEST_MISMATCH);
    }

    @Test
    void fileThatIsNotAZipIsUnreadableNotTampered() throws IOException {
        Path notZip = Files.writeString(folder.resolve("bundle.zip"), "just text, not a zip");

        assertThatThrownBy(() -> new EvidenceBundleVerifier(GatewayTrust.BUNDLE_CERTIFICATE).verify(notZip))
                .isInstanceOf(ZipException.class).hasMessageContaining("not a zip");
    }

    @Test
    void bundleCutShortIsUnreadable() throws IOException {
        byte[] zip = EvidenceBundleFixture.valid().zip();
        Path truncated = Files.write(folder.resolve("bundle.zip"), Arrays.copyOf(zip, zip.length / 2));

        assertThatThrownBy(() -> new EvidenceBundleVerifier(GatewayTrust.BUNDLE_CERTIFICATE).verify(truncated))
                .isInstanceOf(IOException.class);
    }

    @Test
    void missingLedgerIsReportedAndItsCheckSkipped() throws IOException {
        EvidenceBundleFixture bundle = EvidenceBundleFixture.valid();
        bundle.includeLedger = false;

        Verdict verdict = new EvidenceBundleVerifier(GatewayTrust.BUNDLE_CERTIFICATE).verify(bundle.write(folder));

        assertThat(verdict.findings()).extracting(Finding::code).contains(FindingCode.BUNDLE_ENTRY_MISSING);
        assertThat(verdict.findings()).extracting(Finding::message).contains("ledger.jsonl is missing from the bundle");
        assertThat(verdict.checks().get(Check.LEDGER.ordinal()).status()).isEqualTo(CheckResult.Status.SKIPPED);
        assertThat(verdict.checks().get(Check.ENVELOPES.ordinal()).status()).isEqualTo(CheckResult.Status.SKIPPED);
        assertThat(verdict.checks().get(Check.RECEIPTS.ordinal()).status()).isEqualTo(CheckResult.Status.SKIPPED);
        assertThat(verdict.findings()).hasSize(1);
    }

    @Test
    void missingCertificateFileIsReportedAndTheHeadSaysItWasNotCompared() throws IOException {
        EvidenceBundleFixture bundle = EvidenceBundleFixture.valid();
        bundle.files.remove(EvidenceBundleLayout.GATEWAY_CERTIFICATE);

        Verdict verdict = new EvidenceBundleVerifier(GatewayTrust.BUNDLE_CERTIFICATE).verify(bundle.write(folder));

        assertThat(verdict.findings()).extracting(Finding::code).contains(FindingCode.BUNDLE_ENTRY_MISSING,
                FindingCode.RECEIPT_SIGNER_NOT_GATEWAY);
        assertThat(verdict.checks().get(Check.HEAD.ordinal()).summary())
                .contains("not compared with the missing or unreadable gateway.pem");
    }
}
