package vn.lienthong.app;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;

/**
 * Interoperability with an independent XML-DSig implementation, the {@code xmlsec1} command
 * line (libxmlsec1 on OpenSSL): receipts the gateway signs verify in xmlsec1, and envelopes
 * xmlsec1 signs are accepted by the gateway. Skipped, with the reason in the report, where
 * xmlsec1 is not installed.
 */
class XmlSec1InteropIT {

    private static final String XMLSEC1 = "xmlsec1";
    private static final long TIMEOUT_SECONDS = 60;

    private static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    private static final String EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    private static final String INCLUSIVE_C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";

    /**
     * An XML-DSig template as xmlsec1 expects it: the algorithms chosen, the values empty. xmlsec1
     * computes DigestValue and SignatureValue and writes the signer's certificate into the
     * empty X509Certificate.
     */
    private static final String SIGNATURE_TEMPLATE = """
            <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
              <ds:SignedInfo>
                <ds:CanonicalizationMethod Algorithm="%2$s"/>
                <ds:SignatureMethod Algorithm="%1$s"/>
                <ds:Reference URI="">
                  <ds:Transforms>
                    <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
                    <ds:Transform Algorithm="%2$s"/>
                  </ds:Transforms>
                  <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
                  <ds:DigestValue/>
                </ds:Reference>
              </ds:SignedInfo>
              <ds:SignatureValue/>
              <ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>
            </ds:Signature>
            """;

    private static boolean xmlsec1Installed;

    @TempDir
    private Path dir;

    private TestGateway gateway;

