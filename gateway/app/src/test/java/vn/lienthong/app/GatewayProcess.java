package vn.lienthong.app;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.signature.SigningKey;

/**
 * A real gateway in its own JVM, started from the runnable jar the build packaged
 * ({@code target/lienthong-gateway.jar}, relative to the module, which is failsafe's working
 * directory). It keeps its data folder and port across restarts, so it can be killed with
 * SIGKILL and started again on the same state; its output is appended to one log file for
 * all of its lives.
 */
final class GatewayProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "lienthong-gateway.jar");

    private final Path dataDir;
    private final int port;
    private final URI pushEndpoint;
    private final Path log;
    private final List<String> overrides;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private volatile @Nullable Process process;
    private int starts;

    /**
     * @param overrides further {@code --key=value} settings, after the ones every start gets
     */
    GatewayProcess(Path dataDir, int port, URI pushEndpoint, Path log, String... overrides) {
        this.dataDir = dataDir;
        this.port = port;
        this.pushEndpoint = pushEndpoint;
        this.log = log;
        this.overrides = List.of(overrides);
    }

    /** The runnable jar, or an AssertionError saying how to build it. */
    static Path jar() {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError("the runnable jar " + JAR.toAbsolutePath() + " is missing; this test runs the "
                    + "gateway in its own JVM and needs the jar the build packages: run it through failsafe after "
                    + "`package`, e.g. ./mvnw -pl gateway/app -am verify -Dit.test=" + CrashRecoveryIT.class.getSimpleName());
        }
        return JAR;
    }

    /** A port that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the JVM and waits until the gateway reports itself ready; fails early if the JVM dies. */
    Duration start(Duration readyWithin) {
        Process running = process;
        if (running != null && running.isAlive()) {
            throw new IllegalStateException("the gateway is already running as pid " + running.pid());
        }
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-XX:TieredStopAtLevel=1", "-Xmx512m",
                "-jar", jar().toString(),
                "--server.port=" + port,
                "--lienthong.tls.port=0",
                "--lienthong.data-dir=" + dataDir,
                "--lienthong.demo.push-endpoint=" + pushEndpoint));
        command.addAll(TestPostgres.defaultGatewayArgs(dataDir, overrides.toArray(String[]::new)));
        command.addAll(TestGateway.portalSimulatorArgs(overrides.toArray(String[]::new)));
        command.addAll(overrides);
        starts++;
        appendToLog("%n===== gateway start #%d at %s: %s%n".formatted(starts, Instant.now(),
                String.join(" ", command)));
        Instant begun = Instant.now();
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Process started = process;
        try {
            await("gateway start #" + starts + " ready").atMost(readyWithin).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!started.isAlive()) {
                            throw new AssertionError("the gateway JVM (start #" + starts + ") exited with "
                                    + started.exitValue() + " before it was ready; its log: " + log.toAbsolutePath()
                                    + "\n" + logTail(40));
                        }
                        return ready();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the gateway (start #" + starts + ", pid " + started.pid() + ") was not ready within "
                    + readyWithin + "; its log: " + log.toAbsolutePath() + "\n" + logTail(40), e);
        }
        return Duration.between(begun, Instant.now());
    }

    /**
     * SIGKILL (on Linux {@code destroyForcibly} is {@code kill -9}): no shutdown hook, no
     * graceful stop, nothing flushed that was not already durable.
     *
     * @return the JVM's exit code (137 after SIGKILL)
     */
    int kill() {
        Process running = running();
        running.destroyForcibly();
        return awaitExit(running, "killed", "SIGKILL", Duration.ofSeconds(30));
    }

    /**
     * SIGTERM, as systemd or Kubernetes stop a service: the gateway's shutdown hooks run and
     * it stops gracefully.
     *
     * @return the JVM's exit code (143 after SIGTERM)
     */
    int stop(Duration within) {
        Process running = running();
        running.destroy();
        return awaitExit(running, "stopped", "SIGTERM", within);
    }

    private Process running() {
        Process running = process;
        if (running == null) {
            throw new IllegalStateException("the gateway was never started");
        }
        return running;
    }

    /** Waits for the JVM sent {@code signal} to exit, notes it in the log and returns its exit code. */
    private int awaitExit(Process running, String how, String signal, Duration within) {
        try {
            if (!running.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the gateway (pid " + running.pid() + ") survived " + signal + " for " + within
                        + "; its log: " + log.toAbsolutePath() + "\n" + logTail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the gateway to exit after " + signal, e);
        }
        appendToLog("%n===== gateway %s pid %d (start #%d) with %s at %s, exit code %d%n".formatted(
                how, running.pid(), starts, signal, Instant.now(), running.exitValue()));
        return running.exitValue();
    }

    /**
     * Waits until the gateway answers ready again, without minding that it is down meanwhile
     * (another thread may be killing and restarting it). Waits a little first, so a caller
     * that retries after every failure does not spin.
     */
    void awaitReachable(Duration within) {
        try {
            await("gateway reachable").pollDelay(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(250))
                    .atMost(within).until(this::ready);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the gateway did not come back within " + within + "; its log: "
                    + log.toAbsolutePath() + "\n" + logTail(40), e);
        }
    }

    /** True if {@code /actuator/health/readiness} answers 200 now. */
    boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(baseUri().resolve("/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    int starts() {
        return starts;
    }

    Path log() {
        return log;
    }

    /** How many lines of the log, over all its starts, contain {@code marker}; -1 if it cannot be read. */
    long logLines(String marker) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(marker)).count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    Path dataDir() {
        return dataDir;
    }

    /** An agency's demo API token, written by the first start. */
    String token(String agency) {
        try {
            return Files.readString(dataDir.resolve("demo").resolve(agency).resolve("api-token"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An agency's demo signing key, written by the first start. */
    SigningKey signingKey(String agency) {
        return SigningKey.fromPkcs12(dataDir.resolve("demo").resolve(agency).resolve("signing-key.p12"),
                DemoProvisioning.DEMO_KEY_PASSWORD.toCharArray());
    }

    /** The last lines of the log, for failure messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Kills the JVM if it still runs. */
    @Override
    public void close() {
        Process running = process;
        if (running != null && running.isAlive()) {
            kill();
        }
    }

    private void appendToLog(String text) {
        try {
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaCommand() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(fromHome) ? fromHome.toString()
                : ProcessHandle.current().info().command().orElse("java");
    }
}
