package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.client.edxml.DossierEdxml;
import vn.lienthong.xml.SecureXml;

/**
 * A dossier travelling as edXML, signed for real and verified under the default policy: the
 * hand-off is tracked as a dossier envelope's would be, the recipients' edXML status messages
 * go back to the desk and record the pull recipient taking it, and the dossier's evidence
 * bundle holds both and verifies.
 */
class EdxmlDossierIT {

    private final TestGateway gateway = SharedGateway.gateway();

    @Test
    void aDossierHandedOverAsEdxmlIsTrackedAndItsStatusMessagesFeedTheDossier() throws IOException {
        TestEnvelopes.Builder handoff = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE, TestGateway.FINANCE)
                .component("đơn.txt", TestEnvelopes.utf8("Đơn đăng ký biến động"));
        byte[] signed = gateway.sign(TestGateway.DESK, asEdxml(handoff.xml()));

        GatewayClient.Submitted submitted = gateway.client(TestGateway.DESK).submit(signed);
        ReceiptVerification.VerifiedReceipt receipt = new ReceiptVerification(gateway.gatewayCertificate())
                .verify(submitted.receipt(), signed);
        String envelopeId = receipt.envelopeId();
        assertThat(envelopeId).startsWith("edxml-");

        PushReceiver.Delivery pushed = await().atMost(Duration.ofSeconds(30))
                .until(() -> SharedGateway.receiver().find(envelopeId).orElse(null), d -> d != null);
        assertThat(pushed.content()).as("the signed edXML travels unchanged").isEqualTo(signed);
        assertThat(pushed.kind()).isEqualTo("handoff");
        assertThat(pushed.dossierCode()).isEqualTo(handoff.dossierCode());

        JsonNode dossier = await().atMost(Duration.ofSeconds(30))
                .until(() -> gateway.client(TestGateway.DESK).get("dossiers/" + handoff.dossierCode()),
                        d -> !taker(d, TestGateway.LAND_OFFICE).get("takenAt").isNull());
        assertThat(dossier.get("status").asInt()).isEqualTo(4);
        assertThat(taker(dossier, TestGateway.FINANCE).get("takenAt").isNull()).isTrue();
        assertThat(taker(dossier, TestGateway.FINANCE).get("envelopeId").asString()).isEqualTo(envelopeId);
        assertThat(taker(dossier, TestGateway.FINANCE).get("step").asString()).isEqualTo("Thẩm định hồ sơ");

        byte[] accepted = gateway.sign(TestGateway.FINANCE,
                TestEdxml.status(TestGateway.FINANCE, TestGateway.DESK, handoff.id(), "03", "Đã tiếp nhận, vào sổ"));
        gateway.client(TestGateway.FINANCE).submit(accepted);

        JsonNode after = gateway.client(TestGateway.DESK).get("dossiers/" + handoff.dossierCode());
        assertThat(taker(after, TestGateway.FINANCE).get("takenAt").isNull())
                .as("status 03 from the finance department records it taking the dossier").isFalse();
        JsonNode document = gateway.client(TestGateway.DESK).get("documents?sender=" + TestGateway.DESK + "&documentId="
                + URLEncoder.encode(handoff.id(), StandardCharsets.UTF_8));
        assertThat(document.get("dossierCode").asString()).isEqualTo(handoff.dossierCode());
        assertThat(document.get("recipients").findValuesAsString("statusCode")).contains("03");

        HttpResponse<byte[]> bundle = TestHttp.download(gateway, "dossiers/" + handoff.dossierCode() + "/evidence",
                gateway.token(TestGateway.DESK), "application/zip");
        EvidenceCheck.assertValid(bundle.body(), gateway.gatewayCertificate(), handoff.dossierCode());
        assertThat(ledger(bundle.body())).contains("\"kind\":\"document-status\"").contains("edXML status 03");
    }

    @Test
    void aChangedEdxmlDossierIsRefusedForItsSignature() {
        TestEnvelopes.Builder handoff = TestEnvelopes.handoff();
        String signed = new String(gateway.sign(TestGateway.DESK, asEdxml(handoff.xml())), StandardCharsets.UTF_8);
        // The promulgation date and first trace, outside the dossier attachment, so the dossier still reads.
        byte[] tampered = signed.replaceFirst("2026/11/27", "2026/11/26").getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(signed.getBytes(StandardCharsets.UTF_8));
        TestHttp.assertCode(TestHttp.JSON.readTree(TestHttp.submit(gateway, TestGateway.DESK, tampered).body()),
                "SIGNATURE_INVALID");
    }

    private static String ledger(byte[] zip) throws IOException {
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().equals("ledger.jsonl")) {
                    return new String(entries.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no ledger.jsonl in the bundle");
    }

    private static String asEdxml(String envelopeXml) {
        SecureXml xml = new SecureXml();
        return new String(SecureXml.serialize(new DossierEdxml().toEdxml(xml.parse(TestEnvelopes.utf8(envelopeXml)))),
                StandardCharsets.UTF_8);
    }

    private static JsonNode taker(JsonNode dossier, String agency) {
        for (JsonNode handoff : dossier.get("handoffs")) {
            if (handoff.get("taker").get("code").asString().equals(agency)) {
                return handoff;
            }
        }
        throw new AssertionError(agency + " took no hand-off in " + dossier);
    }
}
