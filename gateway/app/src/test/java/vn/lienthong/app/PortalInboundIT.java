package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.client.ReceiptVerification;

/**
 * Dossiers submitted on the national portal, handed to the gateway in the portal's fields:
 * each becomes a signed first hand-off to the agency its procedure's route names, receipted,
 * tracked and delivered like any envelope; the same record again is answered the same.
 */
class PortalInboundIT {

    private final TestGateway gateway = SharedGateway.gateway();

    /** A land dossier from the portal / result: handed to the land office (push), tracked, receipted by the gateway. */
    @Test
    void aPortalDossierBecomesItsFirstHandoff() {
        String code = "000.00.01.H53-261128-" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        Map<String, Object> record = Map.of("MaHoSo", code, "MaTTHC", "1.004227",
                "TenTTHC", "Đăng ký biến động quyền sử dụng đất", "ChuHoSo", "Lê Văn Cường",
                "SoDienThoai", "0987654321", "NgayTiepNhan", "20261128090000", "NgayHenTra", "20261212170000",
                "TrichYeuHoSo", "Đăng ký biến động do chuyển nhượng");

        HttpResponse<String> answer = handIn(record);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode handedIn = TestHttp.JSON.readTree(answer.body());
        assertThat(handedIn.get("envelopeId").asString()).isEqualTo("dvcqg-" + code);
        assertThat(handedIn.get("handlingAgency").asString()).isEqualTo(TestGateway.LAND_OFFICE);
        assertThat(handedIn.get("replayed").asBoolean()).isFalse();
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/dossiers/" + code));

        PushReceiver.Delivery delivered = await().atMost(Duration.ofSeconds(30))
                .until(() -> SharedGateway.receiver().find("dvcqg-" + code).orElse(null), d -> d != null);
        assertThat(delivered.sender()).isEqualTo("000.00.00.G22");
        ReceiptVerification.VerifiedReceipt receipt = new ReceiptVerification(gateway.gatewayCertificate())
                .verify(Base64.getDecoder().decode(handedIn.get("receipt").asString()), delivered.content());
        assertThat(receipt.envelopeId()).isEqualTo("dvcqg-" + code);

        JsonNode dossier = gateway.client(TestGateway.LAND_OFFICE).get("dossiers/" + code);
        assertThat(dossier.get("procedureCode").asString()).isEqualTo("1.004227");
        assertThat(dossier.get("applicant").get("name").asString()).isEqualTo("Lê Văn Cường");
        assertThat(dossier.get("receivedAt").asString()).isEqualTo("2026-11-28T02:00:00Z");
        JsonNode handoff = dossier.get("handoffs").get(0);
        assertThat(handoff.get("giver").get("code").asString()).isEqualTo("000.00.00.G22");
        assertThat(handoff.get("taker").get("code").asString()).isEqualTo(TestGateway.LAND_OFFICE);
        assertThat(handoff.get("step").asString()).isEqualTo("Thẩm định hồ sơ");

        JsonNode again = TestHttp.JSON.readTree(handIn(record).body());
        assertThat(again.get("replayed").asBoolean()).isTrue();
        assertThat(again.get("receipt").asString()).isEqualTo(handedIn.get("receipt").asString());
    }

    /** Records the gateway cannot route or read / result: a precise refusal, nothing stored. */
    @Test
    void unroutableOrIncompleteRecordsAreRefused() {
        TestHttp.assertCode(TestHttp.JSON.readTree(handIn(Map.of("MaHoSo", "000.00.01.H53-261128-9998",
                "MaTTHC", "2.000635", "ChuHoSo", "A", "NgayTiepNhan", "20261128090000")).body()), "PORTAL_PROCEDURE_UNKNOWN");
        JsonNode badDate = TestHttp.JSON.readTree(handIn(Map.of("MaHoSo", "000.00.01.H53-261128-9997",
                "MaTTHC", "1.004227", "ChuHoSo", "A", "NgayTiepNhan", "28/11/2026")).body());
        TestHttp.assertCode(badDate, "REQUEST_INVALID");
        assertThat(badDate.get("field").asString()).isEqualTo("NgayTiepNhan");
        TestHttp.assertCode(TestHttp.JSON.readTree(handIn(Map.of("MaTTHC", "1.004227")).body()), "REQUEST_INVALID");
        TestHttp.assertCode(TestHttp.JSON.readTree(TestHttp.send(gateway, "GET", "dossiers/000.00.01.H53-261128-9997",
                gateway.token(TestGateway.LAND_OFFICE), null, null).body()), "DOSSIER_NOT_FOUND");
    }

    /** An agency's token / result: ACCESS_DENIED, only admins hand in portal dossiers. */
    @Test
    void onlyAdminsHandIn() {
        HttpResponse<String> answer = TestHttp.send(gateway, "POST", "portal/dossiers", gateway.token(TestGateway.DESK),
                "application/json", TestHttp.JSON.writeValueAsBytes(Map.of("MaHoSo", "x")));
        TestHttp.assertCode(TestHttp.JSON.readTree(answer.body()), "ACCESS_DENIED");
    }

    private HttpResponse<String> handIn(Map<String, Object> record) {
        return TestHttp.send(gateway, "POST", "portal/dossiers", gateway.operatorToken(DemoProvisioning.DEMO_ADMIN),
                "application/json", TestHttp.JSON.writeValueAsBytes(record));
    }
}
