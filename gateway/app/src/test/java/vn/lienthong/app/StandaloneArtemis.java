package vn.lienthong.app;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A broker of the official Artemis distribution (unpacked by the build's profile {@code scale})
 * in its own JVM, made with {@code artemis create} and configured by one of the files in
 * deploy/artemis, untouched: its settings come as the system properties those files read.
 */
final class StandaloneArtemis implements AutoCloseable {

    /** Set by the profile scale: the unpacked distribution, and deploy/artemis. */
    static final String HOME_PROPERTY = "lienthong.scale.artemis-home";
    static final String CONFIG_PROPERTY = "lienthong.scale.broker-config";

    /** Logged by a broker that serves clients, and by a backup that holds a full copy of the primary's journal. */
    static final String ACTIVE = "AMQ221007";
    static final String BACKUP_IN_SYNC = "AMQ221024";

    private final Path instance;
    private final Path log;
    private final Map<String, String> properties;
    private volatile @Nullable Process process;

    private StandaloneArtemis(Path instance, Map<String, String> properties) {
        this.instance = instance;
        this.log = instance.resolve("broker.log");
        this.properties = properties;
    }

    /** The distribution and the configuration folder, if the build provided them. */
    static Optional<Path[]> distribution() {
        String home = System.getProperty(HOME_PROPERTY);
        String config = System.getProperty(CONFIG_PROPERTY);
        if (home == null || config == null || !Files.isExecutable(Path.of(home, "bin", "artemis"))
                || !Files.isDirectory(Path.of(config))) {
            return Optional.empty();
        }
        return Optional.of(new Path[] {Path.of(home), Path.of(config)});
    }

    /**
     * Makes a broker instance with one user (in role {@code lienthong}, as the deploy files
     * expect) and puts {@code <config>/<role>/broker.xml} in its etc folder.
     */
    static StandaloneArtemis create(Path home, Path config, String role, Path instance, String user, String password,
                                    Map<String, String> properties) {
        run(List.of(home.resolve("bin").resolve("artemis").toString(), "create", instance.toString(), "--silent",
                "--force", "--no-web", "--no-autotune", "--nio", "--require-login", "--user", user, "--password",
                password, "--role", "lienthong"), instance.getParent().resolve(instance.getFileName() + "-create.log"));
        try {
            Files.copy(config.resolve(role).resolve("broker.xml"), instance.resolve("etc").resolve("broker.xml"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StandaloneArtemis(instance, properties);
    }

    /** Starts {@code bin/artemis run} and returns at once; wait with {@link #awaitLog}. */
    void start() {
        List<String> command = List.of(instance.resolve("bin").resolve("artemis").toString(), "run");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // A small heap for a test broker; the settings the deploy files read, as system properties.
        builder.environment().put("JAVA_ARGS", "-Xms64m -Xmx512m -Dlog4j2.disableJmx=true "
                + "--add-opens java.base/jdk.internal.misc=ALL-UNNAMED");
        builder.environment().put("JAVA_ARGS_APPEND", properties.entrySet().stream()
                .map(e -> "-D" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits until the broker's log contains {@code marker} (an AMQ message code), failing early if it exits. */
    void awaitLog(String marker, Duration within) {
        try {
            await(instance.getFileName() + " logs " + marker).atMost(within).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        Process running = process;
                        if (running == null || !running.isAlive()) {
                            throw new AssertionError("broker " + instance.getFileName() + " is not running; its log:\n"
                                    + logTail(40));
                        }
                        return logContains(marker);
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("broker " + instance.getFileName() + " did not log " + marker + " within " + within
                    + "; its log:\n" + logTail(40), e);
        }
    }

    boolean logContains(String marker) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL, as a lost machine. */
    void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
        try {
            running.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return log;
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static void run(List<String> command, Path output) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError("`artemis create` failed; its output:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while creating a broker instance", e);
        }
    }
}
