package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import vn.lienthong.client.evidence.EvidenceBundleVerifier;
import vn.lienthong.client.evidence.FindingCode;
import vn.lienthong.client.evidence.GatewayTrust;
import vn.lienthong.client.evidence.Verdict;

/**
 * Checks a gateway's evidence bundle with the client's offline verifier, as anyone holding it
 * would. The full range of tampering is in the client's own tests; here, that the gateway's
 * bundles verify and that the verifier sees a change in one.
 */
final class EvidenceCheck {

    private EvidenceCheck() {
    }

    static Verdict verify(byte[] zip, X509Certificate gateway) {
        try {
            return new EvidenceBundleVerifier(GatewayTrust.pinned(List.of(gateway)))
                    .verify(new ByteArrayInputStream(zip));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertValid(byte[] zip, X509Certificate gateway, String dossierCode) {
        Verdict verdict = verify(zip, gateway);
        assertThat(verdict.verified()).as(verdict.summary() + " " + verdict.findings()).isTrue();
        assertThat(verdict.signedHead()).hasValueSatisfying(head -> assertThat(head.dossier()).isEqualTo(dossierCode));
    }

    /** A changed ledger line, a removed one and two swapped ones are each caught. */
    static void assertTamperingDetected(byte[] zip, X509Certificate gateway) {
        assertThat(verify(rewriteLedger(zip, lines -> {
            lines.set(1, lines.get(1).replace("\"by\":\"", "\"by\":\"X"));
            return lines;
        }), gateway).has(FindingCode.LEDGER_CHAIN_BROKEN)).as("a changed entry").isTrue();
        assertThat(verify(rewriteLedger(zip, lines -> {
            lines.remove(2);
            return lines;
        }), gateway).verified()).as("a removed entry").isFalse();
        assertThat(verify(rewriteLedger(zip, lines -> {
            String second = lines.get(1);
            lines.set(1, lines.get(2));
            lines.set(2, second);
            return lines;
        }), gateway).verified()).as("two entries swapped").isFalse();
    }

    private static byte[] rewriteLedger(byte[] zip, UnaryOperator<List<String>> change) {
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(rewritten)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("ledger.jsonl")) {
                    List<String> lines = new ArrayList<>(Arrays.asList(
                            new String(content, StandardCharsets.UTF_8).split("\n")));
                    content = (String.join("\n", change.apply(lines)) + "\n").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rewritten.toByteArray();
    }
}
