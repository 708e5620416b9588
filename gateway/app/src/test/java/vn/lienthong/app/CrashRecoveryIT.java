package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.GatewayProblemException;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.signature.SigningKey;

/**
 * Fault injection: the gateway runs as a separate JVM started from the packaged jar and is
 * killed with SIGKILL at random points while a client submits a few hundred envelopes, then
 * started again on the same data folder and port. At the end the test reconciles what the
 * client was told with what the recipients got: every acknowledged envelope (answered 202)
 * reached its recipient, exactly once in effect and in dossier order, and nothing reached a
 * recipient that the gateway had not acknowledged.
 *
 * <p>The desk {@value TestGateway#DESK} sends half of the envelopes to the land office
 * {@value TestGateway#LAND_OFFICE}, which the gateway pushes to a {@link PushReceiver} in this
 * JVM, and half to the finance department {@value TestGateway#FINANCE}, which pulls (its
 * inbox is only listed, never acknowledged). Each dossier belongs to one submitter thread and
 * one recipient, and its envelopes are submitted one after another with other dossiers'
 * envelopes between them, so per-dossier ordering spans the kills. Each envelope is signed
 * once and the same bytes are retried until a 202 comes back (the gateway answers a retry of
 * an envelope it already accepted with the first receipt). A few envelopes are tampered with
 * after signing: the gateway must refuse them, and they must never reach anyone. About one
 * push in ten fails on its first attempt (the receiver answers 500), so deliveries are being
 * retried, and later envelopes of the same dossier wait, when the kills land.
 *
 * <p>Three kills land after a random share of the acknowledgements (15–35 %, 40–60 %,
 * 65–85 %), while submissions and deliveries are in flight. One of them, chosen at random
 * ("mid-push"), is timed more sharply: the endpoint takes the next push and holds its answer
 * until the gateway is dead, which is the one moment at which a crash must lead to a second
 * push.
 *
 * <p><b>Why duplicate pushes are counted, not forbidden.</b> The gateway commits a delivery
 * only after the agency's endpoint answered the push. A kill after the endpoint took the
 * envelope but before the gateway's commit (including a kill while the answer is on the wire)
 * leaves the delivery pending, so the next life pushes it again, with the same envelope id:
 * at-least-once towards the endpoint, exactly once in effect for an endpoint that
 * deduplicates on the id, as {@link PushReceiver} does and as the design asks of every
 * agency (docs/ARCHITECTURE.md, "Why it cannot lose or double an envelope"). With one
 * consumer per agency there is at most one push in flight to the land office when the
 * process dies, so each kill can cause at most one such raw duplicate, and a mid-push kill
 * causes exactly one: the test asserts {@code midPushKills <= duplicates <= kills}, which
 * catches a gateway that re-pushes what it had recorded as delivered (too many) as well as
 * one that forgets a push it never saw answered (it would also stay undelivered), and
 * reports the number.
 *
 * <p>{@code -Dcrash.seed=<n>} replays a run's choices (plan, kill points, failing pushes); the
 * timing of the kills relative to the gateway's work still varies. The gateway's output of all
 * its lives is in {@code target/crash-recovery/<run>/gateway.log}; the data folder next to it
 * is kept when the test fails.
 */
class CrashRecoveryIT {

    private static final int DOSSIERS = 60;
    private static final int ENVELOPES_PER_DOSSIER = 5;
    private static final int SUBMITTERS = 3;
    private static final int TAMPERED_PER_SUBMITTER = 3;
    private static final double FAIL_FIRST_PUSH = 0.1;
    /** Each kill lands after a random share of the acknowledgements within one of these windows. */
    private static final double[][] KILL_WINDOWS = {{0.15, 0.35}, {0.40, 0.60}, {0.65, 0.85}};

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** One envelope of the plan. */
    private record Planned(String id, String recipient, String dossierCode, int submitter, String xml, boolean tampered) {
        boolean push() {
            return recipient.equals(TestGateway.LAND_OFFICE);
        }
    }

    /** What the test saw around one kill. */
    private record Kill(int number, boolean midPush, int acknowledgedAt, int requestsInFlight, int pushesOutstanding,
                        int exitCode, Duration restartedIn) {
    }

