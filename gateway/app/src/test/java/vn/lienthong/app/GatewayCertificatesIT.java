package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;

/** The gateway's own key replaced while it runs, and certificates close to expiry reported in health and metrics. */
class GatewayCertificatesIT {

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:1/unused"),
                "--lienthong.signing.reload-interval=200ms");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** Replaces the gateway's key store file / result: receipts are signed with the new key, no restart. */
    @Test
    void replacedGatewayKeyIsUsedWithoutARestart() throws Exception {
        SigningKey next = gateway.demoCa().issueSigningKey("lienthong gateway (next)", "lienthong demo", KeyType.RSA_2048,
                Duration.ofDays(400));
        Path keys = gateway.dataDir().resolve("keys");
        char[] password = Files.readString(keys.resolve("gateway.p12.password"), StandardCharsets.UTF_8).strip().toCharArray();
        next.writePkcs12(keys.resolve("gateway.p12.new"), "gateway", password);
        Files.move(keys.resolve("gateway.p12.new"), keys.resolve("gateway.p12"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);

        await().atMost(Duration.ofSeconds(30)).until(() -> PemCertificates.parse(TestHttp.send(gateway, "GET",
                "gateway/certificate", null, null, null).body().getBytes(StandardCharsets.US_ASCII)).get(0)
                .equals(next.certificate()));
        byte[] envelope = gateway.sign(TestGateway.DESK, TestEnvelopes.handoff().to(TestGateway.FINANCE).xml());
        GatewayClient.Submitted submitted = gateway.client(TestGateway.DESK).submit(envelope);
        new ReceiptVerification(next.certificate()).verify(submitted.receipt(), envelope);
    }

    /** Registers an agency whose certificate expires in ten days / result: health WARNING naming it, and the expiry gauge. */
    @Test
    void certificateCloseToExpiryIsReported() {
        SigningKey soon = TestAgencies.keyValid(gateway, Instant.now().minus(Duration.ofDays(20)), Duration.ofDays(30));
        TestAgencies.Registered agency = TestAgencies.register(gateway, TestAgencies.newCode(), List.of(soon), false, soon);

        JsonNode health = TestHttp.JSON.readTree(TestHttp.sendActuator(gateway, "health"));
        assertThat(health.get("status").asString()).isEqualTo("WARNING");
        assertThat(health.at("/components/certificates/status").asString()).isEqualTo("WARNING");
        String fingerprint = PemCertificates.fingerprint(soon.certificate()).substring(0, 16);
        assertThat(TestHttp.sendActuator(gateway, "prometheus")).containsPattern(
                "lienthong_certificate_expiry_days\\{certificate=\"" + fingerprint + "\",owner=\"" + agency.code()
                        + "\",purpose=\"signing\"} 9\\.0");
    }
}
