package vn.lienthong.client.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.xml.SecureXml;

class AgencyKeysTest {

    private static final String ENVELOPE = "<Envelope xmlns=\"urn:lienthong:envelope:v1\"><Header/></Envelope>";

    /** Generates a key of each type / result: a CSR that parses, is signed by the same key, names the agency and asks for signing use. */
    @ParameterizedTest
    @EnumSource(KeyType.class)
    void certificationRequestIsSignedByTheNewKey(KeyType type) throws Exception {
        AgencyKeys.GeneratedKey generated = AgencyKeys.generate("000.00.12.H53", "Sở Tài nguyên và Môi trường", type, null,
                Duration.ofDays(30));

        PKCS10CertificationRequest request = new PKCS10CertificationRequest(generated.certificationRequest());
        PublicKey requested = KeyFactory.getInstance(generated.signingKey().privateKey().getAlgorithm())
                .generatePublic(new X509EncodedKeySpec(request.getSubjectPublicKeyInfo().getEncoded()));
        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(requested))).isTrue();
        assertThat(requested).isEqualTo(generated.signingKey().certificate().getPublicKey());
        assertThat(request.getSubject().toString()).contains("CN=000.00.12.H53").contains("C=VN");
        Extensions asked = Extensions.getInstance(request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                .getAttrValues().getObjectAt(0));
        assertThat(KeyUsage.fromExtensions(asked).hasUsages(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)).isTrue();
        assertThat(asked.getExtension(Extension.keyUsage).isCritical()).isTrue();
    }

    /** Reads the PEM form back / result: the same request. */
    @Test
    void pemFormHoldsTheSameRequest() throws Exception {
        AgencyKeys.GeneratedKey generated = AgencyKeys.generate("000.00.12.H53", "Sở", KeyType.EC_P256, null, Duration.ofDays(1));
        String pem = generated.certificationRequestPem();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n").endsWith("-----END CERTIFICATE REQUEST-----\n");
        byte[] der = java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertThat(der).isEqualTo(generated.certificationRequest());
    }

    /** A self-signed key / result: its certificate verifies with its own key, for document signing, and signs envelopes. */
    @Test
    void selfSignedKeySignsEnvelopes() throws Exception {
        AgencyKeys.GeneratedKey generated = AgencyKeys.generate("000.00.12.H53", "Sở", KeyType.RSA_2048, null, Duration.ofDays(1));
        var certificate = generated.signingKey().certificate();
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getKeyUsage()[1]).as("nonRepudiation").isTrue();
        byte[] signed = new EnvelopeSigning(generated.signingKey()).sign(ENVELOPE.getBytes(StandardCharsets.UTF_8));
        assertThat(new EnvelopedSignatureVerifier().verify(new SecureXml().parse(signed), false).signer()).isEqualTo(certificate);
    }

    /** Issued by the demo CA / result: chain of the certificate and the CA, the certificate signed by the CA. */
    @Test
    void demoCaIssuesTheCertificateOfTheGeneratedKey() throws Exception {
        DemoCertificateAuthority ca = DemoCertificateAuthority.create("Test CA", Duration.ofDays(1));
        AgencyKeys.GeneratedKey generated = AgencyKeys.generate("000.00.12.H53", "Sở", KeyType.EC_P256, ca, Duration.ofDays(1));

        assertThat(generated.signingKey().chain()).hasSize(2);
        assertThat(generated.signingKey().chain().get(1)).isEqualTo(ca.authority().certificate());
        generated.signingKey().certificate().verify(ca.authority().certificate().getPublicKey());
        assertThat(generated.signingKey().certificate().getBasicConstraints()).isEqualTo(-1);
    }
}
