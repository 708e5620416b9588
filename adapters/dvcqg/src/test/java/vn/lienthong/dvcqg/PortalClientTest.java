package vn.lienthong.dvcqg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static vn.lienthong.dvcqg.PortalRecordsFixture.dossier;
import static vn.lienthong.dvcqg.PortalRecordsFixture.progress;
import static vn.lienthong.dvcqg.PortalRecordsFixture.progressCall;
import static vn.lienthong.dvcqg.PortalRecordsFixture.sync;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.portal.PortalCall;
import vn.lienthong.core.portal.PortalRejectedException;
import vn.lienthong.core.portal.PortalService;
import vn.lienthong.core.portal.PortalUnavailableException;
import vn.lienthong.dvcqg.simulator.PortalSimulator;
import vn.lienthong.dvcqg.simulator.ReceivedCall;
import vn.lienthong.dvcqg.simulator.SimulatorAccount;
import vn.lienthong.dvcqg.simulator.SimulatorMode;

/** The client against the simulator over real HTTP: sessions, headers, and what each failure becomes. */
class PortalClientTest {

    static final SimulatorAccount ACCOUNT = new SimulatorAccount("province-h53", "pw-Xq7-never-logged", "000.00.01.H53");
    static final String CODE = "000.00.01.H53-261127-0001";

    private final PortalSimulator simulator = PortalSimulator.start(PortalSimulator.Settings.of(0, ACCOUNT));

    @AfterEach
    void stop() {
        simulator.close();
    }

    static PortalProperties properties(URI base, String password, Duration callTimeout, List<Integer> sessionExpired) {
        return new PortalProperties(true, base, PortalSimulator.AUTH_PATH, PortalSimulator.INTEGRATION_PATH,
                ACCOUNT.username(), password, ACCOUNT.agencyCode(), Duration.ofSeconds(2), callTimeout, sessionExpired);
    }

    private PortalClient client() {
        return new PortalClient(properties(simulator.baseUri(), ACCOUNT.password(), Duration.ofSeconds(5), List.of(401)));
    }

    @Test
    void authenticatesOnceAndSendsDossierAndProgressWithTheAgencyOnEveryCall() {
        PortalClient client = client();

        client.send(sync(dossier(CODE, 4)));
        client.send(progressCall(progress(CODE, "20261127090000", "Văn phòng Đăng ký đất đai", "Nhận hồ sơ")));

        assertThat(simulator.dossiers()).containsOnlyKeys(CODE);
        assertThat(simulator.dossiers().get(CODE)).containsEntry("TrangThaiHoSo", 4).containsEntry("MaTTHC", "1.004227");
        assertThat(simulator.progress(CODE)).singleElement()
                .satisfies(step -> assertThat(step).containsEntry("PhongBanXuLy", "Văn phòng Đăng ký đất đai"));
        List<ReceivedCall> calls = simulator.calls();
        assertThat(calls).extracting(ReceivedCall::endpoint, ReceivedCall::service, ReceivedCall::errorCode)
                .containsExactly(
                        tuple(ReceivedCall.AUTH, null, 0),
                        tuple(ReceivedCall.INTEGRATION, "DongBoHoSoMC", 0),
                        tuple(ReceivedCall.INTEGRATION, "CapNhatTienDoHoSoMC", 0));
        assertThat(calls).allSatisfy(call -> assertThat(call.dstcode()).isEqualTo(ACCOUNT.agencyCode()));
        assertThat(calls.get(0).fields()).containsEntry("username", ACCOUNT.username()).doesNotContainKey("password");
        assertThat(calls.get(1).fields()).containsEntry("madonvi", ACCOUNT.agencyCode())
                .containsEntry("service", "DongBoHoSoMC").containsEntry("isUpdating", "False");
    }

    @Test
    void looksUpWhatThePortalHolds() {
        PortalClient client = client();
        client.send(sync(dossier(CODE, 4)));

        assertThat(client.lookUp(CODE)).hasValueSatisfying(held -> assertThat(held).containsEntry("MaHoSo", CODE)
                .containsEntry("ChuHoSo", "Trần Thị Bình"));
        assertThat(client.lookUp("000.00.01.H53-261127-9999")).isEmpty();
    }

    @Test
    void anExpiredSessionIsRenewedOnceAndTheCallRepeated() {
        PortalClient client = client();
        client.send(sync(dossier(CODE, 4)));
        simulator.mode(SimulatorMode.sessionExpired());

        client.send(sync(dossier(CODE, 9)));

        assertThat(simulator.calls()).extracting(ReceivedCall::endpoint, ReceivedCall::errorCode).containsExactly(
                tuple(ReceivedCall.AUTH, 0),
                tuple(ReceivedCall.INTEGRATION, 0),
                tuple(ReceivedCall.INTEGRATION, 401),
                tuple(ReceivedCall.AUTH, 0),
                tuple(ReceivedCall.INTEGRATION, 0));
        assertThat(simulator.dossiers().get(CODE)).containsEntry("TrangThaiHoSo", 9);
    }

