package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import vn.lienthong.core.trust.RevocationLists;
import vn.lienthong.signature.Canonicalization;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.signature.EnvelopedSigner;
import vn.lienthong.signature.SignatureAlgorithm;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.xml.SecureXml;

/**
 * Signatures and certificates through HTTP: algorithms and canonicalisations the profile
 * accepts, the per-agency SHA-1 policy, key rotation, and the certificate checks (chain,
 * validity, key usage, revocation from a CRL served over HTTP).
 */
class TrustIT {

    private static final AtomicReference<byte @Nullable []> CRL = new AtomicReference<>();
    private static HttpServer crlServer;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        crlServer = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        crlServer.createContext("/demo-ca.crl", exchange -> {
            byte[] crl = CRL.get();
            exchange.sendResponseHeaders(crl == null ? 404 : 200, crl == null ? -1 : crl.length);
            if (crl != null) {
                exchange.getResponseBody().write(crl);
            }
            exchange.close();
        });
        crlServer.start();
        gateway = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:1/unused"),
                "--lienthong.trust.crls[0]=http://localhost:" + crlServer.getAddress().getPort() + "/demo-ca.crl");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        crlServer.stop(0);
    }

    @BeforeEach
    void currentCrlRevokingNothing() {
        publishCrl(List.of());
    }

    /** Sends an envelope signed with ECDSA P-256 (the finance department's key) / result: accepted. */
    @Test
    void ecdsaSignatureIsAccepted() {
        byte[] signed = gateway.sign(TestGateway.FINANCE, TestEnvelopes.handoff().from(TestGateway.FINANCE)
                .to(TestGateway.DESK).xml());
        assertThat(TestHttp.submit(gateway, TestGateway.FINANCE, signed).statusCode()).isEqualTo(202);
    }

    /** Sends an envelope signed with inclusive C14N / result: accepted. */
    @Test
    void inclusiveCanonicalisationIsAccepted() {
        Document document = new SecureXml().parse(TestEnvelopes.utf8(TestEnvelopes.handoff().xml()));
        new EnvelopedSigner(gateway.signingKey(TestGateway.DESK), SignatureAlgorithm.RSA_SHA256, Canonicalization.INCLUSIVE)
                .sign(document);
        assertThat(TestHttp.submit(gateway, TestGateway.DESK, SecureXml.serialize(document)).statusCode()).isEqualTo(202);
    }

    /** Sends RSA-SHA1 signatures from an agency without and one with the SHA-1 policy / result: refused, then accepted and counted. */
    @Test
    void sha1IsAcceptedOnlyWhereThePolicyAllowsIt() {
        TestAgencies.Registered modern = TestAgencies.pullAgency(gateway, KeyType.RSA_2048);
        SigningKey legacyKey = gateway.demoCa().issueSigningKey("legacy", "legacy", KeyType.RSA_2048, Duration.ofDays(30));
        TestAgencies.Registered legacy = TestAgencies.register(gateway, TestAgencies.newCode(), List.of(legacyKey), true,
                legacyKey);

        TestHttp.assertCode(TestHttp.JSON.readTree(submitAs(modern, sha1Signed(modern)).body()), "SIGNATURE_PROFILE_VIOLATION");
        assertThat(submitAs(legacy, sha1Signed(legacy)).statusCode()).isEqualTo(202);

        String metrics = TestHttp.sendActuator(gateway, "prometheus");
        assertThat(metrics).contains("lienthong_signatures_sha1_accepted_total{sender=\"" + legacy.code() + "\"} 1.0");
    }

    /** Registers an agency with its old and new certificate during a key rotation / result: both sign. */
    @Test
    void bothCertificatesSignDuringARotation() {
        SigningKey old = TestAgencies.keyValid(gateway, Instant.now().minus(Duration.ofDays(300)), Duration.ofDays(310));
        SigningKey fresh = TestAgencies.keyValid(gateway, Instant.now().minus(Duration.ofMinutes(5)), Duration.ofDays(365));
        String code = TestAgencies.newCode();
        TestAgencies.Registered withOld = TestAgencies.register(gateway, code, List.of(old, fresh), false, old);
        TestAgencies.Registered withNew = new TestAgencies.Registered(code, withOld.token(), fresh);

        assertThat(submitAs(withOld, signed(withOld)).statusCode()).isEqualTo(202);
        assertThat(submitAs(withNew, signed(withNew)).statusCode()).isEqualTo(202);
    }

    /** Signs with an expired and with a not-yet-valid certificate / result: SIGNER_CERTIFICATE_OUTSIDE_VALIDITY. */
    @Test
    void certificateOutsideItsValidityIsRefused() {
        SigningKey expired = TestAgencies.keyValid(gateway, Instant.now().minus(Duration.ofDays(40)), Duration.ofDays(30));
        SigningKey future = TestAgencies.keyValid(gateway, Instant.now().plus(Duration.ofDays(1)), Duration.ofDays(30));
        TestAgencies.Registered agency = TestAgencies.register(gateway, TestAgencies.newCode(), List.of(expired, future),
                false, expired);

        assertRefused(agency, signed(agency), 403, "SIGNER_CERTIFICATE_OUTSIDE_VALIDITY");
        TestAgencies.Registered later = new TestAgencies.Registered(agency.code(), agency.token(), future);
        assertRefused(later, signed(later), 403, "SIGNER_CERTIFICATE_OUTSIDE_VALIDITY");
    }

    /** Signs with a registered certificate from a CA the gateway does not trust / result: SIGNER_CERTIFICATE_UNTRUSTED. */
    @Test
    void certificateFromAnUntrustedCaIsRefused() {
        SigningKey foreign = DemoCertificateAuthority.create("Not trusted", Duration.ofDays(30))
                .issueSigningKey("x", "y", KeyType.RSA_2048, Duration.ofDays(30));
        TestAgencies.Registered agency = TestAgencies.register(gateway, TestAgencies.newCode(), List.of(foreign), false,
                foreign);
        assertRefused(agency, signed(agency), 403, "SIGNER_CERTIFICATE_UNTRUSTED");
    }

    /** Signs with a certificate whose key usage is encipherment only / result: SIGNER_CERTIFICATE_NOT_FOR_SIGNING. */
    @Test
    void certificateNotForSigningIsRefused() {
        SigningKey encipherment = gateway.demoCa().issue("x", "y", KeyType.RSA_2048,
                DemoCertificateAuthority.Purpose.ENCIPHERMENT_ONLY,
                Instant.now().minus(Duration.ofMinutes(5)), Duration.ofDays(30));
        TestAgencies.Registered agency = TestAgencies.register(gateway, TestAgencies.newCode(), List.of(encipherment),
                false, encipherment);
        assertRefused(agency, signed(agency), 403, "SIGNER_CERTIFICATE_NOT_FOR_SIGNING");
    }

    /** Revokes an agency's certificate in the CA's CRL / result: SIGNER_CERTIFICATE_REVOKED after the refresh. */
    @Test
    void revokedCertificateIsRefusedOnceTheCrlSaysSo() {
        TestAgencies.Registered agency = TestAgencies.pullAgency(gateway, KeyType.RSA_2048);
        assertThat(submitAs(agency, signed(agency)).statusCode()).isEqualTo(202);

        publishCrl(List.of(agency.key().certificate()));

        assertRefused(agency, signed(agency), 403, "SIGNER_CERTIFICATE_REVOKED");
    }

    /** Takes the CRL away so no current one covers the CA / result: SIGNER_REVOCATION_UNKNOWN (503) under the refuse policy. */
    @Test
    void unknownRevocationStatusIsRefusedUnderTheDefaultPolicy() {
        // A CRL that expired: the copy the gateway keeps no longer counts.
        CRL.set(encoded(gateway.demoCa().issueCrl(List.of(), Instant.now().minus(Duration.ofDays(2)),
                Instant.now().minus(Duration.ofDays(1)))));
        gateway.bean(RevocationLists.class).refresh();

        TestAgencies.Registered agency = TestAgencies.pullAgency(gateway, KeyType.RSA_2048);
        JsonProblem problem = assertRefused(agency, signed(agency), 503, "SIGNER_REVOCATION_UNKNOWN");
        assertThat(problem.detail()).contains("CRL");
    }

    private record JsonProblem(String code, String detail) {
    }

    private static JsonProblem assertRefused(TestAgencies.Registered agency, byte[] envelope, int status, String code) {
        HttpResponse<String> response = submitAs(agency, envelope);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        var problem = TestHttp.JSON.readTree(response.body());
        TestHttp.assertCode(problem, code);
        return new JsonProblem(code, problem.get("detail").asString());
    }

    private static HttpResponse<String> submitAs(TestAgencies.Registered agency, byte[] envelope) {
        return TestHttp.send(gateway, "POST", "envelopes", agency.token(), "application/xml", envelope);
    }

    private static byte[] signed(TestAgencies.Registered agency) {
        Document document = new SecureXml().parse(TestEnvelopes.utf8(envelopeFrom(agency)));
        new EnvelopedSigner(agency.key()).sign(document);
        return SecureXml.serialize(document);
    }

    /** An RSA-SHA1 / SHA-1 signature with inclusive C14N, as older department systems make them. */
    private static byte[] sha1Signed(TestAgencies.Registered agency) {
        Document document = new SecureXml().parse(TestEnvelopes.utf8(envelopeFrom(agency)));
        try {
            XMLSignature signature = new XMLSignature(document, "", SignatureAlgorithm.RSA_SHA1.uri(),
                    Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS);
            document.getDocumentElement().appendChild(signature.getElement());
            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            signature.addDocument("", transforms, "http://www.w3.org/2000/09/xmldsig#sha1");
            signature.addKeyInfo(agency.key().certificate());
            signature.sign(agency.key().privateKey());
        } catch (XMLSecurityException e) {
            throw new AssertionError(e);
        }
        return SecureXml.serialize(document);
    }

    private static String envelopeFrom(TestAgencies.Registered agency) {
        return TestEnvelopes.handoff().from(agency.code()).to(TestGateway.FINANCE).xml();
    }

    private static void publishCrl(List<X509Certificate> revoked) {
        CRL.set(encoded(gateway.demoCa().issueCrl(revoked, Instant.now().minus(Duration.ofMinutes(1)),
                Instant.now().plus(Duration.ofDays(1)))));
        gateway.bean(RevocationLists.class).refresh();
    }

    private static byte[] encoded(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new AssertionError(e);
        }
    }
}
