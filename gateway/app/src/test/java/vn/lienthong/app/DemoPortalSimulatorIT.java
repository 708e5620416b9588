package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lienthong.core.portal.NationalPortal;
import vn.lienthong.core.portal.PortalCall;
import vn.lienthong.core.portal.PortalService;
import vn.lienthong.dvcqg.simulator.PortalSimulator;
import vn.lienthong.dvcqg.simulator.SimulatorAccount;

/**
 * The demo gateway starts the portal simulator in its process and its portal client talks to it
 * with the demo account; the simulator shows what it received at its state endpoint.
 */
class DemoPortalSimulatorIT {

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:9/unused"),
                "--lienthong.demo.portal-simulator.enabled=true");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theDemoGatewaySyncsToItsOwnSimulator() throws Exception {
        PortalSimulator simulator = gateway.portalSimulator();
        assertThat(simulator.port()).isNotIn(0, 8095);

        gateway.bean(NationalPortal.class).send(new PortalCall(PortalService.DONG_BO_HO_SO, Map.of("isUpdating", "False",
                "data", List.of(Map.of("MaHoSo", "000.00.01.H53-261127-0001", "MaTTHC", "1.004227",
                        "TenTTHC", "Đăng ký biến động quyền sử dụng đất", "ChuHoSo", "Trần Thị Bình",
                        "NgayTiepNhan", "20261127083000", "NgayHenTra", "20261211170000", "TrangThaiHoSo", 4)))));

        HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                simulator.baseUri().resolve(PortalSimulator.STATE_PATH)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode held = TestHttp.JSON.readTree(state.body());
        assertThat(held.path("dossiers").has("000.00.01.H53-261127-0001")).isTrue();
        assertThat(simulator.calls()).allSatisfy(call -> assertThat(call.dstcode())
                .isEqualTo(SimulatorAccount.DEMO.agencyCode()));
    }
}
