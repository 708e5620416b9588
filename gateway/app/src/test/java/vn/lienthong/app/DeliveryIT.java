package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.core.access.ApiTokens;
import vn.lienthong.core.delivery.Sequencing;
import vn.lienthong.signature.PemCertificates;

/**
 * Delivery that agencies can rely on: failed pushes retried by the agency's policy with
 * their history kept, dead letters parked and replayed or discarded by operators, one
 * dossier's envelopes in order, one slow recipient holding back nobody else, a circuit
 * breaker per endpoint, and back-pressure.
 */
class DeliveryIT {

    private static final Map<String, Object> QUICK_RETRIES = Map.of("maxAttempts", 3, "initialDelay", "50ms",
            "multiplier", 1.0, "maxDelay", "50ms");
    private static final int MAX_RECIPIENT_BACKLOG = 5;

    private static TestGateway gateway;
    private final List<PushReceiver> receivers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        // The breaker would open on the failures these tests provoke on purpose; its own test starts another gateway.
        gateway = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:1/unused"),
                "--lienthong.delivery.circuit-breaker.window=1000",
                "--lienthong.delivery.circuit-breaker.minimum-pushes=1000",
                "--lienthong.ingress.max-recipient-backlog=" + MAX_RECIPIENT_BACKLOG);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(PushReceiver::close);
    }

    /** Pushes to an endpoint that fails the first two times / result: delivered on the third, every attempt in the history. */
    @Test
    void failedPushesAreRetriedAndTheirHistoryKept() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        PushReceiver receiver = receiver(delivery -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("not yet");
            }
        });
        TestAgencies.Registered agency = TestAgencies.pushAgency(gateway, endpoint(receiver), QUICK_RETRIES);
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(agency.code());
        submit(envelope);

        PushReceiver.Delivery delivered = await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.find(envelope.id()).orElse(null), d -> d != null);
        assertThat(delivered.attempt()).isEqualTo(3);
        JsonNode recipient = await().atMost(Duration.ofSeconds(30)).until(() -> status(envelope).get("recipients").get(0),
                r -> r.get("state").asString().equals("DELIVERED"));
        assertThat(recipient.get("history").findValuesAsString("outcome")).containsExactly("FAILED", "FAILED", "DELIVERED");
        assertThat(recipient.get("history").get(0).get("error").asString()).contains("500");
    }

    /** Pushes to an endpoint that is down for good, then comes back / result: dead-lettered, visible, replayed, delivered once. */
    @Test
    void deadLetterIsParkedThenReplayedOnce() throws IOException {
        AtomicBoolean up = new AtomicBoolean();
        PushReceiver receiver = receiver(delivery -> {
            if (!up.get()) {
                throw new IllegalStateException("down");
            }
        });
        TestAgencies.Registered agency = TestAgencies.pushAgency(gateway, endpoint(receiver), QUICK_RETRIES);
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(agency.code());
        submit(envelope);

        JsonNode deadLetter = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(agency.code()),
                list -> list.size() == 1).get(0);
        assertThat(deadLetter.get("envelopeId").asString()).isEqualTo(envelope.id());
        assertThat(deadLetter.get("attempts").asInt()).isEqualTo(3);
        assertThat(deadLetter.get("lastError").asString()).contains("500");
        JsonNode detail = admin("GET", "admin/dead-letters/" + envelope.id() + "/" + agency.code(), 200);
        assertThat(detail.get("attempts").findValuesAsString("outcome")).containsExactly("FAILED", "FAILED", "FAILED");

        up.set(true);
        admin("POST", "admin/dead-letters/" + envelope.id() + "/" + agency.code() + "/replay", 200);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.find(envelope.id()).isPresent());
        await().atMost(Duration.ofSeconds(30)).until(() -> state(envelope).equals("DELIVERED"));
        assertThat(deadLetters(agency.code())).isEmpty();
        assertThat(receiver.duplicates()).isZero();
        TestHttp.assertCode(TestHttp.problem(gateway, "POST", "admin/dead-letters/" + envelope.id() + "/" + agency.code()
                + "/replay", adminToken(), null, null, 404), "DEAD_LETTER_NOT_FOUND");
    }

    /** Discards one dead letter and replays all others of an agency / result: DISCARDED, and the rest delivered. */
    @Test
    void deadLettersAreDiscardedOrReplayedInBulk() throws IOException {
        AtomicBoolean up = new AtomicBoolean();
        PushReceiver receiver = receiver(delivery -> {
            if (!up.get()) {
                throw new IllegalStateException("down");
            }
        });
        TestAgencies.Registered agency = TestAgencies.pushAgency(gateway, endpoint(receiver), Map.of("maxAttempts", 1,
                "initialDelay", "50ms", "multiplier", 1.0, "maxDelay", "50ms"));
        List<TestEnvelopes.Builder> envelopes = List.of(TestEnvelopes.handoff().to(agency.code()),
                TestEnvelopes.handoff().to(agency.code()), TestEnvelopes.handoff().to(agency.code()));
        envelopes.forEach(this::submit);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(agency.code()).size() == 3);

        admin("DELETE", "admin/dead-letters/" + envelopes.get(0).id() + "/" + agency.code(), 200);
        up.set(true);
        JsonNode replayed = admin("POST", "admin/dead-letters/replay?agency=" + agency.code(), 200);

        assertThat(replayed.get("count").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 2);
        assertThat(receiver.find(envelopes.get(0).id())).isEmpty();
        assertThat(state(envelopes.get(0))).isEqualTo("DISCARDED");
    }

    /**
     * Sends two envelopes of one dossier while the first cannot be pushed, and one of another
     * dossier / result: the other dossier goes at once; the second waits for the first.
     */
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
        TestAgencies.Registered agency = TestAgencies.pushAgency(gateway, endpoint(receiver), Map.of("maxAttempts", 50,
                "initialDelay", "100ms", "multiplier", 1.0, "maxDelay", "100ms"));
        first.to(agency.code());
        TestEnvelopes.Builder second = TestEnvelopes.handoff().to(agency.code()).dossier(first.dossierCode());
        TestEnvelopes.Builder otherDossier = TestEnvelopes.handoff().to(agency.code());

        submit(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(first).equals("RETRYING"));
        submit(second);
        submit(otherDossier);

        await().atMost(Duration.ofSeconds(30)).until(() -> arrivals.contains(otherDossier.id()));
        await().atMost(Duration.ofSeconds(30)).until(() -> state(second).equals("WAITING"));
        assertThat(arrivals).doesNotContain(second.id());

        firstMayPass.set(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> arrivals.contains(second.id()));
        assertThat(arrivals).containsSubsequence(first.id(), second.id());
    }

    /**
     * Leaves a waiting envelope behind a predecessor that is done with but never released it,
     * as a crash between the two transactions would / result: the sweep releases and delivers it.
     */
    @Test
    void strandedWaitingDeliveryIsReleasedByTheSweep() throws IOException {
        TestEnvelopes.Builder first = TestEnvelopes.handoff();
        PushReceiver receiver = receiver(delivery -> {
            if (delivery.envelopeId().equals(first.id())) {
                throw new IllegalStateException("not now");
            }
        });
        TestAgencies.Registered agency = TestAgencies.pushAgency(gateway, endpoint(receiver), Map.of("maxAttempts", 5,
                "initialDelay", "1h", "multiplier", 1.0, "maxDelay", "1h"));
        first.to(agency.code());
        TestEnvelopes.Builder second = TestEnvelopes.handoff().to(agency.code()).dossier(first.dossierCode());
        submit(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(first).equals("RETRYING"));
        submit(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(second).equals("WAITING"));

        gateway.jdbc().sql("UPDATE delivery SET state = 'DELIVERED' WHERE envelope_id = ?").param(first.id()).update();
        assertThat(gateway.bean(Sequencing.class).sweep()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.find(second.id()).isPresent());
    }

    /** Sends one envelope to a push agency whose endpoint hangs, and to a pull agency / result: the pull side is not held up. */
    @Test
    void slowRecipientHoldsUpNoOtherRecipient() throws IOException, InterruptedException {
        CountDownLatch endpointAnswers = new CountDownLatch(1);
        CountDownLatch pushArrived = new CountDownLatch(1);
        PushReceiver receiver = receiver(delivery -> {
            pushArrived.countDown();
            try {
                endpointAnswers.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TestAgencies.Registered slow = TestAgencies.pushAgency(gateway, endpoint(receiver), Map.of());
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(slow.code(), TestGateway.FINANCE);
        submit(envelope);
        assertThat(pushArrived.await(30, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.client(TestGateway.FINANCE).inbox(500).stream()
                .anyMatch(item -> item.envelopeId().equals(envelope.id())));
        assertThat(receiver.find(envelope.id())).as("the push is still waiting for the slow endpoint").isEmpty();

        endpointAnswers.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.find(envelope.id()).isPresent());
    }

    /** Keeps sending to a recipient that takes nothing / result: past the backlog limit, 429 with Retry-After, nothing stored. */
    @Test
    void backloggedRecipientGetsNoMoreUntilItCatchesUp() throws IOException {
        PushReceiver receiver = receiver(delivery -> {
            throw new IllegalStateException("down");
        });
        TestAgencies.Registered agency = TestAgencies.pushAgency(gateway, endpoint(receiver), Map.of("maxAttempts", 100,
                "initialDelay", "1h", "multiplier", 1.0, "maxDelay", "1h"));
        for (int i = 0; i <= MAX_RECIPIENT_BACKLOG; i++) {
            submit(TestEnvelopes.handoff().to(agency.code()));
        }

        AtomicReference<TestEnvelopes.Builder> last = new AtomicReference<>();
        HttpResponse<String> response = await().atMost(Duration.ofSeconds(30)).until(() -> {
            last.set(TestEnvelopes.handoff().to(agency.code()));
            return TestHttp.submit(gateway, TestGateway.DESK, gateway.sign(TestGateway.DESK, last.get().xml()));
        }, r -> r.statusCode() == 429);
        TestHttp.assertCode(TestHttp.JSON.readTree(response.body()), "RECIPIENT_BACKLOGGED");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(gateway.jdbc().sql("SELECT COUNT(*) FROM envelope WHERE id = ?").param(last.get().id())
                .query(Long.class).single()).isZero();
    }

    /**
     * Holds the first push to an endpoint while more envelopes queue behind it / result: once
     * the oldest queued delivery has waited past {@code max-queued-age}, submissions to that
     * recipient answer 429 with a short Retry-After and nothing stored, while another recipient still
     * takes envelopes; when the endpoint answers, the queue moves and submissions are accepted
     * again.
     */
    @Test
    void recipientWhoseQueueStandsStillGetsNoMoreUntilItMoves() throws IOException {
        CountDownLatch endpointAnswers = new CountDownLatch(1);
        PushReceiver receiver = receiver(delivery -> {
            try {
                endpointAnswers.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (TestGateway aging = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:1/unused"),
                "--lienthong.ingress.max-queued-age=2s")) {
            TestAgencies.Registered stuck = TestAgencies.pushAgency(aging, endpoint(receiver), Map.of());
            for (int i = 0; i < 2; i++) {
                assertThat(submit(aging, TestEnvelopes.handoff().to(stuck.code())).statusCode()).isEqualTo(202);
            }

            AtomicReference<TestEnvelopes.Builder> last = new AtomicReference<>();
            HttpResponse<String> refused = await().atMost(Duration.ofSeconds(30)).until(() -> {
                last.set(TestEnvelopes.handoff().to(stuck.code()));
                return submit(aging, last.get());
            }, r -> r.statusCode() == 429);
            JsonNode problem = TestHttp.JSON.readTree(refused.body());
            TestHttp.assertCode(problem, "RECIPIENT_BACKLOGGED");
            assertThat(problem.get("recipient").asString()).isEqualTo(stuck.code());
            assertThat(refused.headers().firstValue("Retry-After")).as("a quarter of the limit, at least a second")
                    .hasValue("1");
            assertThat(aging.jdbc().sql("SELECT COUNT(*) FROM envelope WHERE id = ?").param(last.get().id())
                    .query(Long.class).single()).isZero();
            assertThat(submit(aging, TestEnvelopes.handoff().to(TestGateway.FINANCE)).statusCode())
                    .as("another recipient is not held up").isEqualTo(202);

            endpointAnswers.countDown();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> submit(aging, TestEnvelopes.handoff().to(stuck.code())).statusCode() == 202);
        }
    }

    /**
     * Sends ten envelopes to an endpoint that always fails / result: after five failures the
     * breaker opens and the rest wait without being pushed or spending their attempts.
     */
    @Test
    void circuitBreakerStopsPushingAtAFailingEndpoint() throws IOException {
        try (TestGateway withBreaker = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:1/unused"),
                "--lienthong.delivery.circuit-breaker.open-wait=1h")) {
            circuitBreakerStopsPushing(withBreaker);
        }
    }

    private void circuitBreakerStopsPushing(TestGateway isolated) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        PushReceiver receiver = receiver(delivery -> {
            calls.incrementAndGet();
            throw new IllegalStateException("always down");
        });
        TestAgencies.Registered agency = TestAgencies.pushAgency(isolated, endpoint(receiver), Map.of("maxAttempts", 20,
                "initialDelay", "50ms", "multiplier", 1.0, "maxDelay", "50ms"));
        List<TestEnvelopes.Builder> envelopes = IntStream.range(0, 10)
                .mapToObj(i -> TestEnvelopes.handoff().to(agency.code())).toList();
        envelopes.forEach(envelope -> isolated.client(TestGateway.DESK).submit(isolated.sign(TestGateway.DESK, envelope.xml())));

        CircuitBreaker breaker = isolated.bean(CircuitBreakerRegistry.class).circuitBreaker(agency.code());
        await().atMost(Duration.ofSeconds(30)).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
        Instant inAnHour = Instant.now().plus(Duration.ofMinutes(50));
        await().atMost(Duration.ofSeconds(30)).until(() -> envelopes.stream().allMatch(envelope -> {
            JsonNode recipient = isolated.client(TestGateway.DESK).get("envelopes/" + envelope.id()).get("recipients").get(0);
            return recipient.get("state").asString().equals("RETRYING")
                    && Instant.parse(recipient.get("nextAttemptAt").asString()).isAfter(inAnHour);
        }));
        assertThat(calls.get()).isEqualTo(5);
        assertThat(isolated.jdbc().sql("SELECT COUNT(*) FROM delivery WHERE recipient = ? AND state = 'DEAD_LETTERED'")
                .param(agency.code()).query(Long.class).single()).isZero();

        // the agency moves to an endpoint that answers: its breaker starts afresh
        PushReceiver moved = receiver(delivery -> { });
        TestAgencies.put(isolated, agency.code(), Map.of("name", "Cơ quan thử nghiệm " + agency.code(),
                "deliveryMode", "push", "endpoint", endpoint(moved),
                "certificates", List.of(PemCertificates.toPem(agency.key().certificate())),
                "apiTokenSha256", ApiTokens.sha256(agency.token())), 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> breaker.getState() == CircuitBreaker.State.CLOSED);
    }

    private PushReceiver receiver(Consumer<PushReceiver.Delivery> handler) throws IOException {
        PushReceiver receiver = new PushReceiver(0, "/push", handler);
        receivers.add(receiver);
        return receiver;
    }

    private static String endpoint(PushReceiver receiver) {
        return "http://localhost:" + receiver.port() + "/push";
    }

    private void submit(TestEnvelopes.Builder envelope) {
        gateway.client(TestGateway.DESK).submit(gateway.sign(TestGateway.DESK, envelope.xml()));
    }

    private static HttpResponse<String> submit(TestGateway target, TestEnvelopes.Builder envelope) {
        return TestHttp.submit(target, TestGateway.DESK, target.sign(TestGateway.DESK, envelope.xml()));
    }

    private static JsonNode status(TestEnvelopes.Builder envelope) {
        return gateway.client(TestGateway.DESK).get("envelopes/" + envelope.id());
    }

    private static String state(TestEnvelopes.Builder envelope) {
        return status(envelope).get("recipients").get(0).get("state").asString();
    }

    private static JsonNode deadLetters(String agency) {
        return admin("GET", "admin/dead-letters?agency=" + agency, 200).get("deadLetters");
    }

    private static JsonNode admin(String method, String path, int expectedStatus) {
        HttpResponse<String> response = TestHttp.send(gateway, method, path, adminToken(), null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return TestHttp.JSON.readTree(response.body());
    }

    private static String adminToken() {
        return gateway.operatorToken(DemoProvisioning.DEMO_ADMIN);
    }
}
