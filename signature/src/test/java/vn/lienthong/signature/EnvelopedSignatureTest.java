package vn.lienthong.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        assertThat(verified.canonicalizationUri()).isEqualTo(Canonicalization.EXCLUSIVE.uri());
    }

    @Test
    void ecdsaSignatureVerifies() {
        VerifiedSignature verified = verifier.verify(reparse(signed(EC)), false);
        assertThat(verified.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
    }

    @Test
    void inclusiveCanonicalisationVerifies() {
        Document document = document();
        new EnvelopedSigner(RSA, SignatureAlgorithm.RSA_SHA256, Canonicalization.INCLUSIVE).sign(document);
        assertThat(verifier.verify(reparse(document), false).canonicalizationUri()).isEqualTo(Canonicalization.INCLUSIVE.uri());
    }

    @Test
    void referenceToTheDocumentElementByIdIsTheWholeDocument() {
        Document document = document();
        document.getDocumentElement().setAttributeNS(null, "Id", "env-1");
        document.getDocumentElement().setIdAttributeNS(null, "Id", true);
        sign(document, RSA, SignatureAlgorithm.RSA_SHA256.uri(), DigestAlgorithm.SHA256.uri(), "#env-1",
                Transforms.TRANSFORM_ENVELOPED_SIGNATURE, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        assertThat(verifier.verify(reparse(document), false).signer()).isEqualTo(RSA.certificate());
    }

    @Test
    void streamedVerificationAgreesWithTheDom() {
        for (SigningKey key : List.of(RSA, EC)) {
            for (Canonicalization canonicalization : Canonicalization.values()) {
                Document document = document();
                new EnvelopedSigner(key, SignatureAlgorithm.forKey(key.privateKey()), canonicalization).sign(document);
                byte[] bytes = SecureXml.serialize(document);
                VerifiedSignature streamed = verifier.verify(xml.parse(bytes), () -> new ByteArrayInputStream(bytes), false);
                assertThat(streamed.signer()).isEqualTo(key.certificate());
                assertThat(streamed.canonicalizationUri()).isEqualTo(canonicalization.uri());
            }
        }
    }

    @Test
    void streamingSignerProducesWhatBothVerifiersAccept(@TempDir Path folder) throws Exception {
        for (SigningKey key : List.of(RSA, EC)) {
            Path unsigned = folder.resolve("unsigned.xml");
            Path signed = folder.resolve("signed.xml");
            Files.writeString(unsigned, "<?xml version='1.0'?>\n<e:Envelope xmlns:e='urn:test' xmlns='urn:default'>"
                    + "<e:Body a='1'>Hồ sơ 😀 " + "x".repeat(100_000) + "</e:Body><Other/></e:Envelope>\n");
            new StreamingEnvelopedSigner(key).sign(unsigned, signed);

            byte[] bytes = Files.readAllBytes(signed);
            assertThat(verifier.verify(xml.parse(bytes), false).signer()).isEqualTo(key.certificate());
            assertThat(verifier.verify(xml.parse(bytes), () -> Files.newInputStream(signed), false).signer())
                    .isEqualTo(key.certificate());
        }
    }

    @Test
    void streamedVerificationSeesContentChangedAfterSigning() {
        byte[] signed = SecureXml.serialize(signed(RSA));
        byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("Hồ sơ 1", "Hồ sơ 2")
                .getBytes(StandardCharsets.UTF_8);
        // The outline is what was signed; the bytes read again are not.
        assertThatThrownBy(() -> verifier.verify(xml.parse(signed), () -> new ByteArrayInputStream(tampered), false))
                .isInstanceOfSatisfying(SignatureRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(SignatureRejectedException.Reason.INVALID));
    }

    @Test
    void contentChangedAfterSigningIsInvalid() {
        String text = new String(SecureXml.serialize(signed(RSA)), StandardCharsets.UTF_8).replace("Hồ sơ 1", "Hồ sơ 2");
        assertRejected(xml.parse(text.getBytes(StandardCharsets.UTF_8)), SignatureRejectedException.Reason.INVALID);
    }

    @Test
    void signatureByAnotherKeyThanTheCertificateIsInvalid() {
        Document document = document();
        new EnvelopedSigner(new SigningKey(RSA.privateKey(), List.of(
                CA.issueSigningKey("x", "y", KeyType.RSA_2048, Duration.ofDays(1)).certificate()))).sign(document);
        assertRejected(reparse(document), SignatureRejectedException.Reason.INVALID);
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
    void signatureOutsideTheDocumentElementIsRefused() {
        Document document = signed(RSA);
        Element signature = (Element) document.getDocumentElement().getLastChild();
        document.getDocumentElement().getFirstChild().appendChild(signature);
        assertRejected(reparse(document), SignatureRejectedException.Reason.MISPLACED);
    }

    @Test
    void signatureOverAnotherElementIsRefused() {
        Document document = document();
        Element payload = (Element) document.getDocumentElement().getFirstChild();
        payload.setAttributeNS(null, "Id", "p1");
        payload.setIdAttributeNS(null, "Id", true);
        sign(document, RSA, SignatureAlgorithm.RSA_SHA256.uri(), DigestAlgorithm.SHA256.uri(), "#p1",
                Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        assertRejected(reparse(document), SignatureRejectedException.Reason.REFERENCE_NOT_DOCUMENT);
    }

    @Test
    void transformOutsideTheAllowListIsRefused() {
        String xpath = new String(SecureXml.serialize(signed(RSA)), StandardCharsets.UTF_8)
                .replace("<ds:Transform Algorithm=\"" + Canonicalization.EXCLUSIVE.uri() + "\"/>",
                        "<ds:Transform Algorithm=\"" + Transforms.TRANSFORM_XPATH + "\"><ds:XPath>1</ds:XPath></ds:Transform>");
        assertThat(xpath).contains(Transforms.TRANSFORM_XPATH);
        assertRejected(xml.parse(xpath.getBytes(StandardCharsets.UTF_8)), SignatureRejectedException.Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void sha1IsRefusedUnlessAllowed() {
        Document document = document();
        sign(document, RSA, SignatureAlgorithm.RSA_SHA1.uri(), DigestAlgorithm.SHA1.uri(), "",
                Transforms.TRANSFORM_ENVELOPED_SIGNATURE, Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS);
        Document received = reparse(document);

        assertRejected(received, SignatureRejectedException.Reason.ALGORITHM_NOT_ALLOWED);
        VerifiedSignature allowed = verifier.verify(reparse(document), true);
        assertThat(allowed.usesLegacyAlgorithm()).isTrue();
    }

    @Test
    void signerRefusesLegacyAlgorithmsAndMismatchedKeys() {
        assertThatThrownBy(() -> new EnvelopedSigner(RSA, SignatureAlgorithm.RSA_SHA1, Canonicalization.EXCLUSIVE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnvelopedSigner(RSA, SignatureAlgorithm.ECDSA_SHA256, Canonicalization.EXCLUSIVE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRejected(Document document, SignatureRejectedException.Reason reason) {
        assertThatThrownBy(() -> verifier.verify(document, false))
                .isInstanceOfSatisfying(SignatureRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** Signs with Santuario directly, for shapes the profile's signer refuses to make. */
    private static void sign(Document document, SigningKey key, String signatureMethod, String digestMethod,
                             String referenceUri, String... transformUris) {
        try {
            XMLSignature signature = new XMLSignature(document, "", signatureMethod,
                    Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            document.getDocumentElement().appendChild(signature.getElement());
            Transforms transforms = new Transforms(document);
            for (String transform : transformUris) {
                transforms.addTransform(transform);
            }
            signature.addDocument(referenceUri, transforms, digestMethod);
            signature.addKeyInfo(key.certificate());
            signature.sign(key.privateKey());
        } catch (XMLSecurityException e) {
            throw new AssertionError(e);
        }
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
