package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.signature.SigningKey;

/**
 * The scale-out proof on one machine (profile {@code scale}, docs/SCALE-OUT.md): a standalone
 * Artemis primary/backup pair from the official distribution, configured by the files in
 * deploy/artemis; PostgreSQL; two gateway processes from the packaged jar on them, sharing
 * the agencies, their keys and the gateway's signing key; one agency endpoint both push to.
 * A few thousand signed envelopes, in dossiers of several, go to both gateways alternately
 * (a dossier's next envelope is submitted once the previous one was acknowledged, to either
 * gateway), and one part of the system is killed with SIGKILL midway and not restarted:
 *
 * <ul>
 *   <li>a gateway: the other takes its traffic (the submitters fail over, as behind a load
 *       balancer) and, through the broker, its unfinished deliveries;
 *   <li>the primary broker: both gateways reconnect to the backup, which holds a replica of
 *       the journal.
 * </ul>
 *
 * <p>Then it reconciles: every acknowledged envelope reached the endpoint with the bytes that
 * were signed, once in effect (the endpoint deduplicates on the envelope id, as every agency's
 * must; a raw second push can only come from a push cut short by the kill, at most one per
 * consumer that was pushing), in dossier order; every delivery is DELIVERED, every hand-off
 * taken; acceptance sequence numbers are unique; the outbox is empty. Submissions never got an
 * answer other than 202 or a retryable one (429, 503, or no answer from a dead process).
 *
 * <p>Skipped, saying so, without the distribution the profile unpacks. Everything it ran is
 * under {@code target/scale-out/<run>/} (logs of the brokers and gateways), deleted when it passes.
 */
class ScaleOutIT {

    private static final int DOSSIERS = 400;
    private static final int ENVELOPES_PER_DOSSIER = 5;
    private static final int SUBMITTERS = 8;
    private static final double KILL_AT = 0.4;
    private static final int CONSUMERS_PER_AGENCY = 4;
    private static final String BROKER_USER = "lienthong";

    private static final Duration BROKER_READY = Duration.ofSeconds(120);
    private static final Duration GATEWAY_READY = Duration.ofSeconds(180);
    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private enum Fault { GATEWAY, PRIMARY_BROKER }

    private record Planned(String id, String dossierCode, int round, String xml) {
    }

    private final Map<String, Planned> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, byte[]> signedBytes = new ConcurrentHashMap<>();
    private final Map<String, Integer> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger arrivalSequence = new AtomicInteger();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicInteger transportErrors = new AtomicInteger();
    private final AtomicInteger replayedReceipts = new AtomicInteger();

    private Path distributionHome;
    private Path brokerConfig;
    private @Nullable Path runDir;
    private final List<AutoCloseable> running = new ArrayList<>();
    private @Nullable ExecutorService submitters;
    private @Nullable PushReceiver receiver;
    private final GatewayProcess[] gateways = new GatewayProcess[2];
    private final AtomicIntegerArray dead = new AtomicIntegerArray(2);
    private boolean passed;

