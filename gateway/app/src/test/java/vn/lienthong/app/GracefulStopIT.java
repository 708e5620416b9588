package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.EnvelopeSigning;

/**
 * The gateway stopped with SIGTERM, as systemd or Kubernetes stop it, while agencies are
 * submitting: it stops within its grace period, nothing fails for want of the database on the
 * way (it stays open until the last part of the gateway that uses it has stopped), and every
 * envelope it acknowledged before it stopped is there, and is delivered, once it runs again on
 * the same data. Runs the packaged jar in its own JVM.
 *
 * <p>No line of the stop may be an ERROR: before the database was opened through H2's
 * {@code retry:} file system, a task Spring interrupted as it stopped closed H2's file under the
 * others, and the outbox relay's last send, the lock repository's close and a portal relay round
 * failed at some stops. The log is kept under {@code target/graceful-stop}.
 */
class GracefulStopIT {

    private static final int SUBMITTERS = 4;
    private static final int ACKNOWLEDGED_BEFORE_STOP = 20;

    @TempDir
    Path folder;

    private final Set<String> pushed = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer receiver;
    private GatewayProcess gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /** Four agencies' systems submit until SIGTERM / result: the database outlives the work, and nothing acknowledged is lost. */
    @Test
    void aGatewayStoppedWhileSubmissionsArriveKeepsItsDatabaseToTheEndAndWhatItAcknowledged() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        receiver.createContext("/push", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
                pushed.add(exchange.getRequestHeaders().getFirst("Lienthong-Envelope-Id"));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        Path logs = Files.createDirectories(Path.of("target", "graceful-stop"));
        gateway = new GatewayProcess(folder.resolve("data"), GatewayProcess.freePort(),
                URI.create("http://localhost:" + receiver.getAddress().getPort() + "/push"),
                logs.resolve("gateway-" + System.currentTimeMillis() + ".log"));
        gateway.start(Duration.ofMinutes(3));
        EnvelopeSigning signing = new EnvelopeSigning(gateway.signingKey(TestGateway.DESK));
        String token = gateway.token(TestGateway.DESK);

        ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
        List<Future<Void>> running = IntStream.range(0, SUBMITTERS)
                .mapToObj(n -> submitters.submit(() -> submitUntilStopped(signing, token))).toList();
        await("acknowledgements before the stop").atMost(Duration.ofMinutes(2))
                .until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_STOP);

        stopping.set(true);
        int exitCode = gateway.stop(Duration.ofSeconds(60));
        for (Future<Void> submitter : running) {
            submitter.get(60, TimeUnit.SECONDS);
        }
        submitters.shutdown();

        assertThat(exitCode).as("SIGTERM ends the JVM through its shutdown hooks").isEqualTo(143);
        List<String> errors = Files.readAllLines(gateway.log(), StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(" ERROR ") || line.contains("already closed")).toList();
        assertThat(errors).as("work that failed as the gateway stopped; the log: " + gateway.log()).isEmpty();

        gateway.start(Duration.ofMinutes(3));
        await("every acknowledged envelope delivered after the restart").atMost(Duration.ofMinutes(2))
                .until(() -> pushed.containsAll(acknowledged));
        for (String id : acknowledged) {
            HttpResponse<String> state = http.send(HttpRequest.newBuilder(gateway.baseUri().resolve("/api/v1/envelopes/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(state.statusCode()).as(id + ": " + state.body()).isEqualTo(200);
        }
    }

    /**
     * Submits new envelopes one after another. Before the stop every one must be accepted;
     * once it began, the gateway may finish a submission, refuse it or be gone, and the loop ends.
     */
    private Void submitUntilStopped(EnvelopeSigning signing, String token) throws InterruptedException {
        while (true) {
            TestEnvelopes.Builder envelope = TestEnvelopes.handoff().from(TestGateway.DESK).to(TestGateway.LAND_OFFICE);
            byte[] signed = signing.sign(envelope.xml().getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(gateway.baseUri().resolve("/api/v1/envelopes"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/xml")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(signed)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (stopping.get()) {
                    return null;
                }
                throw new AssertionError("submission failed before the stop", e);
            }
            if (response.statusCode() == 202) {
                acknowledged.add(envelope.id());
            } else if (stopping.get()) {
                return null;
            } else {
                throw new AssertionError("refused before the stop: " + response.statusCode() + " " + response.body());
            }
        }
    }
}
