package vn.lienthong.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.signature.DemoCertificateAuthority.Purpose;
import vn.lienthong.signature.PemCertificates;

class CertificateValidationTest {

    private static final DemoCertificateAuthority CA = DemoCertificateAuthority.create("Trusted CA", Duration.ofDays(365));
    private static final DemoCertificateAuthority OTHER_CA = DemoCertificateAuthority.create("Other CA", Duration.ofDays(365));
    private static final Instant NOW = Instant.now();

    @TempDir
    Path folder;

    private Path crlFile;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private TrustMaterial trust;

    @BeforeEach
    void anchors() throws IOException {
        PemCertificates.write(folder.resolve("anchors/ca.pem"), CA.authority().certificate());
        Files.writeString(folder.resolve("anchors/README.txt"), "not a certificate, ignored");
        trust = TrustMaterial.load(folder.resolve("anchors"), null);
        crlFile = folder.resolve("ca.crl");
    }

    @Test
    void certificateOfTheTrustedCaIsTrusted() {
        assertThatCode(() -> withoutCrls().requireTrusted(signing(CA, NOW), "A")).doesNotThrowAnyException();
    }

    @Test
    void certificateOfAnotherCaIsUntrusted() {
        assertRefused(withoutCrls(), signing(OTHER_CA, NOW), ErrorCode.SIGNER_CERTIFICATE_UNTRUSTED);
    }

    @Test
    void expiredAndNotYetValidCertificatesAreOutsideValidity() {
        assertRefused(withoutCrls(), signing(CA, NOW.minus(Duration.ofDays(30))), ErrorCode.SIGNER_CERTIFICATE_OUTSIDE_VALIDITY);
        assertRefused(withoutCrls(), signing(CA, NOW.plus(Duration.ofDays(2))), ErrorCode.SIGNER_CERTIFICATE_OUTSIDE_VALIDITY);
    }

    @Test
    void certificateForEnciphermentOnlyIsNotForSigning() {
        X509Certificate encipherment = CA.issue("x", "y", KeyType.RSA_2048, Purpose.ENCIPHERMENT_ONLY,
                NOW.minus(Duration.ofDays(1)), Duration.ofDays(10)).certificate();
        assertRefused(withoutCrls(), encipherment, ErrorCode.SIGNER_CERTIFICATE_NOT_FOR_SIGNING);
    }

    @Test
    void revokedCertificateIsRefused() throws Exception {
        X509Certificate revoked = signing(CA, NOW);
        publish(CA.issueCrl(List.of(revoked), NOW.minus(Duration.ofMinutes(1)), NOW.plus(Duration.ofDays(1))));
        CertificateValidation validation = withCrls(RevocationPolicy.REFUSE);

        assertRefused(validation, revoked, ErrorCode.SIGNER_CERTIFICATE_REVOKED);
        assertThatCode(() -> validation.requireTrusted(signing(CA, NOW), "A")).doesNotThrowAnyException();
    }

    @Test
    void missingCrlFollowsThePolicy() {
        X509Certificate certificate = signing(CA, NOW);
        assertRefused(withCrls(RevocationPolicy.REFUSE), certificate, ErrorCode.SIGNER_REVOCATION_UNKNOWN);

        assertThatCode(() -> withCrls(RevocationPolicy.WARN).requireTrusted(certificate, "A")).doesNotThrowAnyException();
        assertThat(meters.counter("lienthong.signatures.revocation.unknown", "sender", "A", "policy", "WARN").count())
                .isEqualTo(1);
    }

    @Test
    void staleCrlDoesNotCount() throws Exception {
        publish(CA.issueCrl(List.of(), NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1))));
        assertRefused(withCrls(RevocationPolicy.REFUSE), signing(CA, NOW), ErrorCode.SIGNER_REVOCATION_UNKNOWN);
    }

    @Test
    void aCrlThatLaterRevokesTakesEffectAtTheNextRefreshDespiteTheRememberedAnswer() throws Exception {
        X509Certificate certificate = signing(CA, NOW);
        publish(CA.issueCrl(List.of(), NOW.minus(Duration.ofMinutes(1)), NOW.plus(Duration.ofDays(1))));
        RevocationLists crls = new RevocationLists(List.of(crlFile.toString()), folder.resolve("cache"), clock);
        crls.refresh();
        CertificateValidation validation = new CertificateValidation(trust, crls, RevocationPolicy.REFUSE, clock, meters);
        validation.requireTrusted(certificate, "A");

        publish(CA.issueCrl(List.of(certificate), NOW, NOW.plus(Duration.ofDays(1))));
        crls.refresh();

        assertRefused(validation, certificate, ErrorCode.SIGNER_CERTIFICATE_REVOKED);
    }

    @Test
    void lastGoodCrlSurvivesAnOutageAndARestart() throws Exception {
        X509Certificate revoked = signing(CA, NOW);
        publish(CA.issueCrl(List.of(revoked), NOW.minus(Duration.ofMinutes(1)), NOW.plus(Duration.ofDays(1))));
        new RevocationLists(List.of(crlFile.toString()), folder.resolve("cache"), clock).refresh();
        Files.delete(crlFile);

        RevocationLists afterRestart = new RevocationLists(List.of(crlFile.toString()), folder.resolve("cache"), clock);
        afterRestart.refresh();

        assertThat(afterRestart.current()).hasSize(1);
        assertThat(afterRestart.sources().get(0).lastError()).isNotNull();
        assertRefused(new CertificateValidation(trust, afterRestart, RevocationPolicy.REFUSE, clock, meters), revoked,
                ErrorCode.SIGNER_CERTIFICATE_REVOKED);
    }

    private CertificateValidation withoutCrls() {
        return new CertificateValidation(trust, new RevocationLists(List.of(), null, clock), RevocationPolicy.REFUSE,
                clock, meters);
    }

    private CertificateValidation withCrls(RevocationPolicy policy) {
        RevocationLists crls = new RevocationLists(List.of(crlFile.toString()), null, clock);
        crls.refresh();
        return new CertificateValidation(trust, crls, policy, clock, meters);
    }

    private void publish(X509CRL crl) throws IOException, CRLException {
        Files.write(crlFile, crl.getEncoded());
    }

    private static X509Certificate signing(DemoCertificateAuthority ca, Instant notBefore) {
        return ca.issueSigningKey("000.00.01.H53", "Trung tâm", KeyType.EC_P256, notBefore.minus(Duration.ofHours(1)),
                Duration.ofDays(10)).certificate();
    }

    private static void assertRefused(CertificateValidation validation, X509Certificate certificate, ErrorCode code) {
        assertThatThrownBy(() -> validation.requireTrusted(certificate, "A"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).as(e.detail()).isEqualTo(code));
    }
}