    @BeforeAll
    static void findXmlsec1() {
        try {
            Process process = new ProcessBuilder(XMLSEC1, "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            xmlsec1Installed = process.waitFor(TIMEOUT_SECONDS, SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            xmlsec1Installed = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Checked per test, so each one is reported as skipped with the reason; the gateway starts only if needed. */
    @BeforeEach
    void requireXmlsec1() {
        assumeTrue(xmlsec1Installed, "xmlsec1 is not installed (Debian package xmlsec1): interoperability test skipped");
        gateway = SharedGateway.gateway();
    }

    /** Sends a signed envelope and verifies the receipt with xmlsec1 / result: verifies; one changed byte or no demo CA fails. */
    @Test
    void receiptSignedByTheGatewayVerifiesInXmlsec1() {
        byte[] signed = gateway.sign(TestGateway.DESK, TestEnvelopes.handoff().to(TestGateway.FINANCE).xml());
        byte[] receipt = gateway.client(TestGateway.DESK).submit(signed).receipt();
        Path demoCa = gateway.dataDir().resolve("demo/ca/demo-ca.pem");

        // Only the certificate in KeyInfo may supply the key, and it must chain to the demo CA.
        Path receiptFile = write("receipt.xml", receipt);
        Run verified = xmlsec1("--verify", "--enabled-key-data", "x509", "--trusted-pem", demoCa, receiptFile);
        assertThat(verified.exitCode()).as(verified.describe()).isZero();
        assertThat(verified.output()).as(verified.describe()).contains("SignedInfo References (ok/all): 1/1");

        // One byte of the signed content: the first digit of the sender's code. ISO-8859-1 maps bytes
        // to chars one to one, so the index found is the byte offset.
        int sender = new String(receipt, StandardCharsets.ISO_8859_1).indexOf("<Sender>");
        assertThat(sender).as("the receipt names the sender").isNotNegative();
        byte[] tampered = receipt.clone();
        tampered[sender + "<Sender>".length()] = '9';
        Run tamperedRun = xmlsec1("--verify", "--enabled-key-data", "x509", "--trusted-pem", demoCa,
                write("tampered-receipt.xml", tampered));
        assertThat(tamperedRun.exitCode()).as(tamperedRun.describe()).isNotZero();
        // FAIL (not ERROR) is xmlsec1's word for a signature it processed and found invalid.
        assertThat(tamperedRun.output()).as(tamperedRun.describe()).containsPattern("(?m)^FAIL$");

        // Without the demo CA as trust anchor the certificate in KeyInfo is not enough.
        Run untrusted = xmlsec1("--verify", "--enabled-key-data", "x509", receiptFile);
        assertThat(untrusted.exitCode()).as(untrusted.describe()).isNotZero();
    }

    /** Sends an envelope signed by xmlsec1 with RSA-SHA256 under exclusive or inclusive C14N / result: 202, receipt verifies. */
    @ParameterizedTest(name = "canonicalization {0}")
    @ValueSource(strings = {EXCLUSIVE_C14N, INCLUSIVE_C14N})
    void envelopeSignedByXmlsec1IsAcceptedByTheGateway(String canonicalization) {
        assertAcceptedWhenSignedByXmlsec1(TestEnvelopes.handoff(), TestGateway.DESK, RSA_SHA256, canonicalization);
    }

    /** Sends an envelope signed by xmlsec1 with the finance department's EC P-256 key, ECDSA-SHA256 / result: 202, receipt verifies. */
    @Test
    void ecdsaEnvelopeSignedByXmlsec1IsAcceptedByTheGateway() {
        assertAcceptedWhenSignedByXmlsec1(TestEnvelopes.handoff().from(TestGateway.FINANCE).to(TestGateway.DESK),
                TestGateway.FINANCE, ECDSA_SHA256, EXCLUSIVE_C14N);
    }

    private void assertAcceptedWhenSignedByXmlsec1(TestEnvelopes.Builder envelope, String agency, String signatureMethod,
                                                   String canonicalization) {
        SigningKey key = gateway.signingKey(agency);
        Path template = write("template.xml", withSignatureTemplate(envelope.xml(), signatureMethod, canonicalization));
        Path privateKey = write("private-key.pem", privateKeyPem(key.privateKey()));
        Path certificate = write("certificate.pem", PemCertificates.toPem(key.certificate()));
        Path signedFile = dir.resolve("signed.xml");

        Run signing = xmlsec1("--sign", "--privkey-pem", privateKey + "," + certificate, "--output", signedFile, template);
        assertThat(signing.exitCode()).as(signing.describe()).isZero();
        byte[] signed = read(signedFile);

        HttpResponse<String> response = TestHttp.submit(gateway, agency, signed);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        ReceiptVerification.VerifiedReceipt receipt = new ReceiptVerification(gateway.gatewayCertificate())
                .verify(response.body().getBytes(StandardCharsets.UTF_8), signed);
        assertThat(receipt.envelopeId()).isEqualTo(envelope.id());
        assertThat(receipt.sender()).isEqualTo(agency);
    }

    /** The envelope with the signature template as the last child of its root element. */
    private static String withSignatureTemplate(String envelopeXml, String signatureMethod, String canonicalization) {
        int end = envelopeXml.lastIndexOf("</Envelope>");
        assertThat(end).as("the envelope's end tag").isNotNegative();
        return envelopeXml.substring(0, end) + SIGNATURE_TEMPLATE.formatted(signatureMethod, canonicalization)
                + envelopeXml.substring(end);
    }

    /** PKCS#8 PEM, which xmlsec1 (through OpenSSL) reads for RSA and EC keys alike. */
    private static String privateKeyPem(PrivateKey key) {
        assertThat(key.getFormat()).isEqualTo("PKCS#8");
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** One xmlsec1 run: its exit code and what it printed on stdout and stderr together. */
    private record Run(List<String> command, int exitCode, String output) {
        String describe() {
            return String.join(" ", command) + " exited with " + exitCode + ":\n" + output;
        }
    }

    private Run xmlsec1(Object... arguments) {
        List<String> command = new ArrayList<>(List.of(XMLSEC1));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        try {
            // Output goes to a file rather than a pipe, so waiting with a timeout cannot block on a full pipe.
            Path log = Files.createTempFile(dir, "xmlsec1-", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS
                        + " s:\n" + readText(log));
            }
            return new Run(command, process.exitValue(), readText(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path write(String name, String content) {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lenient about encoding: xmlsec1 may print certificate names in any. */
    private static String readText(Path file) {
        return new String(read(file), StandardCharsets.UTF_8);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
