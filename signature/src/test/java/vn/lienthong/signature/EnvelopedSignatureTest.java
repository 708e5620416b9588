package vn.lienthong.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.xml.SecureXml;

class EnvelopedSignatureTest {

    private static final DemoCertificateAuthority CA = DemoCertificateAuthority.create("Test CA", Duration.ofDays(1));
    private static final SigningKey RSA = CA.issueSigningKey("000.00.01.H53", "Trung tâm", KeyType.RSA_2048, Duration.ofDays(1));
    private static final SigningKey EC = CA.issueSigningKey("000.00.02.H53", "Sở", KeyType.EC_P256, Duration.ofDays(1));

    private final SecureXml xml = new SecureXml();
    private final EnvelopedSignatureVerifier verifier = new EnvelopedSignatureVerifier();

    @Test
    void rsaSignatureVerifiesAfterSerialisationRoundTrip() {
        VerifiedSignature verified = verifier.verify(reparse(signed(RSA)), false);
        assertThat(verified.signer()).isEqualTo(RSA.certificate());
        assertThat(verified.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA256);
        assertThat(verified.digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA256);
    }

    @Test
    void ecdsaSignatureVerifies() {
        VerifiedSignature verified = verifier.verify(reparse(signed(EC)), false);
        assertThat(verified.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
    }

    @Test
    void contentChangedAfterSigningIsInvalid() {
        String text = new String(SecureXml.serialize(signed(RSA)), StandardCharsets.UTF_8).replace("Hồ sơ 1", "Hồ sơ 2");
        assertRejected(xml.parse(text.getBytes(StandardCharsets.UTF_8)), SignatureRejectedException.Reason.INVALID);
    }

    @Test
    void missingSignatureIsNamed() {
        assertRejected(document(), SignatureRejectedException.Reason.MISSING);
    }

    @Test
    void secondSignatureIsRefused() {
        Document document = signed(RSA);
        Element extra = (Element) document.importNode(signed(EC).getDocumentElement().getLastChild(), true);
        document.getDocumentElement().getFirstChild().appendChild(extra);
        assertRejected(reparse(document), SignatureRejectedException.Reason.MISPLACED);
    }

    @Test
    void signatureOverAnotherElementIsRefused() {
        Document document = document();
        Element payload = (Element) document.getDocumentElement().getFirstChild();
        payload.setAttributeNS(null, "Id", "p1");
        payload.setIdAttributeNS(null, "Id", true);
        // hand-build a signature whose reference points at the child, the classic wrapping set-up
        try {
            var signature = new org.apache.xml.security.signature.XMLSignature(document, "",
                    SignatureAlgorithm.RSA_SHA256.uri(),
                    org.apache.xml.security.c14n.Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            document.getDocumentElement().appendChild(signature.getElement());
            var transforms = new org.apache.xml.security.transforms.Transforms(document);
            transforms.addTransform(org.apache.xml.security.transforms.Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            signature.addDocument("#p1", transforms, DigestAlgorithm.SHA256.uri());
            signature.addKeyInfo(RSA.certificate());
            signature.sign(RSA.privateKey());
        } catch (org.apache.xml.security.exceptions.XMLSecurityException e) {
            throw new AssertionError(e);
        }
        assertRejected(reparse(document), SignatureRejectedException.Reason.REFERENCE_NOT_DOCUMENT);
    }

    @Test
    void sha1IsRefusedUnlessAllowed() {
        String sha1 = new String(SecureXml.serialize(signed(RSA)), StandardCharsets.UTF_8)
                .replace(SignatureAlgorithm.RSA_SHA256.uri(), SignatureAlgorithm.RSA_SHA1.uri());
        assertRejected(xml.parse(sha1.getBytes(StandardCharsets.UTF_8)),
                SignatureRejectedException.Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void signerRefusesLegacyAlgorithms() {
        assertThatThrownBy(() -> new EnvelopedSigner(RSA, SignatureAlgorithm.RSA_SHA1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRejected(Document document, SignatureRejectedException.Reason reason) {
        assertThatThrownBy(() -> verifier.verify(document, false))
                .isInstanceOfSatisfying(SignatureRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private Document document() {
        return xml.parse("<e:Envelope xmlns:e='urn:test'><e:Body>Hồ sơ 1</e:Body></e:Envelope>"
                .getBytes(StandardCharsets.UTF_8));
    }

    private Document signed(SigningKey key) {
        Document document = document();
        new EnvelopedSigner(key).sign(document);
        return document;
    }

    private Document reparse(Document document) {
        return xml.parse(SecureXml.serialize(document));
    }
}
