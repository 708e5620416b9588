package vn.lienthong.dvcqg.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator as a portal client sees it, over raw HTTP and JSON: what it accepts, what it
 * refuses with which {@code error_code} and which field named, and its control endpoints.
 */
class PortalSimulatorTest {

    static final SimulatorAccount ACCOUNT = new SimulatorAccount("province-h53", "simulator-test-pw", "000.00.01.H53");
    static final String CODE = "000.00.01.H53-261127-0001";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final PortalSimulator simulator = PortalSimulator.start(PortalSimulator.Settings.of(0, ACCOUNT));
    private String session = "";

    @BeforeEach
    void authenticate() {
        Map<String, Object> answer = post(PortalSimulator.AUTH_PATH, ACCOUNT.agencyCode(),
                Map.of("username", ACCOUNT.username(), "password", ACCOUNT.password()));
        assertThat(answer).containsEntry("error_code", 0);
        session = (String) answer.get("session");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    static Map<String, Object> dossier() {
        Map<String, Object> dossier = new LinkedHashMap<>();
        dossier.put("MaHoSo", CODE);
        dossier.put("MaTTHC", "1.004227");
        dossier.put("TenTTHC", "Đăng ký biến động quyền sử dụng đất");
        dossier.put("ChuHoSo", "Trần Thị Bình");
        dossier.put("NgayTiepNhan", "20261127083000");
        dossier.put("NgayHenTra", "20261211170000");
        dossier.put("TrangThaiHoSo", 4);
        return dossier;
    }

    static Map<String, Object> step() {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("MaHoSo", CODE);
        step.put("NguoiXuLy", "Nguyễn Văn An");
        step.put("ThoiDiemXuLy", "20261127090000");
        step.put("PhongBanXuLy", "Văn phòng Đăng ký đất đai");
        step.put("NoiDungXuLy", "Nhận hồ sơ");
        return step;
    }

    @Test
    void takesAValidDossierAndItsProgress() {
        assertThat(sync(dossier())).containsEntry("error_code", 0);
        assertThat(progress(step())).containsEntry("error_code", 0);

        assertThat(simulator.dossiers()).containsOnlyKeys(CODE);
        assertThat(simulator.progress(CODE)).hasSize(1);
    }

    static Stream<String> dossierRequired() {
        return Stream.of("MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo");
    }

    @ParameterizedTest
    @MethodSource("dossierRequired")
    void refusesADossierWithoutARequiredField(String field) {
        Map<String, Object> dossier = dossier();
        dossier.remove(field);

        assertRefused(sync(dossier), 400, "data[0]." + field + ": required");
        assertThat(simulator.dossiers()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "PhongBanXuLy", "NoiDungXuLy"})
    void refusesAProgressRecordWithoutARequiredField(String field) {
        sync(dossier());
        Map<String, Object> step = step();
        step.put(field, " ");

        assertRefused(progress(step), 400, "data[0]." + field + ": required");
        assertThat(simulator.progress(CODE)).isEmpty();
    }

    static Stream<Arguments> badTimes() {
        return Stream.of("2026112708300", "202611270830000", "20261127 83000", "2026-11-27T08:30", "20260230083000",
                "20261127250000", "20261127086000", "20261327083000").flatMap(value -> Stream.of(
                        Arguments.of("NgayTiepNhan", value), Arguments.of("NgayHenTra", value),
                        Arguments.of("NgayTra", value), Arguments.of("NgayKetThucXuLy", value)));
    }

    @ParameterizedTest
    @MethodSource("badTimes")
    void refusesADossierTimeThatIsNotARealYyyyMMddHHmmss(String field, String value) {
        Map<String, Object> dossier = dossier();
        dossier.put(field, value);

        assertRefused(sync(dossier), 400, "data[0]." + field + ": '" + value + "' is not a date and time as yyyyMMddHHmmss");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ThoiDiemXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh"})
    void refusesAProgressTimeThatIsNotARealYyyyMMddHHmmss(String field) {
        sync(dossier());
        Map<String, Object> step = step();
        step.put(field, "20261131090000");

        assertRefused(progress(step), 400, "data[0]." + field + ": '20261131090000' is not a date");
    }

    @Test
    void takesALeapDayAndOptionalTimesLeftEmpty() {
        Map<String, Object> dossier = dossier();
        dossier.put("NgayTiepNhan", "20280229235959");
        dossier.put("NgayTra", "");

        assertThat(sync(dossier)).containsEntry("error_code", 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "11", "x", "-1"})
    void refusesAStatusOutsideOneToTen(String status) {
        Map<String, Object> dossier = dossier();
        dossier.put("TrangThaiHoSo", status);

        assertRefused(sync(dossier), 400, "data[0].TrangThaiHoSo: must be a status from 1 to 10");
    }

    @Test
    void takesTheStatusAsANumberOrItsDigits() {
        Map<String, Object> dossier = dossier();
        dossier.put("TrangThaiHoSo", "10");

        assertThat(sync(dossier)).containsEntry("error_code", 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false", "1", ""})
    void refusesIsUpdatingOtherThanTrueOrFalse(String updating) {
        assertRefused(integration(Map.of("service", "DongBoHoSoMC", "isUpdating", updating, "data", List.of(dossier()))),
                400, "isUpdating: must be \"True\" or \"False\"");
    }

    @Test
    void refusesAnEmptyOrMissingDataList() {
        assertRefused(integration(Map.of("service", "DongBoHoSoMC", "isUpdating", "False", "data", List.of())),
                400, "data: must be a non-empty list");
        assertRefused(integration(Map.of("service", "CapNhatTienDoHoSoMC")), 400, "data: must be a non-empty list");
        assertRefused(integration(Map.of("service", "CapNhatTienDoHoSoMC", "data", List.of("text"))), 400,
                "data[0]: must be an object");
    }

    @Test
    void refusesProgressOfADossierItDoesNotHold() {
        assertRefused(progress(step()), 400, "data[0].MaHoSo: dossier " + CODE + " is not on the portal");
    }

    @Test
    void refusesAnotherAgencyInTheHeaderOrTheBody() {
        Map<String, Object> body = syncBody(dossier());
        body.put("session", session);
        body.put("madonvi", ACCOUNT.agencyCode());
        assertRefused(post(PortalSimulator.INTEGRATION_PATH, "000.00.99.H53", body), 403, "dstcode:");
        body.put("madonvi", "000.00.99.H53");
        assertRefused(post(PortalSimulator.INTEGRATION_PATH, ACCOUNT.agencyCode(), body), 403, "madonvi:");
        assertThat(simulator.dossiers()).isEmpty();
    }

    @Test
    void refusesWrongCredentialsAndUnknownSessions() {
        assertRefused(post(PortalSimulator.AUTH_PATH, ACCOUNT.agencyCode(),
                Map.of("username", ACCOUNT.username(), "password", "guess")), 403, "not accepted");
        assertRefused(post(PortalSimulator.AUTH_PATH, "000.00.99.H53",
                Map.of("username", ACCOUNT.username(), "password", ACCOUNT.password())), 403, "not accepted");
        session = "made-up";
        assertRefused(sync(dossier()), 401, "session:");
    }

    @Test
    void refusesAServiceItDoesNotOffer() {
        assertRefused(integration(Map.of("service", "LayThuTuc")), 404, "service: 'LayThuTuc'");
        assertRefused(integration(Map.of("MaHoSo", CODE)), 400, "service: required");
        assertRefused(integration(Map.of("service", "TraCuuHoSo")), 400, "MaHoSo: required");
    }

    @Test
    void answersALookUpWithTheDossierAndItsSteps() {
        sync(dossier());
        progress(step());

        Map<String, Object> found = integration(Map.of("service", "TraCuuHoSo", "MaHoSo", CODE));
        assertThat(found).containsEntry("error_code", 0).containsKey("data");
        assertThat(map(found.get("data"))).containsEntry("ChuHoSo", "Trần Thị Bình");
        assertThat((List<?>) found.get("progress")).hasSize(1);
        assertThat(integration(Map.of("service", "TraCuuHoSo", "MaHoSo", "nothing"))).containsEntry("error_code", 0)
                .containsEntry("data", null);
    }

    @Test
    void aRepeatedDossierOrStepReplacesTheOneHeld() {
        sync(dossier());
        Map<String, Object> processed = dossier();
        processed.put("TrangThaiHoSo", 9);
        sync(processed);
        progress(step());
        Map<String, Object> sameStep = step();
        sameStep.put("NguoiXuLy", "Lê Văn Cường");
        progress(sameStep);
        Map<String, Object> otherStep = step();
        otherStep.put("NoiDungXuLy", "Chuyển hồ sơ");
        progress(otherStep);

        assertThat(simulator.dossiers().get(CODE)).containsEntry("TrangThaiHoSo", 9);
        assertThat(simulator.progress(CODE)).extracting(record -> record.get("NguoiXuLy"))
                .containsExactly("Lê Văn Cường", "Nguyễn Văn An");
    }

    @Test
    void isToldToFailThroughItsModeEndpointAndShowsItsState() {
        assertThat(control("{\"mode\":\"validation-error\",\"times\":1}")).containsEntry("mode", "validation-error");
        assertRefused(sync(dossier()), 400, "validation-error mode");
        assertThat(sync(dossier())).containsEntry("error_code", 0);

        control("{\"mode\":\"down\",\"times\":1}");
        assertThat(status(PortalSimulator.INTEGRATION_PATH, syncBody(dossier()))).isEqualTo(503);
        assertThat(sync(dossier())).containsEntry("error_code", 0);

        control("{\"mode\":\"session-expired\"}");
        assertRefused(sync(dossier()), 401, "session:");

        authenticate();
        control("{\"mode\":\"slow\",\"slowMillis\":300,\"times\":1}");
        long started = System.nanoTime();
        assertThat(sync(dossier())).containsEntry("error_code", 0);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));

        Map<String, Object> state = get(PortalSimulator.STATE_PATH);
        assertThat(state).containsKeys("mode", "counts", "dossiers", "progress", "calls");
        assertThat(map(state.get("dossiers"))).containsOnlyKeys(CODE);
        assertThat(map(state.get("counts"))).containsEntry("dossiers", 1).containsEntry("authentications", 2);
        assertThat((List<?>) state.get("calls")).first().asInstanceOf(
                InstanceOfAssertFactories.MAP).containsEntry("endpoint", "auth")
                .containsEntry("sequence", 1);
        assertThat(JSON.writeValueAsString(state)).doesNotContain(ACCOUNT.password()).doesNotContain(session);

        assertThat(control("{\"mode\":\"sideways\"}")).containsKey("message");
    }

    @Test
    void takesItsSettingsFromTheCommandLine() {
        PortalSimulator.Settings settings = SimulatorMain.settings(new String[] {"--port", "0", "--username", "u",
                "--password", "p", "--agency-code", "000.00.02.H53", "--session-minutes", "5"});

        assertThat(settings.port()).isZero();
        assertThat(settings.accounts()).containsExactly(new SimulatorAccount("u", "p", "000.00.02.H53"));
        assertThat(settings.sessionLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(SimulatorMain.settings(new String[0]).accounts()).containsExactly(SimulatorAccount.DEMO);
    }

    private static void assertRefused(Map<String, Object> answer, int code, String message) {
        assertThat(answer).containsEntry("error_code", code);
        assertThat((String) answer.get("message")).contains(message);
    }

    private Map<String, Object> sync(Map<String, Object> dossier) {
        return integration(syncBody(dossier));
    }

    private static Map<String, Object> syncBody(Map<String, Object> dossier) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", "DongBoHoSoMC");
        body.put("isUpdating", "False");
        body.put("data", List.of(dossier));
        return body;
    }

    private Map<String, Object> progress(Map<String, Object> step) {
        return integration(Map.of("service", "CapNhatTienDoHoSoMC", "data", List.of(step)));
    }

    private Map<String, Object> integration(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("session", session);
        body.put("madonvi", ACCOUNT.agencyCode());
        return post(PortalSimulator.INTEGRATION_PATH, ACCOUNT.agencyCode(), body);
    }

    private Map<String, Object> control(String json) {
        return read(send(HttpRequest.newBuilder(uri(PortalSimulator.MODE_PATH))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build()).body());
    }

    private Map<String, Object> get(String path) {
        return read(send(HttpRequest.newBuilder(uri(path)).GET().build()).body());
    }

    private int status(String path, Map<String, Object> body) {
        return send(HttpRequest.newBuilder(uri(path)).header("dstcode", ACCOUNT.agencyCode())
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build()).statusCode();
    }

    private Map<String, Object> post(String path, String dstcode, Map<String, Object> body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).header("dstcode", dstcode)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return read(response.body());
    }

    private URI uri(String path) {
        return simulator.baseUri().resolve(path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> read(String json) {
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }
}
