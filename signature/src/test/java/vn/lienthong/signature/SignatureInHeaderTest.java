package vn.lienthong.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.xml.SecureXml;

/**
 * A format that puts the signature elsewhere than under the document element: edXML, whose
 * signature sits in {@code edXMLHeader} after {@code TraceHeaderList} and still covers the
 * whole document, attachments included.
 */
class SignatureInHeaderTest {

    private static final String EDXML = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
    private static final DemoCertificateAuthority CA = DemoCertificateAuthority.create("Test CA", Duration.ofDays(1));
    private static final SigningKey RSA = CA.issueSigningKey("000.00.01.H53", "Trung tâm", KeyType.RSA_2048, Duration.ofDays(1));
    private static final SigningKey EC = CA.issueSigningKey("000.00.02.H53", "Sở", KeyType.EC_P256, Duration.ofDays(1));

    private static final String DOCUMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
              <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
                <edXML:edXMLHeader>
                  <edXML:MessageHeader><edXML:From><edXML:OrganId>000.00.01.H53</edXML:OrganId></edXML:From></edXML:MessageHeader>
                  <edXML:TraceHeaderList><edXML:TraceHeader><edXML:OrganId>000.00.01.H53</edXML:OrganId></edXML:TraceHeader></edXML:TraceHeaderList>
                </edXML:edXMLHeader>
              </edXML:edXMLEnvelope>
              <AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><ContentTransferEncoded>SOG7kyBzxqE=</ContentTransferEncoded></Attachment></AttachmentEncoded>
            </edXML>
            """;

    private final SecureXml xml = new SecureXml();
    private final EnvelopedSignatureVerifier verifier = new EnvelopedSignatureVerifier();

    @Test
    void signatureInTheHeaderVerifiesWhenTheVerifierIsToldWhere() {
        for (SigningKey key : List.of(RSA, EC)) {
            for (Canonicalization canonicalization : Canonicalization.values()) {
                byte[] bytes = signed(key, canonicalization);
                Document received = xml.parse(bytes);
                Element header = header(received);

                assertThat(header.getLastChild().getLocalName()).isEqualTo("Signature");
                Node before = header.getLastChild().getPreviousSibling();
                while (!(before instanceof Element)) {
                    before = before.getPreviousSibling();
                }
                assertThat(before.getLocalName()).isEqualTo("TraceHeaderList");
                assertThat(verifier.verify(received, header, false).signer()).isEqualTo(key.certificate());
                Document outline = xml.parse(bytes);
                assertThat(verifier.verify(outline, header(outline), () -> new ByteArrayInputStream(bytes), false)
                        .canonicalizationUri()).isEqualTo(canonicalization.uri());
            }
        }
    }

    @Test
    void theDefaultStillWantsTheSignatureUnderTheDocumentElement() {
        Document received = xml.parse(signed(RSA, Canonicalization.EXCLUSIVE));
        assertRejected(() -> verifier.verify(received, false), SignatureRejectedException.Reason.MISPLACED,
                "child of the document element <edXML>");
    }

    @Test
    void signatureElsewhereThanTheNamedParentIsMisplaced() {
        Document received = xml.parse(signed(RSA, Canonicalization.EXCLUSIVE));
        Element header = header(received);
        received.getDocumentElement().appendChild(header.getLastChild());
        assertRejected(() -> verifier.verify(received, header, false), SignatureRejectedException.Reason.MISPLACED,
                "must be a child of <edXMLHeader>, not of <edXML>");
    }

    @Test
    void attachmentChangedAfterSigningIsInvalidInTheDomAndInTheStream() {
        byte[] signed = signed(RSA, Canonicalization.EXCLUSIVE);
        byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("SOG7kyBzxqE=", "SOG7kyBzxqF=")
                .getBytes(StandardCharsets.UTF_8);
        Document received = xml.parse(tampered);
        assertRejected(() -> verifier.verify(received, header(received), false), SignatureRejectedException.Reason.INVALID,
                "does not verify");
        Document outline = xml.parse(signed);
        assertRejected(() -> verifier.verify(outline, header(outline), () -> new ByteArrayInputStream(tampered), false),
                SignatureRejectedException.Reason.INVALID, "does not verify");
    }

    @Test
    void placeholderSignatureInTheEdxmlNamespaceIsMissingAndSaysSo() {
        Document received = xml.parse(DOCUMENT.replace("</edXML:TraceHeaderList>",
                "</edXML:TraceHeaderList><Signature><SignedInfo/></Signature>").getBytes(StandardCharsets.UTF_8));
        assertRejected(() -> verifier.verify(received, header(received), true), SignatureRejectedException.Reason.MISSING,
                "a Signature element exists in namespace " + EDXML + ", not XML-DSig");
    }

    @Test
    void secondSignatureIsRefused() {
        Document received = xml.parse(signed(RSA, Canonicalization.EXCLUSIVE));
        Element header = header(received);
        received.getDocumentElement().appendChild(header.getLastChild().cloneNode(true));
        assertRejected(() -> verifier.verify(received, header, false), SignatureRejectedException.Reason.MISPLACED,
                "exactly one signature");
    }

    private byte[] signed(SigningKey key, Canonicalization canonicalization) {
        Document document = xml.parse(DOCUMENT.getBytes(StandardCharsets.UTF_8));
        new EnvelopedSigner(key, SignatureAlgorithm.forKey(key.privateKey()), canonicalization).sign(document, header(document));
        return SecureXml.serialize(document);
    }

    private static Element header(Document document) {
        return (Element) document.getElementsByTagNameNS(EDXML, "edXMLHeader").item(0);
    }

    private static void assertRejected(ThrowingCallable verification, SignatureRejectedException.Reason reason, String message) {
        assertThatThrownBy(verification).isInstanceOfSatisfying(SignatureRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
