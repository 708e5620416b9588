package vn.lienthong.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;

class KeygenCliTest {

    @TempDir
    Path folder;

    /** keygen with the demo CA / result: exit 0, a key store under the agency's alias, its certificate and a CSR. */
    @Test
    void writesKeyCertificateAndRequest() throws Exception {
        DemoCertificateAuthority ca = DemoCertificateAuthority.create("Demo CA", Duration.ofDays(1));
        ca.authority().writePkcs12(folder.resolve("ca.p12"), "ca", "demo".toCharArray());
        Path out = folder.resolve("stnmt");

        int exit = LienthongCli.run("keygen", "--agency", "000.00.12.H53", "--name", "Sở Tài nguyên và Môi trường",
                "--key-type", "ec", "--ca", folder.resolve("ca.p12").toString(), "--ca-password", "demo",
                "--password", "secret", "-o", out.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        SigningKey key = SigningKey.fromPkcs12(out.resolve("signing-key.p12"), "secret".toCharArray());
        assertThat(key.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(PemCertificates.read(out.resolve("certificate.pem"))).containsExactly(key.certificate());
        key.certificate().verify(ca.authority().certificate().getPublicKey());
        assertThat(Files.readString(out.resolve("signing-request.csr"))).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    }

    /** keygen into a folder that already has a key / result: exit 5, the existing key untouched. */
    @Test
    void neverOverwritesAKey() throws Exception {
        Path out = folder.resolve("desk");
        assertThat(LienthongCli.run("keygen", "--agency", "000.00.01.H53", "--name", "Desk", "--password", "a",
                "-o", out.toString())).isEqualTo(ExitCodes.OK);
        byte[] before = Files.readAllBytes(out.resolve("signing-key.p12"));

        assertThat(LienthongCli.run("keygen", "--agency", "000.00.01.H53", "--name", "Desk", "--password", "a",
                "-o", out.toString())).isEqualTo(ExitCodes.IO);
        assertThat(Files.readAllBytes(out.resolve("signing-key.p12"))).isEqualTo(before);
    }

    /** keygen without a password / result: exit 2. */
    @Test
    void needsAPassword() {
        assertThat(LienthongCli.run("keygen", "--agency", "000.00.01.H53", "--name", "Desk", "-o", folder.toString()))
                .isEqualTo(ExitCodes.USAGE);
    }

    /** Every command and the verify-evidence alias answer --help / result: exit 0. */
    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"sign"}, {"submit"}, {"verify-receipt"}, {"inbox"}, {"fetch"}, {"ack"},
                {"status"}, {"timeline"}, {"receive"}, {"evidence", "verify"}, {"verify-evidence"}, {"keygen"},
                {"edxml", "from-envelope"}, {"edxml", "to-envelope"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            assertThat(LienthongCli.run(args)).as(String.join(" ", command)).isEqualTo(ExitCodes.OK);
        }
    }
}
