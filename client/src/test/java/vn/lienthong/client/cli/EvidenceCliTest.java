package vn.lienthong.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.evidence.EvidenceBundleFixture;
import vn.lienthong.client.evidence.EvidenceBundleFixture.Keys;
import vn.lienthong.signature.PemCertificates;

/** {@code lienthong evidence verify}: its output and exit codes, run as {@link LienthongCli#run} runs it. */
class EvidenceCliTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut = System.out;
    private PrintStream originalErr = System.err;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void validBundleExitsZeroWithALinePerCheckAndTheTrustCaveat() {
        Path bundle = EvidenceBundleFixture.valid().write(folder);

        int exit = LienthongCli.run("evidence", "verify", bundle.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        List<String> lines = output().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("OK       bundle               ");
        assertThat(lines.get(1)).startsWith("OK       ledger-head.xml      valid against evidence-v1.xsd");
        assertThat(lines.get(2)).startsWith("NOTE     gateway certificate  trust rests on the certificate inside the bundle");
        assertThat(lines.get(3)).startsWith("OK       ledger chain         6 entries, seq 1 to 6");
        assertThat(lines.get(4)).startsWith("OK       envelopes            3 of 3");
        assertThat(lines.get(5)).startsWith("OK       receipts             3 of 3");
        assertThat(lines.get(6)).startsWith("evidence verified: dossier " + EvidenceBundleFixture.DOSSIER);
    }

    @Test
    void pinnedGatewayCertificateExitsZero() {
        Path bundle = EvidenceBundleFixture.valid().write(folder);
        Path pem = folder.resolve("gateway.pem");
        PemCertificates.write(pem, Keys.GATEWAY.certificate());

        int exit = LienthongCli.run("evidence", "verify", bundle.toString(), "--gateway-cert", pem.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(output()).contains("OK       gateway certificate  signed by the pinned gateway certificate")
                .doesNotContain("trust rests");
    }

    @Test
    void pinnedWrongCertificateExitsWithEvidenceInvalid() {
        Path bundle = EvidenceBundleFixture.valid().write(folder);
        Path pem = folder.resolve("other.pem");
        PemCertificates.write(pem, Keys.OTHER_GATEWAY.certificate());

        int exit = LienthongCli.run("evidence", "verify", "--gateway-cert", pem.toString(), bundle.toString());

        assertThat(exit).isEqualTo(ExitCodes.EVIDENCE_INVALID).isEqualTo(6);
        assertThat(output()).contains("FAILED   gateway certificate  GATEWAY_NOT_PINNED: 'CN=lienthong-test gateway")
                .contains("evidence NOT verified: 1 finding (GATEWAY_NOT_PINNED)");
    }

    @Test
    void tamperedBundleExitsWithEvidenceInvalidAndNamesEachFinding() {
        EvidenceBundleFixture tampered = EvidenceBundleFixture.valid();
        tampered.lines.remove(3);

        int exit = LienthongCli.run("evidence", "verify", tampered.write(folder).toString());

        assertThat(exit).isEqualTo(ExitCodes.EVIDENCE_INVALID);
        assertThat(output()).contains("FAILED   ledger chain         LEDGER_SEQ_GAP: entry 4: seq 5 follows seq 3")
                .contains("evidence NOT verified: 3 findings (LEDGER_SEQ_GAP, LEDGER_CHAIN_BROKEN, LEDGER_COUNT_MISMATCH)");
    }

    @Test
    void trustAnchorOption() {
        Path bundle = EvidenceBundleFixture.valid().write(folder);
        Path ca = folder.resolve("ca.pem");
        PemCertificates.write(ca, Keys.OTHER_CA.authority().certificate());

        int exit = LienthongCli.run("evidence", "verify", bundle.toString(), "--trust", ca.toString());

        assertThat(exit).isEqualTo(ExitCodes.EVIDENCE_INVALID);
        assertThat(output()).contains("GATEWAY_NOT_TRUSTED");
    }

    @Test
    void entryLimitOptionRefusesLargerEntries() {
        Path bundle = EvidenceBundleFixture.valid().write(folder);

        int exit = LienthongCli.run("evidence", "verify", "--max-entry-size", "1KB", bundle.toString());

        assertThat(exit).isEqualTo(ExitCodes.EVIDENCE_INVALID);
        assertThat(output()).contains("BUNDLE_LIMIT_EXCEEDED: entry ").contains("larger than 1024 bytes");
    }

    @Test
    void fileThatIsNotAZipExitsWithIo() throws Exception {
        Path notZip = Files.writeString(folder.resolve("bundle.zip"), "plain text");

        int exit = LienthongCli.run("evidence", "verify", notZip.toString());

        assertThat(exit).isEqualTo(ExitCodes.IO);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("lienthong: not a zip archive");
    }

    @Test
    void missingFileExitsWithIo() {
        assertThat(LienthongCli.run("evidence", "verify", folder.resolve("absent.zip").toString())).isEqualTo(ExitCodes.IO);
    }

    @Test
    void wrongCommandLinesExitWithUsage() {
        assertThat(LienthongCli.run("evidence", "verify")).isEqualTo(ExitCodes.USAGE);
        assertThat(LienthongCli.run("evidence")).isEqualTo(ExitCodes.USAGE);
        assertThat(LienthongCli.run("evidence", "verify", "--max-entry-size", "lots", "x.zip")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void sizesReadWithBinaryUnits() {
        VerifyEvidenceCommand.SizeConverter sizes = new VerifyEvidenceCommand.SizeConverter();

        assertThat(sizes.convert("1048576")).isEqualTo(1_048_576L);
        assertThat(sizes.convert("64KB")).isEqualTo(65_536L);
        assertThat(sizes.convert("512mb")).isEqualTo(512L << 20);
        assertThat(sizes.convert("2GiB")).isEqualTo(2L << 30);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