    @BeforeEach
    void needsTheDistribution() {
        Path[] distribution = StandaloneArtemis.distribution().orElse(null);
        Assumptions.assumeTrue(distribution != null, "ScaleOutIT skipped: no Artemis distribution; it runs in the "
                + "profile scale, which unpacks one (./mvnw verify -Pscale)");
        distributionHome = distribution[0];
        brokerConfig = distribution[1];
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (submitters != null) {
            submitters.shutdownNow();
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (passed && runDir != null) {
            FileSystemUtils.deleteRecursively(runDir);
        }
    }

    /** Two gateways on the broker pair, one killed with SIGKILL at 40 % of the acknowledgements / result: nothing acknowledged lost, doubled or reordered. */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theOtherGatewayFinishesTheWorkOfAKilledOne() throws Exception {
        prove(Fault.GATEWAY);
    }

    /** Two gateways on the broker pair, the primary broker killed with SIGKILL at 40 % / result: both carry on with the backup, nothing lost, doubled or reordered. */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void bothGatewaysCarryOnWithTheBackupWhenThePrimaryBrokerDies() throws Exception {
        prove(Fault.PRIMARY_BROKER);
    }

    private void prove(Fault fault) throws Exception {
        Instant started = Instant.now();
        runDir = Path.of("target", "scale-out", LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss")) + "-" + fault.name().toLowerCase()).toAbsolutePath();
        Files.createDirectories(runDir);

        receiver = new PushReceiver(0, "/push", delivery ->
                arrivals.computeIfAbsent(delivery.envelopeId(), id -> arrivalSequence.getAndIncrement()));
        running.add(receiver);
        URI pushEndpoint = URI.create("http://localhost:" + receiver.port() + "/push");

        // The shared material every instance reads: agencies, their keys, the gateway's signing key.
        Path shared = runDir.resolve("shared");
        DemoProvisioning.provision(shared, pushEndpoint.toString());

        String brokerPassword = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        String clusterPassword = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        int primaryPort = GatewayProcess.freePort();
        int backupPort = GatewayProcess.freePort();
        StandaloneArtemis primary = broker("primary", primaryPort, backupPort, brokerPassword, clusterPassword);
        StandaloneArtemis backup = broker("backup", backupPort, primaryPort, brokerPassword, clusterPassword);
        primary.start();
        primary.awaitLog(StandaloneArtemis.ACTIVE, BROKER_READY);
        backup.start();
        backup.awaitLog(StandaloneArtemis.BACKUP_IN_SYNC, BROKER_READY);
        Duration brokersReady = Duration.between(started, Instant.now());

        String database = TestPostgres.newDatabase();
        String brokerUrl = "(tcp://localhost:%d,tcp://localhost:%d)?ha=true&reconnectAttempts=-1&retryInterval=200"
                .formatted(primaryPort, backupPort) + "&retryIntervalMultiplier=2&maxRetryInterval=2000";
        for (int i = 0; i < 2; i++) {
            List<String> args = new ArrayList<>(List.of(TestPostgres.gatewayArgs(database)));
            args.addAll(List.of(
                    "--spring.artemis.mode=native",
                    "--spring.artemis.broker-url=" + brokerUrl,
                    "--spring.artemis.user=" + BROKER_USER,
                    "--spring.artemis.password=" + brokerPassword,
                    "--lienthong.delivery.consumers-per-agency=" + CONSUMERS_PER_AGENCY));
            args.addAll(TestGateway.sharedDemoMaterialArgs(shared));
            gateways[i] = new GatewayProcess(runDir.resolve("gateway-" + i), GatewayProcess.freePort(), pushEndpoint,
                    runDir.resolve("gateway-" + i + ".log"), args.toArray(String[]::new));
            running.add(gateways[i]);
        }
        // Both at once, as an orchestrator starts replicas: each applies the same registry file.
        CompletableFuture<Duration> first = CompletableFuture.supplyAsync(() -> gateways[0].start(GATEWAY_READY));
        CompletableFuture<Duration> second = CompletableFuture.supplyAsync(() -> gateways[1].start(GATEWAY_READY));
        Duration gatewaysReady = Duration.ofMillis(Math.max(first.get().toMillis(), second.get().toMillis()));

        SigningKey deskKey = SigningKey.fromPkcs12(shared.resolve("demo").resolve(TestGateway.DESK)
                .resolve("signing-key.p12"), DemoProvisioning.DEMO_KEY_PASSWORD.toCharArray());
        String deskToken = Files.readString(shared.resolve("demo").resolve(TestGateway.DESK).resolve("api-token"))
                .strip();
        List<List<Planned>> plans = plan();
        int total = plans.stream().mapToInt(List::size).sum();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Instant submissionsStarted = Instant.now();
        submitters = Executors.newFixedThreadPool(SUBMITTERS);
        List<Future<Void>> submitting = new ArrayList<>();
        for (List<Planned> plan : plans) {
            submitting.add(submitters.submit(() -> {
                submitAll(plan, new EnvelopeSigning(deskKey), deskToken, http);
                return null;
            }));
        }
        int killAt = (int) Math.round(total * KILL_AT);
        awaitAcknowledgements(killAt, submitting);
        int acknowledgedAtKill = acknowledged.size();
        int outstandingAtKill = (int) acknowledged.keySet().stream().filter(id -> receiver.find(id).isEmpty()).count();
        Instant killedAt = Instant.now();
        if (fault == Fault.GATEWAY) {
            dead.set(0, 1);
            assertThat(gateways[0].kill()).as("exit code after SIGKILL").isEqualTo(137);
        } else {
            primary.kill();
        }
        for (Future<Void> submitter : submitting) {
            awaitSubmitter(submitter);
        }
        Instant submissionsDone = Instant.now();

        int survivor = fault == Fault.GATEWAY ? 1 : 0;
        GatewayClient desk = new GatewayClient(gateways[survivor].baseUri(), deskToken, REQUEST_TIMEOUT);
        assertThat(acknowledged).as("every envelope acknowledged in the end").hasSize(total);
        try {
            await("every acknowledged envelope received").atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> receiver.received().size() >= total);
        } catch (ConditionTimeoutException e) {
            List<String> missing = acknowledged.keySet().stream().filter(id -> receiver.find(id).isEmpty()).sorted()
                    .limit(10).toList();
            throw new AssertionError(receiver.received().size() + " of " + total + " received; missing e.g. "
                    + missing.stream().map(id -> id + " " + desk.get("envelopes/" + id)).toList()
                    + "; logs in " + runDir,
                    e);
        }
        Instant allReceived = Instant.now();
        if (fault == Fault.PRIMARY_BROKER) {
            assertThat(backup.logContains(StandaloneArtemis.ACTIVE))
                    .as("the backup took over: it logged " + StandaloneArtemis.ACTIVE).isTrue();
        }

        // 1. Every acknowledged envelope reached the endpoint once, with the signed bytes; nothing else did.
        Map<String, PushReceiver.Delivery> received = receiver.received();
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
        for (Planned planned : acknowledged.values()) {
            assertThat(received.get(planned.id()).content()).as("bytes of " + planned.id())
                    .isEqualTo(signedBytes.get(planned.id()));
        }
        // 2. Raw second pushes only of pushes the fault cut short: at most one per consumer then pushing.
        int duplicates = receiver.duplicates();
        assertThat(duplicates).as("raw duplicate pushes").isLessThanOrEqualTo(2 * CONSUMERS_PER_AGENCY);

        // 3. Per dossier, in the order the envelopes were acknowledged.
        List<String> outOfOrder = new ArrayList<>();
        for (List<Planned> dossier : acknowledged.values().stream().collect(Collectors.groupingBy(Planned::dossierCode,
                TreeMap::new, Collectors.toList())).values()) {
            List<Planned> inOrder = dossier.stream().sorted((a, b) -> Integer.compare(a.round(), b.round())).toList();
            for (int i = 1; i < inOrder.size(); i++) {
                if (arrivals.get(inOrder.get(i - 1).id()) > arrivals.get(inOrder.get(i).id())) {
                    outOfOrder.add(inOrder.get(i - 1).id() + " after " + inOrder.get(i).id());
                }
            }
        }
        assertThat(outOfOrder).as("envelopes of one dossier out of order").isEmpty();

        // 4. The timelines: every hand-off given and taken, as the tracking API shows it.
        List<String> incomplete = new ArrayList<>();
        Set<String> dossiers = acknowledged.values().stream().map(Planned::dossierCode).collect(Collectors.toSet());
        for (String code : dossiers) {
            JsonNode handoffs = desk.get("dossiers/" + code).get("handoffs");
            Set<String> taken = new HashSet<>();
            handoffs.forEach(h -> {
                if (!h.path("takenAt").isNull() && !h.path("takenAt").isMissingNode()) {
                    taken.add(h.get("envelopeId").asString());
                }
            });
            acknowledged.values().stream().filter(p -> p.dossierCode().equals(code) && !taken.contains(p.id()))
                    .forEach(p -> incomplete.add(code + "/" + p.id()));
        }
        assertThat(incomplete).as("hand-offs not given and taken on the dossiers' timelines").isEmpty();

        // 5. The database: acceptance sequence numbers unique, every delivery DELIVERED, the outbox empty.
        JdbcClient db = JdbcClient.create(TestPostgres.dataSource(database));
        long envelopes = db.sql("SELECT COUNT(*) FROM envelope").query(Long.class).single();
        long sequenceNumbers = db.sql("SELECT COUNT(DISTINCT accept_seq) FROM envelope").query(Long.class).single();
        assertThat(sequenceNumbers).as("distinct acceptance sequence numbers").isEqualTo(envelopes).isEqualTo(total);
        Map<String, Long> states = new TreeMap<>();
        db.sql("SELECT state, COUNT(*) FROM delivery GROUP BY state").query(rs -> {
            states.put(rs.getString(1), rs.getLong(2));
        });
        assertThat(states).as("deliveries by state").isEqualTo(Map.of("DELIVERED", (long) total));
        assertThat(db.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single()).as("outbox").isZero();
        long deliveredAttempts = db.sql("SELECT COUNT(*) FROM delivery_attempt WHERE outcome = 'DELIVERED'")
                .query(Long.class).single();
        assertThat(deliveredAttempts).as("pushes recorded as delivered, one per delivery").isEqualTo(total);
        Map<String, Integer> unexpected = answers.entrySet().stream()
                .filter(e -> !Set.of("202", "429", "503").contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
        assertThat(unexpected).as("answers other than 202 or a retryable refusal").isEmpty();

        long[] pushedBy = IntStream.range(0, 2).mapToLong(i -> gateways[i].logLines(" pushed to ")).toArray();
        Duration submissionPhase = Duration.between(submissionsStarted, submissionsDone);
        System.out.printf("""
                ScaleOutIT summary (%s killed with SIGKILL after %d of %d acknowledgements, %d of them not yet received)
                  envelopes     %d in %d dossiers of %d, from %d threads to 2 gateways (%d consumers per agency each)
                  answers       %s; %d transport errors (retried on the other gateway); %d replayed receipts
                  received      %d once each, %d raw duplicate pushes; pushes logged by gateway 0: %d, gateway 1: %d
                  durations     brokers ready %d ms, gateways ready %d ms, submissions %d ms (%.1f envelopes/s),
                                last envelope received %d ms after the last acknowledgement, %d ms after the kill;
                                total %d ms
                  logs          %s
                """, fault, acknowledgedAtKill, total, outstandingAtKill, total, DOSSIERS, ENVELOPES_PER_DOSSIER,
                SUBMITTERS, CONSUMERS_PER_AGENCY, new TreeMap<>(answers), transportErrors.get(), replayedReceipts.get(),
                received.size(), duplicates, pushedBy[0], pushedBy[1], brokersReady.toMillis(),
                gatewaysReady.toMillis(),
                submissionPhase.toMillis(), total * 1000.0 / submissionPhase.toMillis(),
                Duration.between(submissionsDone, allReceived).toMillis(),
                Duration.between(killedAt, allReceived).toMillis(), Duration.between(started, Instant.now()).toMillis(),
                runDir);
        passed = true;
    }

    private StandaloneArtemis broker(String role, int port, int peerPort, String password, String clusterPassword) {
        Path instance = runDir.resolve("broker-" + role);
        StandaloneArtemis broker = StandaloneArtemis.create(distributionHome, brokerConfig, role, instance, BROKER_USER,
                password, Map.of(
                        "lienthong.broker.host", "localhost",
                        "lienthong.broker.port", Integer.toString(port),
                        "lienthong.broker.peer-port", Integer.toString(peerPort),
                        "lienthong.broker.data-dir", instance.resolve("data").toString(),
                        "lienthong.broker.cluster-password", clusterPassword));
        running.add(broker);
        return broker;
    }

    /**
     * Each submitter owns whole dossiers and submits round by round, one envelope of each of its
     * dossiers per round: a dossier's next envelope goes only after the previous one was
     * acknowledged, with other dossiers' envelopes in between.
     */
    private static List<List<Planned>> plan() {
        List<List<Planned>> plans = new ArrayList<>();
        for (int submitter = 0; submitter < SUBMITTERS; submitter++) {
            List<Planned> plan = new ArrayList<>();
            for (int round = 0; round < ENVELOPES_PER_DOSSIER; round++) {
                for (int d = submitter; d < DOSSIERS; d += SUBMITTERS) {
                    String code = "%s-261127-%04d".formatted(TestGateway.DESK, d + 1);
                    TestEnvelopes.Builder builder = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE).dossier(code);
                    plan.add(new Planned(builder.id(), code, round, builder.xml()));
                }
            }
            plans.add(plan);
        }
        return plans;
    }

    private void submitAll(List<Planned> plan, EnvelopeSigning signing, String token, HttpClient http)
            throws InterruptedException {
        for (Planned planned : plan) {
            byte[] signed = signing.sign(planned.xml().getBytes(StandardCharsets.UTF_8));
            signedBytes.put(planned.id(), signed);
            submit(planned, signed, token, http);
        }
    }

    /** The same bytes until a 202, to the gateway the envelope's turn picks, and to the other while that one fails. */
    private void submit(Planned planned, byte[] signed, String token, HttpClient http) throws InterruptedException {
        int target = (planned.dossierCode().hashCode() + planned.round()) & 1;
        Instant giveUp = Instant.now().plus(SUBMIT_TIMEOUT);
        while (Instant.now().isBefore(giveUp)) {
            if (dead.get(target) == 1) {
                target = 1 - target;
            }
            HttpRequest request = HttpRequest.newBuilder(gateways[target].baseUri().resolve("/api/v1/envelopes"))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/xml")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(signed))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                transportErrors.incrementAndGet();
                target = 1 - target;
                continue;
            }
            int status = response.statusCode();
            answers.computeIfAbsent(Integer.toString(status), s -> new AtomicInteger()).incrementAndGet();
            if (status == 202) {
                if (response.headers().firstValue("Lienthong-Receipt-Replayed").map(Boolean::parseBoolean)
                        .orElse(false)) {
                    replayedReceipts.incrementAndGet();
                }
                acknowledged.put(planned.id(), planned);
                return;
            }
            if (status != 429 && status != 503) {
                throw new AssertionError("envelope " + planned.id() + " answered " + status + ": " + response.body());
            }
            target = 1 - target;
            gateways[target].awaitReachable(GATEWAY_READY);
        }
        throw new AssertionError("no 202 for envelope " + planned.id() + " within " + SUBMIT_TIMEOUT);
    }

    private void awaitAcknowledgements(int count, List<Future<Void>> submitting) {
        await(count + " acknowledgements").atMost(ACK_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
            submitting.stream().filter(Future::isDone).forEach(ScaleOutIT::awaitSubmitter);
            return acknowledged.size() >= count;
        });
    }

    private static void awaitSubmitter(Future<Void> submitter) {
        TestTasks.await(submitter, ACK_TIMEOUT, "a submitter");
    }
}
