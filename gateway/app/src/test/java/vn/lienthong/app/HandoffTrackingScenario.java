package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.locks.DistributedLock;
import tools.jackson.databind.JsonNode;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.core.calendar.CalendarSource;
import vn.lienthong.core.calendar.WorkingCalendar;
import vn.lienthong.core.tracking.DeadlineReached;
import vn.lienthong.core.tracking.DeadlineWatch;

/**
 * Hand-off tracking end to end, with the gateway's clock in the test's hand: a three-agency
 * land dossier checked row by row, deadlines, supplementation, apology slips, refused
 * transitions, the hand-off listing, the control slip and the evidence bundle. Subclasses run
 * it on H2 and on PostgreSQL.
 *
 * <p>The demo Department of Finance (000.00.05.H53, pull) stands in for the tax office.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HandoffTrackingScenario {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String DESK = TestGateway.DESK;
    static final String LAND_OFFICE = TestGateway.LAND_OFFICE;
    static final String TAX_OFFICE = TestGateway.FINANCE;

    private TestClock clock;
    private PushReceiver receiver;
    TestGateway gateway;
    /** The Monday the scenarios start on: in the future, with three weeks free of holidays. */
    private LocalDate monday;
    private final List<DeadlineReached> deadlines = new CopyOnWriteArrayList<>();

    /** Starts the gateway on the database the subclass tests. */
    abstract TestGateway start(TestClock clock, URI pushEndpoint);

    @BeforeAll
    void startGateway() throws IOException {
        clock = new TestClock(Instant.now());
        receiver = new PushReceiver(0, "/push", delivery -> { });
        gateway = start(clock, URI.create("http://localhost:" + receiver.port() + "/push"));
        gateway.listen((ApplicationListener<PayloadApplicationEvent<DeadlineReached>>) e -> deadlines.add(e.getPayload()));
        monday = quietMonday(gateway.bean(CalendarSource.class).current());
    }

    @AfterAll
    void stopGateway() {
        gateway.close();
        receiver.close();
    }

    /**
     * desk → land office → tax office → land office → desk, with a supplementation on the way
     * and a late tax step; every row, the status history, the dossier's result, the slip.
     */
    @Test
    void threeAgencyDossierRowByRow() {
        String code = newDossierCode();
        at(0, 8, 0);
        String e1 = give(DESK, LAND_OFFICE, envelope(code, "handoff").receivedAt(xml(local(0, 7, 45)))
                .promisedReturnAt(xml(local(11, 17, 0))).step("Thẩm định hồ sơ", 3, "working-days")
                .applicant("Nguyễn Thị Hương", "Số 12, đường Lê Lợi, phường Hưng Bình", "0912345678")
                .note("Hồ sơ đủ thành phần"));
        awaitPushed(code, e1);

        at(1, 10, 0);
        String e2 = give(LAND_OFFICE, DESK, envelope(code, "supplementation-request").noStep()
                .fromOfficer("Lê Văn Cường").note("Thiếu bản sao Giấy chứng nhận quyền sử dụng đất"));
        at(1, 10, 30);
        pull(DESK, e2);

        at(2, 14, 0);
        String e3 = give(DESK, LAND_OFFICE, envelope(code, "supplementation").noStep().note("Công dân đã bổ sung"));
        awaitPushed(code, e3);

        at(3, 9, 0);
        String e4 = give(LAND_OFFICE, TAX_OFFICE, envelope(code, "handoff").fromOfficer("Lê Văn Cường")
                .step("Xác định nghĩa vụ tài chính", 1, "working-days"));
        at(3, 9, 30);
        pull(TAX_OFFICE, e4);
        at(3, 10, 0);
        watch();
        assertThat(row(code, e4).get("deadline").asString()).as("7 working hours left of 8").isEqualTo("DUE_SOON");
        at(4, 9, 5);
        watch();
        assertThat(row(code, e4).get("deadline").asString()).isEqualTo("OVERDUE");
        assertThat(deadlines).anySatisfy(d -> {
            assertThat(d.dossierCode()).isEqualTo(code);
            assertThat(d.scope()).isEqualTo(DeadlineReached.Scope.STEP);
            assertThat(d.agencies()).containsExactly(TAX_OFFICE);
        });

        at(7, 10, 0);
        String e5 = give(TAX_OFFICE, LAND_OFFICE, envelope(code, "result").step("Ký duyệt kết quả", 2, "working-days")
                .note("Đã xác định nghĩa vụ tài chính; chậm do chờ số liệu"));
        awaitPushed(code, e5);

        at(8, 15, 30);
        String e6 = give(LAND_OFFICE, DESK, envelope(code, "result").status(9)
                .step("Trả kết quả cho công dân", 1, "working-days"));
        at(8, 16, 0);
        pull(DESK, e6);

        at(9, 9, 0);
        String e7 = give(DESK, LAND_OFFICE, envelope(code, "status").status(10).noStep());

        JsonNode dossier = gateway.client(DESK).get("dossiers/" + code);
        assertThat(dossier.get("status").asInt()).isEqualTo(10);
        assertThat(dossier.get("result").asString()).isEqualTo("EARLY");
        assertThat(dossier.get("supplementationRequests").asInt()).isEqualTo(1);
        assertThat(dossier.get("paused").asBoolean()).isFalse();
        assertThat(dossier.get("deadline").asString()).isEqualTo("ON_TRACK");
        assertThat(instant(dossier, "promisedReturnAt")).isEqualTo(local(11, 17, 0));
        assertThat(instant(dossier, "dueAt")).as("moved on by the 10.5 working hours of supplementation")
                .isEqualTo(local(15, 10, 0));
        assertThat(instant(dossier, "closedAt")).isEqualTo(local(8, 15, 30));
        assertThat(dossier.get("receptionAgency").get("code").asString()).isEqualTo(DESK);
        assertThat(dossier.get("handlingAgency").get("code").asString()).isEqualTo(LAND_OFFICE);
        assertThat(texts(dossier.get("cooperatingAgencies"), "code")).containsExactly(TAX_OFFICE);
        assertThat(dossier.get("applicant").get("address").asString()).isEqualTo("Số 12, đường Lê Lợi, phường Hưng Bình");
        assertThat(StreamSupport.stream(dossier.get("statusHistory").spliterator(), false)
                .map(s -> s.get("status").asInt() + "@" + Instant.parse(s.get("at").asString()))
                .toList()).containsExactly(
                        "4@" + local(0, 8, 0), "5@" + local(1, 10, 0), "4@" + local(2, 14, 0),
                        "9@" + local(8, 15, 30), "10@" + local(9, 9, 0));

        JsonNode rows = dossier.get("handoffs");
        assertThat(rows).hasSize(6);
        expectRow(rows.get(0), e1, DESK, LAND_OFFICE, "handoff", local(0, 8, 0), local(0, 8, 0), local(0, 8, 0),
                local(4, 10, 30), local(3, 9, 0), "EARLY");
        expectRow(rows.get(1), e2, LAND_OFFICE, DESK, "supplementation-request", local(1, 10, 0), local(1, 10, 30),
                local(1, 10, 0), null, local(2, 14, 0), null);
        expectRow(rows.get(2), e3, DESK, LAND_OFFICE, "supplementation", local(2, 14, 0), local(2, 14, 0),
                local(2, 14, 0), null, local(3, 9, 0), null);
        expectRow(rows.get(3), e4, LAND_OFFICE, TAX_OFFICE, "handoff", local(3, 9, 0), local(3, 9, 30), local(3, 9, 0),
                local(4, 9, 0), local(7, 10, 0), "LATE");
        expectRow(rows.get(4), e5, TAX_OFFICE, LAND_OFFICE, "result", local(7, 10, 0), local(7, 10, 0),
                local(7, 10, 0), local(9, 10, 0), local(8, 15, 30), "EARLY");
        expectRow(rows.get(5), e6, LAND_OFFICE, DESK, "result", local(8, 15, 30), local(8, 16, 0),
                local(9, 7, 30), local(9, 17, 0), local(9, 9, 0), "ON_TIME");
        assertThat(rows.get(0).get("note").asString()).isEqualTo("Hồ sơ đủ thành phần");
        assertThat(rows.get(0).get("allowedTime").get("unit").asString()).isEqualTo("working-days");
        assertThat(rows.get(3).get("giverOfficer").asString()).isEqualTo("Lê Văn Cường");
        assertThat(rows.get(3).get("deadline").asString()).isEqualTo("OVERDUE");

        refusedAfterReturn(code, e7);
        controlSlip(code);
        evidence(code);
    }

    /** A returned dossier takes no more hand-offs, and the refused envelope leaves no trace. */
    private void refusedAfterReturn(String code, String lastAccepted) {
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.client(DESK).get("envelopes/" + lastAccepted)
                .get("recipients").get(0).get("state").asString().equals("DELIVERED"));
        at(9, 9, 30);
        int ledger = ledgerLength(code);
        TestEnvelopes.Builder late = envelope(code, "handoff").from(LAND_OFFICE).to(TAX_OFFICE);
        HttpResponse<String> refused = TestHttp.submit(gateway, LAND_OFFICE, gateway.sign(LAND_OFFICE, late.xml()));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode problem = TestHttp.JSON.readTree(refused.body());
        TestHttp.assertCode(problem, "DOSSIER_TRANSITION_NOT_ALLOWED");
        assertThat(problem.get("currentStatus").asInt()).isEqualTo(10);
        assertThat(problem.get("requestedStatus").asInt()).isEqualTo(4);
        assertThat(gateway.jdbc().sql("SELECT COUNT(*) FROM envelope WHERE id = ?").param(late.id()).query(Long.class)
                .single()).isZero();
        assertThat(gateway.jdbc().sql("SELECT COUNT(*) FROM delivery WHERE envelope_id = ?").param(late.id())
                .query(Long.class).single()).isZero();
        assertThat(ledgerLength(code)).isEqualTo(ledger);
        assertThat(gateway.client(DESK).get("dossiers/" + code).get("handoffs")).hasSize(6);
    }

    private void controlSlip(String code) {
        HttpResponse<byte[]> html = TestHttp.download(gateway, "dossiers/" + code + "/control-slip", gateway.token(DESK),
                "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        ControlSlipTable slip = ControlSlipTable.parse(html.body());
        assertThat(slip.text()).contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", code, "Nguyễn Thị Hương",
                "Đăng ký biến động đất đai");
        List<String> results = new ArrayList<>();
        for (List<String> row : slip.rows()) {
            results.add(row.get(2));
        }
        assertThat(slip.rows()).hasSize(6);
        assertThat(slip.rows().get(0).get(0)).contains("Giao", "Trung tâm Phục vụ hành chính công tỉnh (demo)", "Nhận",
                "Văn phòng Đăng ký đất đai (demo)");
        assertThat(slip.rows().get(0).get(1)).contains("08 giờ 00 phút, ngày " + dayMonthYear(0));
        assertThat(slip.rows().get(3).get(0)).contains("Sở Tài chính (demo)");
        assertThat(slip.rows().get(3).get(3)).contains("Xác định nghĩa vụ tài chính");
        assertThat(results.get(0)).contains("Trước hạn");
        assertThat(results.get(1)).doesNotContain("hạn");
        assertThat(results.get(3)).contains("Quá hạn");
        assertThat(results.get(4)).contains("Trước hạn");
        assertThat(results.get(5)).contains("Đúng hạn");

        HttpResponse<byte[]> pdf = TestHttp.download(gateway, "dossiers/" + code + "/control-slip", gateway.token(DESK),
                "application/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(ControlSlipTable.pdfText(pdf.body())).contains("Nguyễn Thị Hương", "Quá hạn", "Đúng hạn");
    }

    private void evidence(String code) {
        HttpResponse<byte[]> bundle = TestHttp.download(gateway, "dossiers/" + code + "/evidence",
                gateway.token(TAX_OFFICE), "application/zip");
        assertThat(bundle.statusCode()).isEqualTo(200);
        EvidenceCheck.assertValid(bundle.body(), gateway.gatewayCertificate(), code);
        EvidenceCheck.assertTamperingDetected(bundle.body(), gateway.gatewayCertificate());
    }

    /** Overdue dossier: the watch marks it, the holder owes an apology slip, and the new date settles it. */
    @Test
    void overdueDossierOwesAnApologyUntilANewDateIsSent() {
        String code = newDossierCode();
        at(0, 9, 0);
        String e1 = give(DESK, LAND_OFFICE, envelope(code, "handoff").promisedReturnAt(xml(local(2, 17, 0)))
                .step("Thẩm định hồ sơ", 1, "working-days"));
        awaitPushed(code, e1);

        at(2, 16, 0);
        watch();
        JsonNode dossier = gateway.client(DESK).get("dossiers/" + code);
        assertThat(dossier.get("deadline").asString()).isEqualTo("DUE_SOON");
        assertThat(dossier.get("handoffs").get(0).get("deadline").asString()).isEqualTo("OVERDUE");
        assertThat(dossier.get("apologies")).isEmpty();

        at(3, 8, 0);
        watch();
        dossier = gateway.client(DESK).get("dossiers/" + code);
        assertThat(dossier.get("deadline").asString()).isEqualTo("OVERDUE");
        JsonNode apology = dossier.get("apologies").get(0);
        assertThat(apology.get("agency").get("code").asString()).isEqualTo(LAND_OFFICE);
        assertThat(instant(apology, "owedAt")).isEqualTo(local(3, 8, 0));
        assertThat(apology.get("issuedAt").isNull()).isTrue();
        assertThat(deadlines).anySatisfy(d -> {
            assertThat(d.dossierCode()).isEqualTo(code);
            assertThat(d.scope()).isEqualTo(DeadlineReached.Scope.DOSSIER);
            assertThat(d.state().name()).isEqualTo("OVERDUE");
            assertThat(d.agencies()).containsExactly(LAND_OFFICE);
        });
        assertThat(TestHttp.sendActuator(gateway, "prometheus"))
                .contains("lienthong_overdue_dossiers").contains("lienthong_deadline_marks_total");
        int ledger = ledgerLength(code);
        watch();
        assertThat(ledgerLength(code)).as("an overdue mark is made once").isEqualTo(ledger);

        at(3, 9, 0);
        give(LAND_OFFICE, DESK, envelope(code, "status").status(4).noStep().promisedReturnAt(xml(local(7, 17, 0)))
                .note("Xin lỗi: cần xác minh thêm; hẹn lại ngày trả kết quả"));
        dossier = gateway.client(DESK).get("dossiers/" + code);
        apology = dossier.get("apologies").get(0);
        assertThat(instant(apology, "issuedAt")).isEqualTo(local(3, 9, 0));
        assertThat(instant(apology, "newReturnAt")).isEqualTo(local(7, 17, 0));
        assertThat(instant(dossier, "rescheduledReturnAt")).isEqualTo(local(7, 17, 0));
        assertThat(instant(dossier, "dueAt")).as("still judged against the first promise").isEqualTo(local(2, 17, 0));
        assertThat(dossier.get("deadline").asString()).isEqualTo("OVERDUE");
    }

    /** A second request for papers makes the dossier late at once, and its result late at the end. */
    @Test
    void secondSupplementationRequestMakesTheDossierLate() {
        String code = newDossierCode();
        at(0, 9, 0);
        awaitPushed(code, give(DESK, LAND_OFFICE, envelope(code, "handoff").promisedReturnAt(xml(local(14, 17, 0)))));
        at(0, 10, 0);
        give(LAND_OFFICE, DESK, envelope(code, "supplementation-request").noStep());
        at(1, 9, 0);
        awaitPushed(code, give(DESK, LAND_OFFICE, envelope(code, "supplementation").noStep()));
        at(1, 10, 0);
        give(LAND_OFFICE, DESK, envelope(code, "supplementation-request").noStep().note("Thiếu trích đo địa chính"));

        JsonNode dossier = gateway.client(DESK).get("dossiers/" + code);
        assertThat(dossier.get("supplementationRequests").asInt()).isEqualTo(2);
        assertThat(dossier.get("paused").asBoolean()).isTrue();
        assertThat(dossier.get("apologies").get(0).get("agency").get("code").asString()).isEqualTo(LAND_OFFICE);
        assertThat(dossier.get("apologies").get(0).get("reason").asString()).contains("second supplementation");

        at(2, 9, 0);
        awaitPushed(code, give(DESK, LAND_OFFICE, envelope(code, "supplementation").noStep()));
        watch();
        assertThat(gateway.client(DESK).get("dossiers/" + code).get("deadline").asString())
                .as("late whatever the dates say").isEqualTo("OVERDUE");
        at(2, 10, 0);
        give(LAND_OFFICE, DESK, envelope(code, "result").status(9).noStep());
        assertThat(gateway.client(DESK).get("dossiers/" + code).get("result").asString()).isEqualTo("LATE");
    }

    /** Refusals that are the sender's fault: a status envelope without status, a kind and status that disagree. */
    @Test
    void statusEnvelopesMustSayAConsistentStatus() {
        String code = newDossierCode();
        at(0, 9, 0);
        give(DESK, LAND_OFFICE, envelope(code, "handoff"));
        HttpResponse<String> missing = TestHttp.submit(gateway, LAND_OFFICE,
                gateway.sign(LAND_OFFICE, envelope(code, "status").from(LAND_OFFICE).to(DESK).noStep().xml()));
        assertThat(missing.statusCode()).isEqualTo(422);
        TestHttp.assertCode(TestHttp.JSON.readTree(missing.body()), "DOSSIER_STATUS_MISSING");
        HttpResponse<String> conflict = TestHttp.submit(gateway, LAND_OFFICE, gateway.sign(LAND_OFFICE,
                envelope(code, "supplementation-request").from(LAND_OFFICE).to(DESK).status(9).noStep().xml()));
        assertThat(conflict.statusCode()).isEqualTo(422);
        TestHttp.assertCode(TestHttp.JSON.readTree(conflict.body()), "DOSSIER_STATUS_CONFLICT");
        assertThat(gateway.client(DESK).get("dossiers/" + code).get("status").asInt()).isEqualTo(4);
    }

    /** Filters, paging, and what an agency that took no part sees. */
    @Test
    void handoffListingFiltersPagesAndHidesOthersDossiers() {
        String code = newDossierCode();
        at(0, 8, 0);
        awaitPushed(code, give(DESK, LAND_OFFICE, envelope(code, "handoff").step("Thẩm định", 1, "working-hours")));
        at(0, 11, 0);
        String toTax = give(LAND_OFFICE, TAX_OFFICE, envelope(code, "handoff").step("Xác định nghĩa vụ", 2,
                "working-days"));
        at(1, 8, 0);
        give(TAX_OFFICE, LAND_OFFICE, envelope(code, "result").noStep());
        String operator = gateway.operatorToken(DemoProvisioning.DEMO_OPERATOR);

        JsonNode all = list(operator, "dossier=" + code);
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(texts(all.get("items"), "envelopeId").get(1)).as("newest first").isEqualTo(toTax);
        assertThat(list(operator, "dossier=" + code + "&result=LATE").get("total").asLong()).isEqualTo(1);
        assertThat(list(operator, "dossier=" + code + "&overdue=true").get("total").asLong()).isEqualTo(1);
        assertThat(list(operator, "dossier=" + code + "&overdue=false").get("total").asLong()).isEqualTo(2);
        assertThat(list(operator, "dossier=" + code + "&state=DONE").get("total").asLong()).isEqualTo(2);
        assertThat(list(operator, "dossier=" + code + "&agency=" + TAX_OFFICE).get("total").asLong()).isEqualTo(2);
        assertThat(list(operator, "dossier=" + code + "&from=" + xml(local(0, 10, 0)).replace("+", "%2B"))
                .get("total").asLong()).isEqualTo(2);
        JsonNode page = list(operator, "dossier=" + code + "&size=2&page=1");
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(list(gateway.token(TAX_OFFICE), "dossier=" + code).get("total").asLong()).isEqualTo(3);

        TestAgencies.Registered outsider = TestAgencies.pullAgency(gateway,
                vn.lienthong.signature.DemoCertificateAuthority.KeyType.RSA_2048);
        assertThat(list(outsider.token(), "dossier=" + code).get("total").asLong()).isZero();
        TestHttp.assertCode(TestHttp.problem(gateway, "GET", "dossiers/" + code, outsider.token(), null, null, 404),
                "DOSSIER_NOT_FOUND");
        TestHttp.assertCode(TestHttp.problem(gateway, "GET", "dossiers/" + code + "/evidence", outsider.token(), null,
                null, 404), "DOSSIER_NOT_FOUND");
        for (String bad : List.of("state=FOO", "size=0", "size=501", "page=-1", "overdue=yes", "from=yesterday",
                "result=SOON", "page=x")) {
            TestHttp.assertCode(TestHttp.problem(gateway, "GET", "handoffs?" + bad, operator, null, null, 400),
                    "REQUEST_INVALID");
        }
    }

    /** Another instance holding the watch's lock keeps this one from scanning at the same time. */
    @Test
    void onlyOneInstanceWatchesAtATime() throws InterruptedException {
        DefaultLockRepository otherInstance = new DefaultLockRepository(gateway.bean(javax.sql.DataSource.class));
        otherInstance.setTransactionManager(gateway.bean(
                org.springframework.transaction.PlatformTransactionManager.class));
        otherInstance.afterPropertiesSet();
        otherInstance.afterSingletonsInstantiated();
        DistributedLock held = new JdbcLockRegistry(otherInstance).obtain("deadline-watch");
        assertThat(held.tryLock(Duration.ZERO, Duration.ofMinutes(1))).isTrue();
        try {
            assertThat(gateway.bean(DeadlineWatch.class).run().ran()).isFalse();
        } finally {
            held.unlock();
        }
        assertThat(gateway.bean(DeadlineWatch.class).run().ran()).isTrue();
    }

    // --- the scenario's vocabulary

    private TestEnvelopes.Builder envelope(String code, String kind) {
        return TestEnvelopes.handoff().dossier(code).kind(kind).createdAt(xml(clock.instant()));
    }

    /** Signs and submits as {@code from} to {@code to}; returns the envelope id. */
    private String give(String from, String to, TestEnvelopes.Builder envelope) {
        envelope.from(from).to(to);
        gateway.client(from).submit(gateway.sign(from, envelope.xml()));
        return envelope.id();
    }

    /** Takes the envelope from the agency's inbox once delivery has put it there. */
    private void pull(String agency, String envelopeId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.client(agency).inbox(500).stream()
                .anyMatch(item -> item.envelopeId().equals(envelopeId)));
        gateway.client(agency).acknowledge(envelopeId);
    }

    /** Push deliveries happen on the broker's threads; the test clock stands still meanwhile. */
    private void awaitPushed(String code, String envelopeId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !row(code, envelopeId).get("takenAt").isNull());
    }

    private JsonNode row(String code, String envelopeId) {
        for (JsonNode row : gateway.client(DESK).get("dossiers/" + code).get("handoffs")) {
            if (row.get("envelopeId").asString().equals(envelopeId)) {
                return row;
            }
        }
        throw new AssertionError("no hand-off row for " + envelopeId);
    }

    private JsonNode list(String token, String query) {
        HttpResponse<String> response = TestHttp.send(gateway, "GET", "handoffs?" + query, token, null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestHttp.JSON.readTree(response.body());
    }

    private void watch() {
        assertThat(gateway.bean(DeadlineWatch.class).run().ran()).isTrue();
    }

    private int ledgerLength(String code) {
        return gateway.jdbc().sql("SELECT COUNT(*) FROM ledger_entry WHERE dossier_code = ?").param(code)
                .query(Long.class).single().intValue();
    }

    private static void expectRow(JsonNode row, String envelopeId, String giver, String taker, String kind,
                                  Instant givenAt, Instant takenAt, Instant startedAt, Instant dueAt,
                                  Instant completedAt, String result) {
        assertThat(row.get("envelopeId").asString()).isEqualTo(envelopeId);
        assertThat(row.get("giver").get("code").asString()).isEqualTo(giver);
        assertThat(row.get("taker").get("code").asString()).isEqualTo(taker);
        assertThat(row.get("kind").asString()).isEqualTo(kind);
        assertThat(instant(row, "givenAt")).as("givenAt of " + kind).isEqualTo(givenAt);
        assertThat(instant(row, "takenAt")).as("takenAt of " + kind).isEqualTo(takenAt);
        assertThat(instant(row, "startedAt")).as("startedAt of " + kind).isEqualTo(startedAt);
        assertThat(instant(row, "dueAt")).as("dueAt of " + kind).isEqualTo(dueAt);
        assertThat(instant(row, "completedAt")).as("completedAt of " + kind).isEqualTo(completedAt);
        assertThat(row.get("state").asString()).isEqualTo("DONE");
        assertThat(row.get("result").isNull() ? null : row.get("result").asString()).as("result of " + kind)
                .isEqualTo(result);
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : Instant.parse(value.asString());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.get(field).asString()));
        return texts;
    }

    /** Sets the test clock to day {@code day} (0 = the scenario's Monday) at the given Vietnamese time. */
    private void at(int day, int hour, int minute) {
        clock.set(local(day, hour, minute));
    }

    private Instant local(int day, int hour, int minute) {
        return monday.plusDays(day).atTime(LocalTime.of(hour, minute)).atZone(VIETNAM).toInstant();
    }

    private static String xml(Instant instant) {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").format(instant.atZone(VIETNAM));
    }

    private String dayMonthYear(int day) {
        LocalDate date = monday.plusDays(day);
        return String.format("%02d tháng %02d năm %d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
    }

    private String newDossierCode() {
        return TestEnvelopes.handoff().dossierCode();
    }

    /** The first Monday at least a week ahead whose three weeks have every weekday working. */
    private static LocalDate quietMonday(WorkingCalendar calendar) {
        LocalDate monday = LocalDate.now(VIETNAM).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        while (true) {
            LocalDate candidate = monday;
            boolean quiet = java.util.stream.IntStream.range(0, 21).mapToObj(candidate::plusDays)
                    .allMatch(d -> d.getDayOfWeek().getValue() >= 6 || calendar.isWorkingDay(d));
            if (quiet) {
                return monday;
            }
            monday = monday.plusWeeks(1);
        }
    }
}
