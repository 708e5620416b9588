package vn.lienthong.client.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jspecify.annotations.Nullable;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.signature.DemoCertificateAuthority.Purpose;
import vn.lienthong.signature.SigningKey;

/**
 * A new signing key for an agency: the key with a certificate to start with (self-signed, or
 * issued by the demo CA, for demos and tests only), and a PKCS#10 certificate request for the
 * same key, which the agency sends to the government CA or a licensed CA for its real certificate.
 */
public final class AgencyKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AgencyKeys() {
    }

    /** The key with its first certificate, and the request for a CA's certificate of the same key. */
    public record GeneratedKey(SigningKey signingKey, byte[] certificationRequest) {

        /** The request in PEM ({@code -----BEGIN CERTIFICATE REQUEST-----}), as CAs take it. */
        public String certificationRequestPem() {
            return "-----BEGIN CERTIFICATE REQUEST-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificationRequest)
                    + "\n-----END CERTIFICATE REQUEST-----\n";
        }
    }

    /**
     * @param agencyCode the certificate's common name, such as {@code 000.00.12.H53}
     * @param organisation the agency's name, the certificate's organisation
     * @param issuer the demo CA to issue the certificate, or null for a self-signed one
     */
    public static GeneratedKey generate(String agencyCode, String organisation, KeyType type,
                                        @Nullable DemoCertificateAuthority issuer, Duration validity) {
        KeyPair pair = type.generate();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "VN").addRDN(BCStyle.O, organisation).addRDN(BCStyle.CN, agencyCode).build();
        Instant notBefore = Instant.now().minus(Duration.ofMinutes(5));
        try {
            List<X509Certificate> chain = issuer == null
                    ? List.of(selfSigned(pair, subject, notBefore, validity))
                    : List.of(issuer.certify(pair.getPublic(), agencyCode, organisation, Purpose.DOCUMENT_SIGNING, notBefore,
                            validity), issuer.authority().certificate());
            return new GeneratedKey(new SigningKey(pair.getPrivate(), chain), request(pair, subject));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate or request for a " + type + " key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the certificate request", e);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, X500Name subject, Instant notBefore, Duration validity)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notBefore.plus(validity)),
                subject, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, signingUsage())
                .addExtension(Extension.subjectKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(pair.getPrivate())));
    }

    /** PKCS#10, asking for a document-signing certificate (digitalSignature, nonRepudiation). */
    private static byte[] request(KeyPair pair, X500Name subject) throws IOException, OperatorCreationException {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.keyUsage, true, signingUsage());
        return new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(signer(pair.getPrivate()))
                .getEncoded();
    }

    private static KeyUsage signingUsage() {
        return new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA").build(key);
    }
}
