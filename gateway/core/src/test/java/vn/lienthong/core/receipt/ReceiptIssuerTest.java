package vn.lienthong.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.core.envelope.EnvelopeReader;
import vn.lienthong.core.envelope.EnvelopeSchema;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.xml.SecureXml;

class ReceiptIssuerTest {

    @Test
    void receiptIsSchemaValidSignedAndStatesTheDigest() throws IOException {
        SigningKey key = DemoCertificateAuthority.create("CA", Duration.ofDays(1))
                .issueSigningKey("gateway", "test", DemoCertificateAuthority.KeyType.RSA_2048, Duration.ofDays(1));
        byte[] envelopeBytes = Files.readAllBytes(Path.of("../../docs/tutorial/dossier-handoff.xml"));
        SecureXml xml = new SecureXml();
        Envelope envelope = new EnvelopeReader().read(xml.parse(envelopeBytes));
        EnvelopeBytes bytes = EnvelopeBytes.of(envelopeBytes);

        Receipt receipt = new ReceiptIssuer(new GatewayIdentity("gw-1", key))
                .issue(envelope, bytes, Instant.parse("2026-11-27T02:15:00Z"));

        Document document = xml.parse(receipt.xml());
        EnvelopeSchema.load("receipt-v1.xsd").validate(document, receipt.xml());
        assertThat(new EnvelopedSignatureVerifier().verify(document, false).signer()).isEqualTo(key.certificate());
        String text = new String(receipt.xml(), StandardCharsets.UTF_8);
        assertThat(text).contains("<EnvelopeDigest algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\">"
                + bytes.sha256() + "</EnvelopeDigest>");
        assertThat(text).contains("<ReceivedAt>2026-11-27T02:15:00Z</ReceivedAt>");
        assertThat(text).contains("<Recipient>000.01.12.H53</Recipient><Recipient>000.00.05.H53</Recipient>");
    }
}