    @Test
    void manyCallsSeeingOneExpiryRenewTheSharedSessionOnce() throws Exception {
        PortalClient client = client();
        client.send(sync(dossier(CODE, 4)));
        simulator.mode(SimulatorMode.sessionExpired());

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String code = "000.00.01.H53-261127-" + String.format("%04d", i + 2);
                calls.add(threads.submit(() -> client.send(sync(dossier(code, 4)))));
            }
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(simulator.dossiers()).hasSize(17);
        assertThat(simulator.calls()).filteredOn(call -> call.endpoint().equals(ReceivedCall.AUTH)).hasSize(2);
    }

    @Test
    void aSessionErrorRightAfterRenewalIsUnavailableNotALoop() {
        // The simulator's validation code counted as a session error: both tries fail, the client gives up after one renewal.
        PortalClient client = new PortalClient(properties(simulator.baseUri(), ACCOUNT.password(), Duration.ofSeconds(5),
                List.of(401, 400)));
        simulator.mode(SimulatorMode.validationError(0));

        assertThatThrownBy(() -> client.send(sync(dossier(CODE, 4))))
                .isInstanceOf(PortalUnavailableException.class).hasMessageContaining("new session too");
        assertThat(simulator.calls()).extracting(ReceivedCall::endpoint).containsExactly(ReceivedCall.AUTH,
                ReceivedCall.INTEGRATION, ReceivedCall.AUTH, ReceivedCall.INTEGRATION);
    }

    @Test
    void wrongCredentialsAreUnavailable() {
        PortalClient client = new PortalClient(properties(simulator.baseUri(), "not-the-password", Duration.ofSeconds(5),
                List.of(401)));

        assertThatThrownBy(() -> client.send(sync(dossier(CODE, 4))))
                .isInstanceOf(PortalUnavailableException.class).hasMessageContaining("error_code 403")
                .hasMessageNotContaining("not-the-password");
        assertThat(simulator.dossiers()).isEmpty();
    }

    @Test
    void aValidationErrorIsRejectedWithThePortalsCodeAndTheFieldNamed() {
        PortalClient client = client();
        Map<String, Object> withoutApplicant = dossier(CODE, 4);
        withoutApplicant.remove("ChuHoSo");

        assertThatThrownBy(() -> client.send(sync(withoutApplicant)))
                .isInstanceOfSatisfying(PortalRejectedException.class, e -> assertThat(e.errorCode()).isEqualTo(400))
                .hasMessageContaining("DongBoHoSoMC").hasMessageContaining("data[0].ChuHoSo");

        simulator.mode(SimulatorMode.validationError(1));
        assertThatThrownBy(() -> client.send(sync(dossier(CODE, 4))))
                .isInstanceOfSatisfying(PortalRejectedException.class, e -> assertThat(e.errorCode()).isEqualTo(400));
        client.send(sync(dossier(CODE, 4)));
        assertThat(simulator.dossiers()).containsOnlyKeys(CODE);
    }

    @Test
    void aPortalThatIsDownIsUnavailable() {
        PortalClient client = client();
        simulator.mode(SimulatorMode.down());

        assertThatThrownBy(() -> client.send(sync(dossier(CODE, 4))))
                .isInstanceOf(PortalUnavailableException.class).hasMessageContaining("HTTP 503");

        simulator.mode(SimulatorMode.NORMAL);
        client.send(sync(dossier(CODE, 4)));
        assertThat(simulator.dossiers()).containsOnlyKeys(CODE);
    }

    @Test
    void aPortalThatIsNotThereIsUnavailable() {
        URI gone = simulator.baseUri();
        simulator.close();
        PortalClient client = new PortalClient(properties(gone, ACCOUNT.password(), Duration.ofSeconds(5), List.of(401)));

        assertThatThrownBy(() -> client.send(sync(dossier(CODE, 4))))
                .isInstanceOf(PortalUnavailableException.class).hasMessageContaining("unreachable");
    }

    @Test
    void aPortalSlowerThanTheCallTimeoutIsUnavailable() {
        PortalClient client = new PortalClient(properties(simulator.baseUri(), ACCOUNT.password(),
                Duration.ofMillis(300), List.of(401)));
        client.send(sync(dossier(CODE, 4)));
        simulator.mode(SimulatorMode.slow(Duration.ofSeconds(3)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.send(sync(dossier(CODE, 9))))
                .isInstanceOf(PortalUnavailableException.class).hasMessageContaining("no answer");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void repeatedCallsLeaveOneDossierAndOneStep() {
        PortalClient client = client();
        Map<String, Object> step = progress(CODE, "20261127090000", "Văn phòng Đăng ký đất đai", "Nhận hồ sơ");

        client.send(sync(dossier(CODE, 4)));
        client.send(sync(dossier(CODE, 4)));
        client.send(progressCall(step));
        client.send(progressCall(step));
        client.send(progressCall(progress(CODE, "20261128100000", "Sở Tài chính", "Nhận hồ sơ")));

        assertThat(simulator.dossiers()).hasSize(1);
        assertThat(simulator.progress(CODE)).extracting(record -> record.get("PhongBanXuLy"))
                .containsExactly("Văn phòng Đăng ký đất đai", "Sở Tài chính");
        assertThat(simulator.state()).extractingByKey("counts").asInstanceOf(
                InstanceOfAssertFactories.MAP).containsEntry("repeatsAbsorbed", 2L);
    }

    @Test
    void aCallMayNotSetTheFieldsTheClientOwns() {
        PortalClient client = client();

        assertThatThrownBy(() -> client.send(new PortalCall(
                PortalService.DONG_BO_HO_SO, Map.of("madonvi", "000.00.99.H53"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("madonvi");
    }

    @Test
    void anEnabledPortalNeedsItsSettings() {
        PortalProperties missing = new PortalProperties(true, simulator.baseUri(), "/api/auth", "/api/integration",
                ACCOUNT.username(), null, ACCOUNT.agencyCode(), Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(401));

        assertThatThrownBy(() -> new PortalClient(missing)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lienthong.portal.password");
    }
}
