package vn.lienthong.app;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import vn.lienthong.core.receipt.GatewayIdentity;
import vn.lienthong.signature.SigningKey;

/**
 * Health component {@code signingKey}, part of readiness: without a usable key the gateway
 * cannot sign receipts, so it must not take envelopes. UP when the key in use signs a tiny
 * document the way receipts are signed, its certificate's public key verifies a signature
 * made with it (the pair belongs together), and the certificate is within its validity.
 * Details name the certificate, never the key.
 */
@Component("signingKeyHealthIndicator")
class SigningKeyHealth implements HealthIndicator {

    private static final byte[] PROBE = "lienthong signing key health".getBytes(StandardCharsets.US_ASCII);

    private final GatewayIdentity identity;
    private final Clock clock;

    SigningKeyHealth(GatewayIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public Health health() {
        SigningKey key = identity.signer().key();
        X509Certificate certificate = key.certificate();
        Health.Builder health = Health.up();
        try {
            identity.signer().sign(probeDocument());
            if (!pairMatches(key.privateKey(), certificate)) {
                health = Health.down().withDetail("error", "the certificate does not belong to the signing key");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            health = Health.down().withDetail("error", "the signing key cannot sign: " + e.getMessage());
        }
        Instant now = clock.instant();
        if (now.isAfter(certificate.getNotAfter().toInstant()) || now.isBefore(certificate.getNotBefore().toInstant())) {
            health = Health.down().withDetail("error", "the signing certificate is outside its validity");
        }
        return health.withDetail("gateway", identity.gatewayId())
                .withDetail("subject", certificate.getSubjectX500Principal().getName())
                .withDetail("notAfter", certificate.getNotAfter().toInstant().toString())
                .withDetail("algorithm", identity.signer().algorithm().name())
                .build();
    }

    private static boolean pairMatches(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(PROBE);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(PROBE);
        return verifier.verify(signature);
    }

    private static Document probeDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().newDocument();
            document.appendChild(document.createElementNS("urn:lienthong:health", "Probe"));
            return document;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK cannot create an XML document", e);
        }
    }
}
