package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The SOAP exchange with an independent client that is not CXF: Python's zeep (Debian's
 * {@code python3-zeep}) reads {@code /services/exchange?wsdl}, submits an envelope as inline
 * base64, lists the recipient's inbox, fetches the envelope (an MTOM answer) and acknowledges
 * it, and reads a fault's code. Skipped, saying so, where zeep is not installed.
 */
class ZeepInteropIT {

    /** Debian installs zeep for the system Python, which another python3 earlier on the PATH may not see. */
    private static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");

    private final TestGateway gateway = SharedGateway.gateway();

    @TempDir
    Path folder;

    /** Submits, lists, fetches and acknowledges with zeep / result: the same bytes back, the fault's code readable. */
    @Test
    void zeepSubmitsListsAndFetches() throws IOException, InterruptedException, URISyntaxException {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        roundTrip(gateway.sign(TestGateway.DESK, envelope.xml()), envelope.id());
    }

    /** The same with an edXML letter, as a document system on the national axis sends it / result: the same. */
    @Test
    void zeepSubmitsListsAndFetchesEdxml() throws IOException, InterruptedException, URISyntaxException {
        String documentId = TestGateway.DESK + ",2026/11/28," + System.nanoTime() + "/TTPVHCC";
        byte[] signed = gateway.sign(TestGateway.DESK, TestEdxml.document(TestGateway.DESK, TestGateway.FINANCE,
                documentId, "V/v đề nghị phối hợp"));
        roundTrip(signed, "edxml-" + sha256Hex(signed).substring(0, 32));
    }

    private void roundTrip(byte[] signed, String envelopeId) throws IOException, InterruptedException, URISyntaxException {
        String python = PYTHONS.stream().filter(ZeepInteropIT::hasZeep).findFirst().orElse(null);
        Assumptions.assumeTrue(python != null, "python3-zeep not installed: skipping the zeep interoperability test");
        Path envelopeFile = Files.write(folder.resolve("envelope.xml"), signed);
        Path fetchedFile = folder.resolve("fetched.xml");
        Path script = Path.of(ZeepInteropIT.class.getResource("/zeep/exchange_roundtrip.py").toURI());

        Process process = new ProcessBuilder(python, script.toString(), SoapClients.exchangeAddress(gateway) + "?wsdl",
                gateway.token(TestGateway.DESK), gateway.token(TestGateway.FINANCE), envelopeId,
                envelopeFile.toString(), fetchedFile.toString())
                .redirectError(folder.resolve("stderr.txt").toFile())
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("zeep failed: %s%s", output, Files.readString(folder.resolve("stderr.txt")))
                .isZero();

        JsonNode seen = TestHttp.JSON.readTree(output);
        assertThat(seen.get("receiptStartsWith").asString()).isEqualTo("<?xml");
        assertThat(seen.get("replayed").asBoolean()).isFalse();
        assertThat(seen.get("listedSender").asString()).isEqualTo(TestGateway.DESK);
        assertThat(seen.get("listedSize").asLong()).isEqualTo(signed.length);
        assertThat(seen.get("fetchedId").asString()).isEqualTo(envelopeId);
        assertThat(seen.get("fetchedSha256").asString()).isEqualTo(sha256Hex(signed));
        assertThat(Files.readAllBytes(fetchedFile)).isEqualTo(signed);
        assertThat(seen.get("acknowledgedBy").asString()).isEqualTo(TestGateway.FINANCE);
        assertThat(seen.get("unknownFetchFault").asString()).isEqualTo("INBOX_ENTRY_NOT_FOUND");
    }

    private static boolean hasZeep(String python) {
        try {
            Process probe = new ProcessBuilder(python, "-c", "import zeep").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
