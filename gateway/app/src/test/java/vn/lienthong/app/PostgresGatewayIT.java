package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.client.ReceiptVerification;

/**
 * The gateway's main flows on a real PostgreSQL server rather than H2: submission with its
 * signed receipt, push and pull delivery, the dossier timeline, retries and dead letters,
 * per-dossier order, an envelope large enough to be spooled and read back in slices, and a restart on the same
 * database.
 */
class PostgresGatewayIT {

    private static final Map<String, Object> QUICK_RETRIES = Map.of("maxAttempts", 3, "initialDelay", "50ms",
            "multiplier", 1.0, "maxDelay", "50ms");

    private static PushReceiver landOffice;
    private static TestGateway gateway;
    private final List<PushReceiver> receivers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        landOffice = new PushReceiver(0, "/push", delivery -> { });
        gateway = TestGateway.startOnPostgres(TestGateway.newDataDir(), endpoint(landOffice),
                "--lienthong.delivery.circuit-breaker.window=1000",
                "--lienthong.delivery.circuit-breaker.minimum-pushes=1000");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        landOffice.close();
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(PushReceiver::close);
    }

    /** Starts the gateway on PostgreSQL / result: its database is PostgreSQL, and no H2 database was made. */
    @Test
    void gatewayRunsOnPostgres() {
        assertThat(gateway.databaseUrl()).startsWith("jdbc:postgresql://localhost:");
        assertThat(gateway.jdbc().sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
        assertThat(gateway.dataDir().resolve("db")).doesNotExist();
    }

    /** Sends a hand-off to the land office (push) / result: signed receipt, pushed unchanged, both sides on the timeline. */
    @Test
    void pushedHandoffIsReceiptedDeliveredAndOnTheTimeline() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE)
                .component("đơn.txt", TestEnvelopes.utf8("Đơn đăng ký biến động"));
        byte[] signed = gateway.sign(TestGateway.DESK, envelope.xml());

        GatewayClient.Submitted submitted = gateway.client(TestGateway.DESK).submit(signed);

        ReceiptVerification.VerifiedReceipt receipt = new ReceiptVerification(gateway.gatewayCertificate())
                .verify(submitted.receipt(), signed);
        assertThat(receipt.envelopeId()).isEqualTo(envelope.id());
        PushReceiver.Delivery delivery = await().atMost(Duration.ofSeconds(30))
                .until(() -> landOffice.find(envelope.id()).orElse(null), d -> d != null);
        assertThat(delivery.content()).isEqualTo(signed);
        assertThat(delivery.dossierCode()).isEqualTo(envelope.dossierCode());

        JsonNode handoff = await().atMost(Duration.ofSeconds(30)).until(() -> handoffs(envelope).get(0),
                h -> !h.get("takenAt").isNull());
        assertThat(handoff.get("giver").get("code").asString()).isEqualTo(TestGateway.DESK);
        assertThat(handoff.get("giverOfficer").asString()).isEqualTo("Nguyễn Văn An");
        assertThat(handoff.get("taker").get("code").asString()).isEqualTo(TestGateway.LAND_OFFICE);
        assertThat(handoff.get("step").asString()).isEqualTo("Thẩm định hồ sơ");
        assertThat(Instant.parse(handoff.get("givenAt").asString())).isEqualTo(receipt.receivedAt());
        assertThat(state(envelope)).isEqualTo("DELIVERED");
    }

    /** Sends a hand-off to the finance department (pull) / result: in its inbox, fetched unchanged, acknowledged once. */
    @Test
    void pulledHandoffIsFetchedAndAcknowledgedFromTheInbox() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        byte[] signed = gateway.sign(TestGateway.DESK, envelope.xml());
        gateway.client(TestGateway.DESK).submit(signed);
        GatewayClient finance = gateway.client(TestGateway.FINANCE);

        GatewayClient.InboxItem item = await().atMost(Duration.ofSeconds(30)).until(() -> inboxItem(finance, envelope),
                i -> i != null);
        assertThat(item.size()).isEqualTo(signed.length);
        assertThat(handoffs(envelope).get(0).get("takenAt").isNull()).isTrue();
        assertThat(finance.fetch(envelope.id()).content()).isEqualTo(signed);

        GatewayClient.Acknowledgement ack = finance.acknowledge(envelope.id());
        assertThat(finance.acknowledge(envelope.id()).takenAt()).isEqualTo(ack.takenAt());
        assertThat(inboxItem(finance, envelope)).isNull();
        assertThat(Instant.parse(handoffs(envelope).get(0).get("takenAt").asString())).isEqualTo(ack.takenAt());
    }

    /** Sends one envelope to a push and a pull agency at once / result: one hand-off row per taker. */
    @Test
    void parallelHandoffIsTrackedPerRecipient() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE, TestGateway.FINANCE);
        submit(envelope);

        JsonNode status = await().atMost(Duration.ofSeconds(30)).until(() -> status(envelope),
                s -> s.get("recipients").findValuesAsString("state").stream().noneMatch("QUEUED"::equals));
        assertThat(status.get("recipients").findValuesAsString("state")).containsExactlyInAnyOrder("AVAILABLE", "DELIVERED");
        assertThat(handoffs(envelope).findValues("taker").stream().map(t -> t.get("code").asString()).toList())
                .containsExactlyInAnyOrder(TestGateway.LAND_OFFICE, TestGateway.FINANCE);
    }

    /** Submits the same signed envelope twice / result: the second answer is the first receipt, byte for byte. */
    @Test
    void retriedSubmissionReturnsTheFirstReceipt() {
        byte[] signed = gateway.sign(TestGateway.DESK, TestEnvelopes.handoff().to(TestGateway.FINANCE).xml());
        GatewayClient desk = gateway.client(TestGateway.DESK);

        GatewayClient.Submitted first = desk.submit(signed);
        GatewayClient.Submitted retry = desk.submit(signed);

        assertThat(retry.receipt()).isEqualTo(first.receipt());
        assertThat(retry.replayed()).isTrue();
    }

    /**
     * Sends a 12 MB envelope, past the in-memory limit and longer than one slice the archive
     * reads back from PostgreSQL / result: pushed and fetched unchanged.
     */
    @Test
    void spooledEnvelopeIsStoredAndDeliveredUnchanged() {
        byte[] scan = new byte[9 * 1024 * 1024];
        new Random(7).nextBytes(scan);
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE, TestGateway.FINANCE)
                .component("bản-vẽ.pdf", scan);
        byte[] signed = gateway.sign(TestGateway.DESK, envelope.xml());
        assertThat(signed.length).isGreaterThan(8 * 1024 * 1024);

        gateway.client(TestGateway.DESK).submit(signed);

        PushReceiver.Delivery pushed = await().atMost(Duration.ofSeconds(30))
                .until(() -> landOffice.find(envelope.id()).orElse(null), d -> d != null);
        assertThat(pushed.content()).isEqualTo(signed);
        GatewayClient finance = gateway.client(TestGateway.FINANCE);
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxItem(finance, envelope) != null);
        assertThat(finance.fetch(envelope.id()).content()).isEqualTo(signed);
        assertThat(gateway.jdbc().sql("SELECT size_bytes FROM envelope WHERE id = ?").param(envelope.id())
                .query(Long.class).single()).isEqualTo(signed.length);
    }

    /** Pushes to an endpoint that is down, then comes back / result: retried with history, dead-lettered, replayed once. */
    @Test
    void failedPushesAreRetriedDeadLetteredAndReplayed() throws IOException {
        AtomicBoolean up = new AtomicBoolean();
        PushReceiver receiver = receiver(delivery -> {
            if (!up.get()) {
                throw new IllegalStateException("down");
            }
        });
        TestAgencies.Registered agency = TestAgencies.pushAgency(gateway, endpoint(receiver).toString(), QUICK_RETRIES);
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(agency.code());
        submit(envelope);

        JsonNode deadLetter = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(agency.code()),
                list -> list.size() == 1).get(0);
        assertThat(deadLetter.get("envelopeId").asString()).isEqualTo(envelope.id());
        assertThat(deadLetter.get("attempts").asInt()).isEqualTo(3);
        assertThat(deadLetter.get("lastError").asString()).contains("500");
        JsonNode detail = admin("GET", "admin/dead-letters/" + envelope.id() + "/" + agency.code());
        assertThat(detail.get("attempts").findValuesAsString("outcome")).containsExactly("FAILED", "FAILED", "FAILED");

        up.set(true);
        admin("POST", "admin/dead-letters/" + envelope.id() + "/" + agency.code() + "/replay");

        await().atMost(Duration.ofSeconds(30)).until(() -> state(envelope).equals("DELIVERED"));
        assertThat(deadLetters(agency.code())).isEmpty();
        assertThat(receiver.duplicates()).isZero();
        assertThat(status(envelope).get("recipients").get(0).get("history").findValuesAsString("outcome"))
                .containsExactly("FAILED", "FAILED", "FAILED", "DELIVERED");
    }

    /** Sends two envelopes of one dossier while the first cannot be pushed / result: the second waits, then follows it. */
    @Test
    void envelopesOfOneDossierArriveInOrder() throws IOException {
        AtomicBoolean firstMayPass = new AtomicBoolean();
        List<String> arrivals = new CopyOnWriteArrayList<>();
        TestEnvelopes.Builder first = TestEnvelopes.handoff();
        PushReceiver receiver = receiver(delivery -> {
            if (delivery.envelopeId().equals(first.id()) && !firstMayPass.get()) {
                throw new IllegalStateException("not yet");
            }
            arrivals.add(delivery.envelopeId());
        });
        TestAgencies.Registered agency = TestAgencies.pushAgency(gateway, endpoint(receiver).toString(),
                Map.of("maxAttempts", 50, "initialDelay", "100ms", "multiplier", 1.0, "maxDelay", "100ms"));
        first.to(agency.code());
        TestEnvelopes.Builder second = TestEnvelopes.handoff().to(agency.code()).dossier(first.dossierCode());

        submit(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(first).equals("RETRYING"));
        submit(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(second).equals("WAITING"));
        firstMayPass.set(true);

        await().atMost(Duration.ofSeconds(30)).until(() -> arrivals.size() == 2);
        assertThat(arrivals).containsExactly(first.id(), second.id());
    }

    /**
     * Stops a gateway with one envelope waiting in a pull inbox and one whose push keeps
     * failing, and starts it again on the same database / result: the timeline and inbox are
     * still there, the waiting envelope is fetched unchanged, and the failed push goes through.
     */
    @Test
    void dataSurvivesARestartOnTheSameDatabase() throws IOException {
        String database = TestPostgres.newDatabase();
        Path dataDir = TestGateway.newDataDir();
        AtomicBoolean receiverUp = new AtomicBoolean();
        PushReceiver receiver = receiver(delivery -> {
            if (!receiverUp.get()) {
                throw new IllegalStateException("receiver down");
            }
        });
        TestEnvelopes.Builder pulled = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        TestEnvelopes.Builder pushed = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE);
        byte[] signedPulled;
        byte[] firstReceipt;
        try (TestGateway first = TestGateway.startOnPostgres(database, dataDir, endpoint(receiver))) {
            signedPulled = first.sign(TestGateway.DESK, pulled.xml());
            firstReceipt = first.client(TestGateway.DESK).submit(signedPulled).receipt();
            first.client(TestGateway.DESK).submit(first.sign(TestGateway.DESK, pushed.xml()));
            await().atMost(Duration.ofSeconds(30)).until(() -> inboxItem(first.client(TestGateway.FINANCE), pulled) != null);
            await().atMost(Duration.ofSeconds(30)).until(() -> first.jdbc()
                    .sql("SELECT attempts FROM delivery WHERE envelope_id = ?").param(pushed.id())
                    .query(Integer.class).single() >= 1);
        }
        assertThat(receiver.received()).isEmpty();
        receiverUp.set(true);

        try (TestGateway second = TestGateway.startOnPostgres(database, dataDir, endpoint(receiver))) {
            GatewayClient finance = second.client(TestGateway.FINANCE);
            assertThat(inboxItem(finance, pulled)).isNotNull();
            assertThat(finance.fetch(pulled.id()).content()).isEqualTo(signedPulled);
            assertThat(second.client(TestGateway.DESK).submit(signedPulled).receipt())
                    .as("the receipt issued before the restart").isEqualTo(firstReceipt);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.find(pushed.id()).isPresent());
            await().atMost(Duration.ofSeconds(30)).until(() -> second.client(TestGateway.DESK)
                    .get("dossiers/" + pushed.dossierCode()).get("handoffs").get(0), h -> !h.get("takenAt").isNull());
            assertThat(second.client(TestGateway.DESK).get("dossiers/" + pulled.dossierCode()).get("handoffs")
                    .findValues("taker").stream().map(t -> t.get("code").asString()).toList())
                    .containsExactly(TestGateway.FINANCE);
        }
        assertThat(receiver.duplicates()).isZero();
        assertThat(dataDir.resolve("db")).as("no H2 database beside PostgreSQL").doesNotExist();
    }

    private PushReceiver receiver(Consumer<PushReceiver.Delivery> handler) throws IOException {
        PushReceiver receiver = new PushReceiver(0, "/push", handler);
        receivers.add(receiver);
        return receiver;
    }

    private static URI endpoint(PushReceiver receiver) {
        return URI.create("http://localhost:" + receiver.port() + "/push");
    }

    private static void submit(TestEnvelopes.Builder envelope) {
        gateway.client(TestGateway.DESK).submit(gateway.sign(TestGateway.DESK, envelope.xml()));
    }

    private static GatewayClient.InboxItem inboxItem(GatewayClient client, TestEnvelopes.Builder envelope) {
        return client.inbox(500).stream().filter(i -> i.envelopeId().equals(envelope.id())).findFirst().orElse(null);
    }

    private static JsonNode status(TestEnvelopes.Builder envelope) {
        return gateway.client(TestGateway.DESK).get("envelopes/" + envelope.id());
    }

    private static String state(TestEnvelopes.Builder envelope) {
        return status(envelope).get("recipients").get(0).get("state").asString();
    }

    private static JsonNode handoffs(TestEnvelopes.Builder envelope) {
        return gateway.client(TestGateway.DESK).get("dossiers/" + envelope.dossierCode()).get("handoffs");
    }

    private static JsonNode deadLetters(String agency) {
        return admin("GET", "admin/dead-letters?agency=" + agency).get("deadLetters");
    }

    private static JsonNode admin(String method, String path) {
        HttpResponse<String> response = TestHttp.send(gateway, method, path,
                gateway.operatorToken(DemoProvisioning.DEMO_ADMIN), null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestHttp.JSON.readTree(response.body());
    }
}
