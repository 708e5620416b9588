package vn.lienthong.signature;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for the embedded demo and for tests. It stands in for
 * the government CA and the licensed CAs that issue agencies' real certificates; nothing it
 * issues should be trusted outside a demo.
 */
public final class DemoCertificateAuthority {

    /** Key types an agency may sign with. */
    public enum KeyType {
        RSA_2048, EC_P256;

        /** A fresh key pair of this type. */
        public KeyPair generate() {
            try {
                KeyPairGenerator generator;
                if (this == EC_P256) {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                } else {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048, RANDOM);
                }
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate " + this + " key", e);
            }
        }
    }

    /** What a certificate is for; decides its key usage and extended key usage. */
    public enum Purpose {
        /** Signing documents: digitalSignature and nonRepudiation. */
        DOCUMENT_SIGNING,
        /** A TLS server on localhost. */
        TLS_SERVER,
        /** A TLS client (an agency calling the gateway with mutual TLS). */
        TLS_CLIENT,
        /** Key encipherment only: not usable for signatures (for tests of key-usage checks). */
        ENCIPHERMENT_ONLY
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKey authority;

    public DemoCertificateAuthority(SigningKey authority) {
        this.authority = authority;
    }

    /** A new self-signed root, valid from now for the given time. */
    public static DemoCertificateAuthority create(String commonName, Duration validity) {
        KeyPair pair = KeyType.RSA_2048.generate();
        X500Name name = name(commonName, "lienthong demo");
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = sign(builder, pair.getPrivate());
            return new DemoCertificateAuthority(new SigningKey(pair.getPrivate(), List.of(certificate)));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create demo CA", e);
        }
    }

    public SigningKey authority() {
        return authority;
    }

    /** A new key pair with a document-signing certificate issued by this authority. */
    public SigningKey issueSigningKey(String commonName, String organisation, KeyType type, Duration validity) {
        return issueSigningKey(commonName, organisation, type, Instant.now().minus(Duration.ofMinutes(5)), validity);
    }

    /** As above with an explicit start of validity, so tests can make expired or not-yet-valid certificates. */
    public SigningKey issueSigningKey(String commonName, String organisation, KeyType type, Instant notBefore,
                                      Duration validity) {
        return issue(commonName, organisation, type, Purpose.DOCUMENT_SIGNING, notBefore, validity);
    }

    /** A new key pair with a certificate for the given purpose, issued by this authority. */
    public SigningKey issue(String commonName, String organisation, KeyType type, Purpose purpose, Instant notBefore,
                            Duration validity) {
        KeyPair pair = type.generate();
        X509Certificate certificate = certify(pair.getPublic(), commonName, organisation, purpose, notBefore, validity);
        return new SigningKey(pair.getPrivate(), List.of(certificate, authority.certificate()));
    }

    /**
     * A certificate for a public key someone else holds the private key of, as a CA answers a
     * certificate request: the key stays where it was generated.
     */
    public X509Certificate certify(PublicKey publicKey, String commonName, String organisation, Purpose purpose,
                                   Instant notBefore, Duration validity) {
        X509Certificate issuer = authority.certificate();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                    Date.from(notBefore), Date.from(notBefore.plus(validity)),
                    name(commonName, organisation), publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuer));
            switch (purpose) {
                case DOCUMENT_SIGNING -> builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                case TLS_SERVER -> builder
                        .addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                                new GeneralName(GeneralName.dNSName, "localhost"),
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
                case TLS_CLIENT -> builder
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                case ENCIPHERMENT_ONLY -> builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyEncipherment));
            }
            return sign(builder, authority.privateKey());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue demo certificate for " + commonName, e);
        }
    }

    /**
     * A certificate revocation list signed by this authority.
     *
     * @param revoked certificates to list as revoked
     * @param nextUpdate when the list stops being current
     */
    public X509CRL issueCrl(List<X509Certificate> revoked, Instant thisUpdate, Instant nextUpdate) {
        X509Certificate issuer = authority.certificate();
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuer, Date.from(thisUpdate))
                    .setNextUpdate(Date.from(nextUpdate))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer))
                    .addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(thisUpdate.toEpochMilli())));
            for (X509Certificate certificate : revoked) {
                builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            String algorithm = "EC".equals(authority.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CRLConverter()
                    .getCRL(builder.build(new JcaContentSignerBuilder(algorithm).build(authority.privateKey())));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue demo CRL", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        String algorithm = "EC".equals(issuerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign certificate with " + algorithm, e);
        }
    }

    private static X500Name name(String commonName, String organisation) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "VN")
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }
}
