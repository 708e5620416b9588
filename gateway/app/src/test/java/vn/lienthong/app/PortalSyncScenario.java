package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.dvcqg.simulator.PortalSimulator;
import vn.lienthong.dvcqg.simulator.ReceivedCall;
import vn.lienthong.dvcqg.simulator.SimulatorAccount;
import vn.lienthong.dvcqg.simulator.SimulatorMode;

/**
 * The national portal kept in step through a real gateway and the portal simulator over HTTP:
 * a dossier through three agencies gives the right calls in the right order with the right
 * fields; a portal down for a while gets the whole backlog in order once back, nothing twice;
 * an expired session is renewed; a validation error becomes a dead letter that holds its
 * dossier back until it is corrected and replayed. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PortalSyncScenario {

    private PortalSimulator portal;
    private PushReceiver landOffice;
    private TestGateway gateway;

    /** Starts the gateway with these arguments, on the subclass's database. */
    abstract TestGateway start(URI pushEndpoint, String... arguments);

    @BeforeAll
    void start() {
        portal = PortalSimulator.start(PortalSimulator.Settings.of(0, SimulatorAccount.DEMO));
        try {
            landOffice = new PushReceiver(0, "/push", delivery -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gateway = start(URI.create("http://localhost:" + landOffice.port() + "/push"),
                "--lienthong.demo.portal-simulator.enabled=false",
                "--lienthong.portal.enabled=true",
                "--lienthong.portal.base-url=" + portal.baseUri(),
                "--lienthong.portal.username=" + SimulatorAccount.DEMO.username(),
                "--lienthong.portal.password=" + SimulatorAccount.DEMO.password(),
                "--lienthong.portal.agency-code=" + SimulatorAccount.DEMO.agencyCode(),
                "--lienthong.portal.call-timeout=2s",
                "--lienthong.portal.sync.interval=100ms",
                "--lienthong.portal.sync.initial-backoff=100ms",
                "--lienthong.portal.sync.max-backoff=400ms");
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (landOffice != null) {
            landOffice.close();
        }
        if (portal != null) {
            portal.close();
        }
    }

    /** The tutorial's path: desk to land office and finance, finance back, land office's result, returned. */
    @Test
    void aDossierThroughThreeAgenciesGivesTheRightCallsInOrder() {
        TestEnvelopes.Builder handoff = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE, TestGateway.FINANCE)
                .applicant("Trần Thị Bình", "Phường Trung tâm", "0912345678").receivedAt("2026-11-27T08:40:00+07:00");
        String code = handoff.dossierCode();
        submit(TestGateway.DESK, handoff);
        submit(TestGateway.FINANCE, TestEnvelopes.handoff().dossier(code).kind("result").from(TestGateway.FINANCE)
                .to(TestGateway.LAND_OFFICE).step("Kiểm tra nghĩa vụ tài chính", 1, "working-days"));
        submit(TestGateway.LAND_OFFICE, TestEnvelopes.handoff().dossier(code).kind("result").from(TestGateway.LAND_OFFICE)
                .to(TestGateway.DESK).status(9).note("Đã chỉnh lý biến động").step("Trả kết quả", 1, "working-days"));
        submit(TestGateway.DESK, TestEnvelopes.handoff().dossier(code).kind("status").to(TestGateway.LAND_OFFICE)
                .status(10).noStep());

        List<ReceivedCall> calls = await().atMost(Duration.ofSeconds(30)).until(() -> accepted(code),
                taken -> taken.size() == 7);
        assertThat(calls).extracting(ReceivedCall::service).containsExactly("DongBoHoSoMC", "CapNhatTienDoHoSoMC",
                "CapNhatTienDoHoSoMC", "CapNhatTienDoHoSoMC", "DongBoHoSoMC", "CapNhatTienDoHoSoMC", "DongBoHoSoMC");
        assertThat(calls).allSatisfy(call -> assertThat(call.dstcode()).isEqualTo(SimulatorAccount.DEMO.agencyCode()));

        Map<String, Object> created = record(calls.get(0));
        assertThat(calls.get(0).fields()).containsEntry("isUpdating", "False");
        assertThat(created).containsEntry("MaHoSo", code).containsEntry("MaTTHC", "1.004227")
                .containsEntry("ChuHoSo", "Trần Thị Bình").containsEntry("SoDienThoai", "0912345678")
                .containsEntry("NgayTiepNhan", "20261127084000").containsEntry("NgayHenTra", "20261211170000");
        assertThat(((Number) created.get("TrangThaiHoSo")).intValue()).isEqualTo(4);
        assertThat(record(calls.get(1)).get("NoiDungXuLy").toString()).contains(TestGateway.LAND_OFFICE, "Thẩm định hồ sơ");
        assertThat(record(calls.get(2)).get("NoiDungXuLy").toString()).contains(TestGateway.FINANCE);
        assertThat(record(calls.get(1)).get("ThoiDiemXuLy").toString()).matches("\\d{14}");
        assertThat(record(calls.get(3)).get("PhongBanXuLy").toString()).contains(TestGateway.FINANCE);
        assertThat(calls.get(4).fields()).containsEntry("isUpdating", "True");
        assertThat(((Number) record(calls.get(4)).get("TrangThaiHoSo")).intValue()).isEqualTo(9);
        assertThat(record(calls.get(4))).containsKey("NgayKetThucXuLy");
        Map<String, Object> returned = record(calls.get(6));
        assertThat(((Number) returned.get("TrangThaiHoSo")).intValue()).isEqualTo(10);
        assertThat(returned).containsKeys("NgayTra", "NgayKetThucXuLy");

        assertThat(portal.dossiers().get(code)).containsEntry("MaHoSo", code);
        assertThat(portal.progress(code)).hasSize(4);
    }

    /** A new return date (after an apology slip) without a status change / result: the portal is told the new NgayHenTra. */
    @Test
    void aMovedReturnDateIsTold() {
        TestEnvelopes.Builder handoff = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE);
        String code = handoff.dossierCode();
        submit(TestGateway.DESK, handoff);
        submit(TestGateway.LAND_OFFICE, TestEnvelopes.handoff().dossier(code).kind("result").from(TestGateway.LAND_OFFICE)
                .to(TestGateway.DESK).promisedReturnAt("2026-12-18T17:00:00+07:00").noStep());
        List<ReceivedCall> calls = await().atMost(Duration.ofSeconds(30)).until(() -> accepted(code), c -> c.size() == 4);
        assertThat(calls).extracting(ReceivedCall::service)
                .containsExactly("DongBoHoSoMC", "CapNhatTienDoHoSoMC", "DongBoHoSoMC", "CapNhatTienDoHoSoMC");
        assertThat(record(calls.get(0))).containsEntry("NgayHenTra", "20261211170000");
        assertThat(record(calls.get(2))).containsEntry("NgayHenTra", "20261218170000");
    }

    /** The portal away while three dossiers move / result: the backlog shows it, then drains in order, nothing twice. */
    @Test
    void aPortalDownForAWhileGetsTheWholeBacklogInOrder() {
        portal.mode(SimulatorMode.down());
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestEnvelopes.Builder handoff = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE);
            codes.add(handoff.dossierCode());
            submit(TestGateway.DESK, handoff);
            submit(TestGateway.LAND_OFFICE, TestEnvelopes.handoff().dossier(handoff.dossierCode()).kind("result")
                    .from(TestGateway.LAND_OFFICE).to(TestGateway.DESK).status(9).noStep());
        }
        JsonNode backlog = await().atMost(Duration.ofSeconds(30)).until(this::backlog,
                b -> b.get("pending").asLong() >= 12 && portal.calls().stream().anyMatch(c -> c.httpStatus() == 503));
        assertThat(backlog.get("oldestSince").isNull()).isFalse();
        assertThat(codes).allSatisfy(code -> assertThat(accepted(code)).isEmpty());

        portal.mode(SimulatorMode.NORMAL);
        await().atMost(Duration.ofSeconds(60)).until(() -> codes.stream().allMatch(code -> accepted(code).size() == 4));
        for (String code : codes) {
            List<ReceivedCall> calls = accepted(code);
            assertThat(calls).extracting(ReceivedCall::service)
                    .containsExactly("DongBoHoSoMC", "CapNhatTienDoHoSoMC", "DongBoHoSoMC", "CapNhatTienDoHoSoMC");
            assertThat(((Number) record(calls.get(2)).get("TrangThaiHoSo")).intValue()).isEqualTo(9);
            assertThat(portal.progress(code)).hasSize(2);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog().get("pending").asLong() == 0);
    }

    /** The portal forgets its sessions / result: the gateway authenticates again and the update goes through. */
    @Test
    void anExpiredSessionIsRenewed() {
        TestEnvelopes.Builder first = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE);
        submit(TestGateway.DESK, first);
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(first.dossierCode()).size() == 2);
        long authentications = authentications();

        portal.mode(SimulatorMode.sessionExpired());
        TestEnvelopes.Builder second = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE);
        submit(TestGateway.DESK, second);
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(second.dossierCode()).size() == 2);
        assertThat(authentications()).isGreaterThan(authentications);
        assertThat(portal.calls()).anyMatch(call -> call.errorCode() == 401);
    }

    /** The portal refuses a dossier record / result: a dead letter holding the dossier back, replayed once corrected. */
    @Test
    void aValidationErrorIsADeadLetterReplayedAfterCorrection() {
        portal.mode(SimulatorMode.validationError(1));
        TestEnvelopes.Builder handoff = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE);
        String code = handoff.dossierCode();
        submit(TestGateway.DESK, handoff);

        JsonNode deadLetter = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(code), d -> d != null);
        assertThat(deadLetter.get("service").asString()).isEqualTo("DongBoHoSoMC");
        assertThat(deadLetter.get("lastError").asString()).contains("400");
        assertThat(accepted(code)).as("its progress record waits behind it").isEmpty();
        assertThat(backlog().get("dead").asLong()).isPositive();

        String replayPath = "admin/portal/dead-letters/" + deadLetter.get("id").asLong() + "/replay";
        TestHttp.assertCode(TestHttp.problem(gateway, "POST", replayPath, gateway.operatorToken(DemoProvisioning.DEMO_OPERATOR),
                "application/json", TestHttp.JSON.writeValueAsBytes(Map.of()), 403), "ACCESS_DENIED");
        TestHttp.assertCode(TestHttp.problem(gateway, "POST", replayPath, admin(), "application/json",
                TestHttp.JSON.writeValueAsBytes(Map.of("MaHoSo", code)), 400), "REQUEST_INVALID");
        TestHttp.assertCode(TestHttp.problem(gateway, "DELETE", "admin/portal/dead-letters/999999999", admin(), null, null, 404),
                "PORTAL_DEAD_LETTER_NOT_FOUND");
        assertThat(deadLetterOf(code)).as("refused replays leave it dead").isNotNull();

        Map<String, Object> corrected = TestHttp.JSON.readValue(deadLetter.get("payload").asString(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> record = new HashMap<>(((List<Map<String, Object>>) corrected.get("data")).get(0));
        record.put("GhiChu", "Đã sửa sau khi Cổng từ chối");
        corrected.put("data", List.of(record));
        var replay = TestHttp.send(gateway, "POST", replayPath, admin(), "application/json",
                TestHttp.JSON.writeValueAsBytes(corrected));
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);

        List<ReceivedCall> calls = await().atMost(Duration.ofSeconds(30)).until(() -> accepted(code), c -> c.size() == 2);
        assertThat(calls).extracting(ReceivedCall::service).containsExactly("DongBoHoSoMC", "CapNhatTienDoHoSoMC");
        assertThat(record(calls.get(0))).containsEntry("GhiChu", "Đã sửa sau khi Cổng từ chối");
        assertThat(deadLetterOf(code)).isNull();
    }

    private void submit(String agency, TestEnvelopes.Builder envelope) {
        gateway.client(agency).submit(gateway.sign(agency, envelope.xml()));
    }

    /** The integration calls the portal took for a dossier, in order. */
    private List<ReceivedCall> accepted(String code) {
        return portal.calls().stream()
                .filter(call -> ReceivedCall.INTEGRATION.equals(call.endpoint()) && call.accepted())
                .filter(call -> code.equals(record(call).get("MaHoSo")))
                .toList();
    }

    private long authentications() {
        return portal.calls().stream().filter(call -> ReceivedCall.AUTH.equals(call.endpoint()) && call.accepted()).count();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(ReceivedCall call) {
        return ((List<Map<String, Object>>) call.fields().get("data")).get(0);
    }

    private JsonNode backlog() {
        return TestHttp.JSON.readTree(TestHttp.send(gateway, "GET", "admin/portal/backlog", admin(), null, null).body());
    }

    private JsonNode deadLetterOf(String code) {
        JsonNode listing = TestHttp.JSON.readTree(TestHttp.send(gateway, "GET", "admin/portal/dead-letters", admin(),
                null, null).body());
        for (JsonNode deadLetter : listing.get("deadLetters")) {
            if (deadLetter.get("dossierCode").asString().equals(code)) {
                return deadLetter;
            }
        }
        return null;
    }

    private String admin() {
        return gateway.operatorToken(DemoProvisioning.DEMO_ADMIN);
    }
}