    private final Map<String, Planned> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, byte[]> signedBytes = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final Map<String, Integer> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger arrivalSequence = new AtomicInteger();
    private final Set<String> failFirstPush = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inducedPushFailures = new AtomicInteger();
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private final AtomicInteger transportErrors = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger replayedReceipts = new AtomicInteger();
    private final AtomicInteger pushesHeldNow = new AtomicInteger();
    private volatile @Nullable CountDownLatch pushHold;

    private @Nullable PushReceiver receiver;
    private @Nullable GatewayProcess gateway;
    private @Nullable ExecutorService submitters;
    private @Nullable Path runDir;
    private boolean passed;

    @AfterEach
    void stopEverything() throws IOException {
        if (submitters != null) {
            submitters.shutdownNow();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (passed && runDir != null) {
            FileSystemUtils.deleteRecursively(runDir.resolve("data"));
        }
    }

    /** Sends 300 signed envelopes from three threads while the gateway JVM is killed with SIGKILL three times / result: every acknowledged envelope delivered once in effect, in dossier order, nothing else. */
    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void everyAcknowledgedEnvelopeIsDeliveredOnceWhateverMomentTheGatewayDies() throws IOException, InterruptedException {
        Instant testStarted = Instant.now();
        long seed = Long.getLong("crash.seed", new Random().nextLong());
        System.out.println("CrashRecoveryIT seed " + seed + " (rerun with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path jar = GatewayProcess.jar();

        List<List<Planned>> plans = plan(random);
        List<Planned> all = plans.stream().flatMap(List::stream).toList();
        List<Planned> valid = all.stream().filter(p -> !p.tampered()).toList();
        valid.stream().filter(Planned::push).filter(p -> random.nextDouble() < FAIL_FIRST_PUSH)
                .forEach(p -> failFirstPush.add(p.id()));
        int failingPushes = failFirstPush.size();
        List<Integer> killPoints = new ArrayList<>();
        for (double[] window : KILL_WINDOWS) {
            killPoints.add((int) Math.round(valid.size() * (window[0] + random.nextDouble() * (window[1] - window[0]))));
        }
        // One kill, chosen at random, lands while the endpoint holds a push it has taken but not answered yet.
        int midPushKill = random.nextInt(KILL_WINDOWS.length);
        List<Boolean> midPush = new ArrayList<>();
        for (int k = 0; k < KILL_WINDOWS.length; k++) {
            midPush.add(k == midPushKill);
        }

        runDir = Path.of("target", "crash-recovery",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed" + seed)
                .toAbsolutePath();
        Files.createDirectories(runDir.resolve("data"));
        Path log = runDir.resolve("gateway.log");
        receiver = new PushReceiver(0, "/push", this::receive);
        URI pushEndpoint = URI.create("http://localhost:" + receiver.port() + "/push");
        gateway = new GatewayProcess(runDir.resolve("data"), GatewayProcess.freePort(), pushEndpoint, log);
        System.out.println("CrashRecoveryIT jar " + jar.toAbsolutePath() + ", gateway log " + log + ", kill points "
                + killPoints + " of " + valid.size() + " acknowledgements, mid-push " + midPush);

        Duration firstStart = gateway.start(READY_TIMEOUT);
        SigningKey deskKey = gateway.signingKey(TestGateway.DESK);
        String deskToken = gateway.token(TestGateway.DESK);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Instant submissionsStarted = Instant.now();
        submitters = Executors.newFixedThreadPool(SUBMITTERS);
        List<Future<Void>> running = new ArrayList<>();
        for (List<Planned> plan : plans) {
            running.add(submitters.submit(() -> {
                submitAll(plan, new EnvelopeSigning(deskKey), deskToken, http);
                return null;
            }));
        }

        List<Kill> kills = new ArrayList<>();
        for (int k = 0; k < killPoints.size(); k++) {
            awaitAcknowledgements(killPoints.get(k), running);
            CountDownLatch hold = new CountDownLatch(1);
            if (midPush.get(k)) {
                pushHold = hold;
                awaitHeldPush(running);
            }
            int acknowledgedAt = acknowledged.size();
            int inFlight = requestsInFlight.get();
            int outstanding = pushesOutstanding();
            int exitCode = gateway.kill();
            pushHold = null;
            hold.countDown();
            assertThat(exitCode).as("exit code after SIGKILL (128 + 9)").isEqualTo(137);
            Duration restartedIn = gateway.start(READY_TIMEOUT);
            kills.add(new Kill(k + 1, midPush.get(k), acknowledgedAt, inFlight, outstanding, exitCode, restartedIn));
            System.out.printf("CrashRecoveryIT kill #%d%s after %d acknowledgements (%d requests in flight, %d acknowledged "
                    + "pushes not yet received), exit %d, ready again in %d ms%n", k + 1,
                    midPush.get(k) ? " mid-push" : "", acknowledgedAt, inFlight, outstanding, exitCode,
                    restartedIn.toMillis());
        }
        long midPushKills = kills.stream().filter(Kill::midPush).count();
        for (Future<Void> submitter : running) {
            awaitSubmitter(submitter);
        }
        Duration submissionPhase = Duration.between(submissionsStarted, Instant.now());

        Instant reconcileStarted = Instant.now();
        GatewayClient desk = new GatewayClient(gateway.baseUri(), deskToken, REQUEST_TIMEOUT);
        GatewayClient finance = new GatewayClient(gateway.baseUri(), gateway.token(TestGateway.FINANCE), REQUEST_TIMEOUT);
        assertThat(acknowledged.keySet()).as("every valid envelope was acknowledged in the end")
                .containsExactlyInAnyOrderElementsOf(valid.stream().map(Planned::id).toList());
        List<Planned> pushed = valid.stream().filter(Planned::push).toList();
        List<Planned> pulled = valid.stream().filter(p -> !p.push()).toList();
        Set<String> pulledIds = pulled.stream().map(Planned::id).collect(Collectors.toSet());

        awaitReconciled("every acknowledged push received and every pull in the inbox", DELIVERY_TIMEOUT, () -> {
            List<String> missing = new ArrayList<>();
            pushed.stream().filter(p -> receiver.find(p.id()).isEmpty()).forEach(p -> missing.add(p.id()));
            Set<String> inInbox = finance.inbox(500).stream().map(GatewayClient.InboxItem::envelopeId)
                    .collect(Collectors.toSet());
            pulled.stream().filter(p -> !inInbox.contains(p.id())).forEach(p -> missing.add(p.id()));
            return missing;
        }, desk);
        Set<String> settled = ConcurrentHashMap.newKeySet();
        awaitReconciled("every delivery DELIVERED (push) or AVAILABLE (pull)", DELIVERY_TIMEOUT, () -> {
            List<String> unsettled = new ArrayList<>();
            for (Planned planned : valid) {
                if (!settled.contains(planned.id())) {
                    if (state(desk, planned.id()).equals(planned.push() ? "DELIVERED" : "AVAILABLE")) {
                        settled.add(planned.id());
                    } else {
                        unsettled.add(planned.id());
                    }
                }
            }
            return unsettled;
        }, desk);

        List<GatewayClient.InboxItem> inbox = finance.inbox(500);
        Map<String, PushReceiver.Delivery> received = receiver.received();
        String context = " (seed " + seed + ", gateway log " + log + ")";

        // 1. Every acknowledged envelope reached its recipient, with the bytes that were signed.
        for (Planned planned : pushed) {
            PushReceiver.Delivery delivery = receiver.find(planned.id()).orElseThrow(
                    () -> new AssertionError("acknowledged push " + planned.id() + " never received" + context));
            assertThat(delivery.content()).as("pushed bytes of " + planned.id() + context)
                    .isEqualTo(signedBytes.get(planned.id()));
            assertThat(delivery.sender()).isEqualTo(TestGateway.DESK);
            assertThat(delivery.recipient()).isEqualTo(TestGateway.LAND_OFFICE);
            assertThat(delivery.dossierCode()).isEqualTo(planned.dossierCode());
        }
        assertThat(inbox).as("finance's inbox" + context).hasSize(pulled.size());
        assertThat(inbox.stream().map(GatewayClient.InboxItem::envelopeId).toList()).as("finance's inbox" + context)
                .containsExactlyInAnyOrderElementsOf(pulledIds);

        // 2. Nothing reached anyone that was not acknowledged (tampered envelopes were refused and went nowhere).
        Set<String> acknowledgedPushes = acknowledged.values().stream().filter(Planned::push).map(Planned::id)
                .collect(Collectors.toSet());
        assertThat(received.keySet()).as("envelopes pushed to the land office" + context)
                .isSubsetOf(acknowledgedPushes);
        List<Planned> tampered = all.stream().filter(Planned::tampered).toList();
        assertThat(refused.keySet()).as("tampered envelopes refused" + context)
                .containsExactlyInAnyOrderElementsOf(tampered.stream().map(Planned::id).toList());
        for (Planned planned : tampered) {
            assertThat(received).as("tampered " + planned.id() + context).doesNotContainKey(planned.id());
            assertThat(inbox).as("tampered " + planned.id() + context).noneMatch(i -> i.envelopeId().equals(planned.id()));
            assertThat(statusCode(desk, planned.id())).as("the gateway's record of tampered " + planned.id() + context)
                    .isEqualTo(404);
        }

        // 3. Once in effect: the receiver deduplicates; raw re-pushes happen only for a push cut short by a kill.
        int duplicates = receiver.duplicates();
        assertThat(received).as("pushes received, each once" + context).hasSize(pushed.size());
        assertThat(duplicates).as("raw duplicate pushes: one per kill during a push, at most one per kill" + context)
                .isBetween((int) midPushKills, kills.size());

        // 4. The gateway's own record: nothing left queued, waiting, retrying or dead-lettered.
        Map<String, List<String>> byState = new TreeMap<>();
        for (Planned planned : valid) {
            byState.computeIfAbsent(state(desk, planned.id()) + (planned.push() ? " (push)" : " (pull)"),
                    s -> new ArrayList<>()).add(planned.id());
        }
        assertThat(byState.keySet()).as("delivery states at the end: " + byState + context)
                .containsExactlyInAnyOrder("DELIVERED (push)", "AVAILABLE (pull)");

        // 5. Per dossier, in submission order: the push receiver's arrivals, and the pull inbox (oldest first).
        Map<String, Integer> inboxPosition = new LinkedHashMap<>();
        for (int i = 0; i < inbox.size(); i++) {
            inboxPosition.put(inbox.get(i).envelopeId(), i);
        }
        List<String> outOfOrder = new ArrayList<>();
        for (Map.Entry<String, List<Planned>> dossier : valid.stream()
                .collect(Collectors.groupingBy(Planned::dossierCode, TreeMap::new, Collectors.toList())).entrySet()) {
            List<Planned> inSubmissionOrder = dossier.getValue();
            Map<String, Integer> positions = inSubmissionOrder.get(0).push() ? arrivals : inboxPosition;
            for (int i = 1; i < inSubmissionOrder.size(); i++) {
                String earlier = inSubmissionOrder.get(i - 1).id();
                String later = inSubmissionOrder.get(i).id();
                if (positions.get(earlier) == null || positions.get(later) == null
                        || positions.get(earlier) >= positions.get(later)) {
                    outOfOrder.add(dossier.getKey() + ": " + earlier + " (" + positions.get(earlier) + ") before "
                            + later + " (" + positions.get(later) + ")");
                }
            }
        }
        assertThat(outOfOrder).as("envelopes of one dossier out of submission order" + context).isEmpty();
        Duration reconcilePhase = Duration.between(reconcileStarted, Instant.now());

        System.out.printf("""
                CrashRecoveryIT summary (seed %d)
                  envelopes     %d valid (%d push, %d pull) in %d dossiers from %d threads, %d tampered (refused: %s)
                  acknowledged  %d, of them %d as replayed receipts; %d transport errors and %d 5xx/429 answers retried
                  kills         %d: %s
                  pushes        %d received once, %d raw duplicates, %d first attempts failed on purpose (%d planned)
                  pulls         %d available in finance's inbox
                  gateway log   %s (%d ERROR lines, %d starts)
                  durations     first start %d ms, submissions with kills %d ms, reconciliation %d ms, total %d ms
                """, seed, valid.size(), pushed.size(), pulled.size(), DOSSIERS, SUBMITTERS, tampered.size(),
                new TreeMap<>(refused).values().stream().distinct().toList(),
                acknowledged.size(), replayedReceipts.get(), transportErrors.get(), serverErrors.get(),
                kills.size(), kills.stream().map(k -> "#%d%s at %d acks (%d in flight, %d pushes outstanding, ready in %d ms)"
                        .formatted(k.number(), k.midPush() ? " mid-push" : "", k.acknowledgedAt(), k.requestsInFlight(),
                                k.pushesOutstanding(), k.restartedIn().toMillis())).collect(Collectors.joining("; ")),
                received.size(), duplicates, inducedPushFailures.get(), failingPushes,
                inbox.size(), log, gateway.logLines(" ERROR "), gateway.starts(),
                firstStart.toMillis(), submissionPhase.toMillis(), reconcilePhase.toMillis(),
                Duration.between(testStarted, Instant.now()).toMillis());
        passed = true;
    }

    /**
     * The plan per submitter thread: each thread owns whole dossiers (alternately to the land
     * office and to finance) and submits round by round, one envelope of each of its dossiers
     * per round, so consecutive envelopes of a dossier have others between them. Tampered
     * envelopes are mixed in at random places.
     */
    private static List<List<Planned>> plan(Random random) {
        List<List<Planned>> plans = new ArrayList<>();
        for (int submitter = 0; submitter < SUBMITTERS; submitter++) {
            List<String[]> dossiers = new ArrayList<>();
            for (int d = submitter; d < DOSSIERS; d += SUBMITTERS) {
                dossiers.add(new String[] {"%s-261127-%04d".formatted(TestGateway.DESK, d + 1),
                        d % 2 == 0 ? TestGateway.LAND_OFFICE : TestGateway.FINANCE});
            }
            List<Planned> plan = new ArrayList<>();
            for (int round = 0; round < ENVELOPES_PER_DOSSIER; round++) {
                for (String[] dossier : dossiers) {
                    plan.add(planned(dossier[0], dossier[1], submitter, false));
                }
            }
            for (int t = 0; t < TAMPERED_PER_SUBMITTER; t++) {
                String[] dossier = dossiers.get(random.nextInt(dossiers.size()));
                plan.add(random.nextInt(plan.size() + 1), planned(dossier[0], dossier[1], submitter, true));
            }
            plans.add(List.copyOf(plan));
        }
        return plans;
    }

    private static Planned planned(String dossierCode, String recipient, int submitter, boolean tampered) {
        TestEnvelopes.Builder builder = TestEnvelopes.handoff().to(recipient).dossier(dossierCode);
        return new Planned(builder.id(), recipient, dossierCode, submitter, builder.xml(), tampered);
    }

    /**
     * The push endpoint's handler: fails the first attempt of the chosen envelopes, holds a push
     * unanswered while a mid-push kill is prepared, and records the order of arrival.
     */
    private void receive(PushReceiver.Delivery delivery) {
        if (failFirstPush.remove(delivery.envelopeId())) {
            inducedPushFailures.incrementAndGet();
            throw new IllegalStateException("first push of " + delivery.envelopeId() + " fails on purpose");
        }
        CountDownLatch hold = pushHold;
        if (hold != null) {
            pushesHeldNow.incrementAndGet();
            try {
                if (!hold.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("push of " + delivery.envelopeId() + " held for 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while holding a push", e);
            } finally {
                pushesHeldNow.decrementAndGet();
            }
        }
        // Taken: the endpoint keeps it whether or not its answer reaches the gateway.
        arrivals.computeIfAbsent(delivery.envelopeId(), id -> arrivalSequence.getAndIncrement());
    }

    /** One submitter thread: each envelope signed once, its bytes sent until the gateway gives a definite answer. */
    private void submitAll(List<Planned> plan, EnvelopeSigning signing, String token, HttpClient http)
            throws InterruptedException {
        for (Planned planned : plan) {
            byte[] signed = signing.sign(planned.xml().getBytes(StandardCharsets.UTF_8));
            if (planned.tampered()) {
                signed = tamper(signed);
            }
            signedBytes.put(planned.id(), signed);
            submit(planned, signed, token, http);
        }
    }

    private void submit(Planned planned, byte[] signed, String token, HttpClient http) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(gateway.baseUri().resolve("/api/v1/envelopes"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/xml")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed))
                .build();
        Instant giveUp = Instant.now().plus(SUBMIT_TIMEOUT);
        while (true) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("no definite answer for envelope " + planned.id() + " within " + SUBMIT_TIMEOUT
                        + "; gateway log " + gateway.log());
            }
            HttpResponse<String> response;
            requestsInFlight.incrementAndGet();
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // The gateway died under the request, or is not up yet: the envelope may or may not be stored.
                transportErrors.incrementAndGet();
                gateway.awaitReachable(READY_TIMEOUT);
                continue;
            } finally {
                requestsInFlight.decrementAndGet();
            }
            int status = response.statusCode();
            if (status == 202 && !planned.tampered()) {
                if (response.headers().firstValue("Lienthong-Receipt-Replayed").map(Boolean::parseBoolean).orElse(false)) {
                    replayedReceipts.incrementAndGet();
                }
                acknowledged.put(planned.id(), planned);
                return;
            }
            if (status >= 500 || status == 429) {
                serverErrors.incrementAndGet();
                gateway.awaitReachable(READY_TIMEOUT);
                continue;
            }
            if (planned.tampered() && status >= 400 && status < 500) {
                refused.put(planned.id(), status + " " + problemCode(response.body()));
                return;
            }
            throw new AssertionError("envelope " + planned.id() + (planned.tampered() ? " (tampered)" : "")
                    + " answered " + status + ": " + response.body() + "; gateway log " + gateway.log());
        }
    }

    /** Changes a signed text node, so the signature no longer verifies. */
    private static byte[] tamper(byte[] signed) {
        String original = new String(signed, StandardCharsets.UTF_8);
        String changed = original.replace("Trần Thị Bình", "Trần Thị Bính");
        if (changed.equals(original)) {
            throw new AssertionError("the signed envelope does not contain the applicant's name to tamper with");
        }
        return changed.getBytes(StandardCharsets.UTF_8);
    }

    private void awaitAcknowledgements(int count, List<Future<Void>> running) {
        try {
            await("%d acknowledgements".formatted(count)).atMost(ACK_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        running.stream().filter(Future::isDone).forEach(CrashRecoveryIT::awaitSubmitter);
                        return acknowledged.size() >= count;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("only " + acknowledged.size() + " of the " + count + " acknowledgements before the "
                    + "next kill came within " + ACK_TIMEOUT + "; gateway log " + gateway.log() + "\n"
                    + gateway.logTail(30), e);
        }
    }

    /** Waits until the endpoint holds a push, taken but unanswered. */
    private void awaitHeldPush(List<Future<Void>> running) {
        try {
            await("a push held by the endpoint").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        running.stream().filter(Future::isDone).forEach(CrashRecoveryIT::awaitSubmitter);
                        return pushesHeldNow.get() > 0;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no push reached the endpoint within 60 s; gateway log " + gateway.log(), e);
        }
    }

    private static void awaitSubmitter(Future<Void> submitter) {
        TestTasks.await(submitter, SUBMIT_TIMEOUT, "a submitter");
    }

    /**
     * Waits until {@code outstanding} returns nothing; on timeout fails with what is still
     * outstanding and where the gateway has it.
     */
    private void awaitReconciled(String what, Duration within, Callable<List<String>> outstanding,
                                 GatewayClient desk) {
        List<List<String>> last = new ArrayList<>(List.of(List.of()));
        try {
            await(what).atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
                last.set(0, outstanding.call());
                return last.get(0).isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            String detail = last.get(0).stream().limit(20).map(id -> "  " + id + " " + describe(desk, id))
                    .collect(Collectors.joining("\n"));
            throw new AssertionError("not reconciled within " + within + ": " + what + "; " + last.get(0).size()
                    + " outstanding, for example:\n" + detail + "\ngateway log " + gateway.log() + ", data folder "
                    + gateway.dataDir() + " (kept)", e);
        }
    }

    private String describe(GatewayClient desk, String id) {
        Planned planned = acknowledged.get(id);
        try {
            JsonNode recipient = desk.get("envelopes/" + id).get("recipients").get(0);
            return "to " + recipient.get("agency").asString() + " in dossier "
                    + (planned == null ? "?" : planned.dossierCode()) + ": " + recipient.get("state").asString()
                    + ", attempts " + recipient.get("attempts").asInt() + ", last error " + recipient.get("lastError")
                    + ", history " + recipient.get("history") + ", received by the endpoint "
                    + (receiver.find(id).isPresent());
        } catch (GatewayProblemException | UncheckedIOException e) {
            return "(status unavailable: " + e.getMessage() + ")";
        }
    }

    private static String state(GatewayClient desk, String id) {
        return desk.get("envelopes/" + id).get("recipients").get(0).get("state").asString();
    }

    private static int statusCode(GatewayClient desk, String id) {
        try {
            desk.get("envelopes/" + id);
            return 200;
        } catch (GatewayProblemException e) {
            return e.status();
        }
    }

    private int pushesOutstanding() {
        return (int) acknowledged.values().stream().filter(Planned::push)
                .filter(p -> receiver.find(p.id()).isEmpty()).count();
    }

    private static String problemCode(String body) {
        try {
            return TestHttp.JSON.readTree(body).path("code").asString("?");
        } catch (RuntimeException notJson) {
            return "?";
        }
    }
}
