package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.signature.Canonicalization;
import vn.lienthong.signature.EnvelopedSigner;
import vn.lienthong.signature.SignatureAlgorithm;
import vn.lienthong.xml.SecureXml;

/**
 * Envelopes over the in-memory limit take the streaming path (spooled, read as a stream,
 * verified in two streaming reads) and meet exactly the checks of the in-memory path. The
 * limit is set low here so that the envelopes stay small; the 200 MB case with a capped heap
 * is {@code LargeEnvelopeIT}.
 */
class SpooledEnvelopeIT {

    private static PushReceiver receiver;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        receiver = new PushReceiver(0, "/push", delivery -> { });
        gateway = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:" + receiver.port() + "/push"),
                "--lienthong.ingress.in-memory-limit=16KB");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
    }

    /** Sends a 600 KB envelope to a push and a pull agency / result: receipted, both get the signed bytes unchanged. */
    @Test
    void spooledEnvelopeTravelsUnchanged() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE, TestGateway.FINANCE)
                .component("bản đồ địa chính.pdf", randomBytes(450_000));
        byte[] signed = gateway.sign(TestGateway.DESK, envelope.xml());
        assertThat(signed.length).isGreaterThan(600_000);

        GatewayClient.Submitted submitted = gateway.client(TestGateway.DESK).submit(signed);

        new ReceiptVerification(gateway.gatewayCertificate()).verify(submitted.receipt(), signed);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.find(envelope.id()).isPresent());
        assertThat(receiver.find(envelope.id()).orElseThrow().content()).isEqualTo(signed);
        GatewayClient finance = gateway.client(TestGateway.FINANCE);
        await().atMost(Duration.ofSeconds(30)).until(() -> finance.inbox(500).stream()
                .anyMatch(item -> item.envelopeId().equals(envelope.id())));
        assertThat(finance.fetch(envelope.id()).content()).isEqualTo(signed);
    }

    /** Sends a spooled envelope signed with inclusive C14N / result: verified by the streaming path too. */
    @Test
    void spooledEnvelopeWithInclusiveCanonicalisationIsAccepted() {
        byte[] signed = inclusiveSigned(TestEnvelopes.handoff().to(TestGateway.FINANCE)
                .component("a.bin", randomBytes(100_000)).xml());
        assertThat(TestHttp.submit(gateway, TestGateway.DESK, signed).statusCode()).isEqualTo(202);
    }

    /** Changes one byte of a component after signing / result: SIGNATURE_INVALID, nothing stored. */
    @Test
    void spooledEnvelopeChangedAfterSigningIsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE).component("a.bin",
                randomBytes(100_000));
        String signed = new String(gateway.sign(TestGateway.DESK, envelope.xml()), StandardCharsets.UTF_8);
        String tampered = signed.replace("<Name>Trần Thị Bình</Name>", "<Name>Trần Thị Bính</Name>");
        assertRefused(tampered, 400, "SIGNATURE_INVALID", envelope.id());
    }

    /** Declares a component digest its content does not have / result: COMPONENT_DIGEST_MISMATCH. */
    @Test
    void spooledComponentNotMatchingItsDigestIsRefused() {
        byte[] content = randomBytes(100_000);
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE)
                .component("a.bin", content, content.length, TestEnvelopes.sha256(randomBytes(10)));
        assertRefused(new String(gateway.sign(TestGateway.DESK, envelope.xml()), StandardCharsets.UTF_8), 400,
                "COMPONENT_DIGEST_MISMATCH", envelope.id());
    }

    /** Puts junk in the middle of a large component's base64 / result: COMPONENT_CONTENT_INVALID. */
    @Test
    void spooledComponentThatIsNotBase64IsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE).component("a.bin",
                randomBytes(100_000));
        String xml = envelope.xml();
        int middle = xml.indexOf("<Content>") + 50_000;
        String junk = xml.substring(0, middle) + "!!" + xml.substring(middle + 2);
        assertRefused(new String(gateway.sign(TestGateway.DESK, junk), StandardCharsets.UTF_8), 400,
                "COMPONENT_CONTENT_INVALID", envelope.id());
    }

    /** Sends a large envelope with an unknown Kind / result: ENVELOPE_SCHEMA_INVALID with its line. */
    @Test
    void spooledSchemaInvalidEnvelopeIsRefusedWithItsLine() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE).component("a.bin",
                randomBytes(100_000));
        String xml = envelope.xml().replace("<Kind>handoff</Kind>", "<Kind>teleport</Kind>");
        var problem = TestHttp.problem(gateway, "POST", "envelopes", gateway.token(TestGateway.DESK), "application/xml",
                gateway.sign(TestGateway.DESK, xml), 400);
        TestHttp.assertCode(problem, "ENVELOPE_SCHEMA_INVALID");
        assertThat(problem.get("line").asInt()).isPositive();
        assertThat(problem.get("element").asString()).isEqualTo("Kind");
    }

    /** Sends a large document that is not an envelope / result: ENVELOPE_SCHEMA_INVALID on the root. */
    @Test
    void spooledDocumentThatIsNotAnEnvelopeIsRefused() {
        String other = "<Other xmlns='urn:other'>" + "x".repeat(100_000) + "</Other>";
        var problem = TestHttp.problem(gateway, "POST", "envelopes", gateway.token(TestGateway.DESK), "application/xml",
                TestEnvelopes.utf8(other), 400);
        TestHttp.assertCode(problem, "ENVELOPE_SCHEMA_INVALID");
        assertThat(problem.get("rule").asString()).isEqualTo("root-element");
    }

    private static void assertRefused(String envelope, int status, String code, String envelopeId) {
        TestHttp.assertCode(TestHttp.problem(gateway, "POST", "envelopes", gateway.token(TestGateway.DESK),
                "application/xml", TestEnvelopes.utf8(envelope), status), code);
        assertThat(gateway.jdbc().sql("SELECT COUNT(*) FROM envelope WHERE id = ?").param(envelopeId)
                .query(Long.class).single()).isZero();
    }

    private static byte[] inclusiveSigned(String xml) {
        Document document = new SecureXml().parse(TestEnvelopes.utf8(xml));
        new EnvelopedSigner(gateway.signingKey(TestGateway.DESK), SignatureAlgorithm.RSA_SHA256, Canonicalization.INCLUSIVE)
                .sign(document);
        return SecureXml.serialize(document);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
