package vn.lienthong.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import vn.lienthong.client.edxml.DossierEdxml;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.xml.SecureXml;

/** {@code lienthong edxml from-envelope | to-envelope} and {@code lienthong sign} on edXML, run as {@link LienthongCli#run} runs them. */
class EdxmlCliTest {

    private static final Path TUTORIAL = Path.of("../docs/tutorial/dossier-handoff.xml");

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
    void envelopeToEdxmlSignedInItsHeaderAndBack() throws Exception {
        Path edxml = folder.resolve("handoff.edxml");
        Path signed = folder.resolve("handoff-signed.edxml");
        Path back = folder.resolve("handoff-back.xml");
        Path key = folder.resolve("desk.p12");
        SigningKey desk = DemoCertificateAuthority.create("Test CA", Duration.ofDays(1))
                .issueSigningKey("000.00.01.H53", "Bộ phận một cửa", KeyType.EC_P256, Duration.ofDays(1));
        desk.writePkcs12(key, "desk", "demo".toCharArray());

        assertThat(LienthongCli.run("edxml", "from-envelope", TUTORIAL.toString(), "-o", edxml.toString())).isEqualTo(ExitCodes.OK);
        assertThat(LienthongCli.run("sign", edxml.toString(), "--key", key.toString(), "--password", "demo", "-o", signed.toString()))
                .isEqualTo(ExitCodes.OK);
        assertThat(LienthongCli.run("edxml", "to-envelope", signed.toString(), "-o", back.toString())).isEqualTo(ExitCodes.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(edXML, unsigned)").contains("(envelope, unsigned)");
        Document signedEdxml = new SecureXml().parse(Files.readAllBytes(signed));
        assertThat(new EnvelopedSignatureVerifier().verify(signedEdxml, DossierEdxml.signatureParent(signedEdxml).orElseThrow(),
                false).signer()).isEqualTo(desk.certificate());
        assertThat(Files.readString(back)).contains("<EnvelopeId>tutorial-0001</EnvelopeId>")
                .contains("<From officer=\"Nguyễn Văn An\">000.00.01.H53</From>").doesNotContain("Signature");
    }

    @Test
    void inputThatCannotConvertExitsWithInputInvalid() throws Exception {
        Path malformed = folder.resolve("malformed.xml");
        Files.writeString(malformed, "<edXML xmlns='http://www.mic.gov.vn/TBT/QCVN_102_2016'>\n<edXMLEnvelope>");

        assertThat(LienthongCli.run("edxml", "to-envelope", TUTORIAL.toString(), "-o", folder.resolve("x").toString()))
                .isEqualTo(ExitCodes.INPUT_INVALID);
        assertThat(LienthongCli.run("edxml", "to-envelope", malformed.toString(), "-o", folder.resolve("y").toString()))
                .isEqualTo(ExitCodes.INPUT_INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not edXML").contains("(line 2, column");
        assertThat(folder.resolve("x")).doesNotExist();
    }
}
