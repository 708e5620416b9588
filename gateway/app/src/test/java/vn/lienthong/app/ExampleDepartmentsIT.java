package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.ReceiptVerification;

/**
 * The example department system (examples/department) as the README tutorial runs it: the land
 * registration office (push) and the finance department (pull), each its own JVM started from
 * the example's runnable jar with its demo profile, in a folder whose {@code data/} is the test
 * gateway's data folder, so they read the demo material exactly as {@code examples/run-demo}
 * has them read it. Only the ports and the processing time differ.
 */
class ExampleDepartmentsIT {

    static final Path JAR = Path.of("..", "..", "examples", "department", "target", "lienthong-example-department.jar");
    static final Path TUTORIAL_ENVELOPE = Path.of("..", "..", "docs", "tutorial", "department-handoff.xml");
    static final String DOSSIER = "000.00.01.H53-261127-0002";

    private final Path runDir = newRunDir();
    private final List<Process> departments = new ArrayList<>();
    private TestGateway gateway;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process department : departments) {
            department.destroy();
            department.waitFor(30, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close();
        }
        FileSystemUtils.deleteRecursively(runDir.toFile());
    }

    /**
     * Submits the tutorial's dossier to the land office as the desk / result: the land office
     * hands it to finance, finance returns its result to the land office, the land office returns
     * the result to the desk with status 9; the timeline shows the four hand-offs and the desk
     * finds the result in its inbox.
     */
    @Test
    void tutorialDossierMovesThroughTheExampleDepartmentsBackToTheDesk() throws IOException {
        int landOfficePort = GatewayProcess.freePort();
        gateway = TestGateway.start(runDir.resolve("data"),
                URI.create("http://localhost:" + landOfficePort + "/lienthong/deliveries"));
        startDepartment("land-office", "--server.port=" + landOfficePort);
        startDepartment("finance");

        byte[] signed = gateway.sign(TestGateway.DESK, Files.readString(TUTORIAL_ENVELOPE, StandardCharsets.UTF_8));
        GatewayClient desk = gateway.client(TestGateway.DESK);
        new ReceiptVerification(gateway.gatewayCertificate()).verify(desk.submit(signed).receipt(), signed);

        GatewayClient.InboxItem result = await("the land office's result in the desk's inbox")
                .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> resultAtTheDesk(desk), item -> item != null);
        assertThat(result.sender()).isEqualTo(TestGateway.LAND_OFFICE);
        desk.fetch(result.envelopeId());
        desk.acknowledge(result.envelopeId());

        JsonNode dossier = desk.get("dossiers/" + DOSSIER);
        assertThat(dossier.get("status").asInt()).as("processed").isEqualTo(9);
        assertThat(dossier.get("statusHistory").findValues("status").stream().map(JsonNode::asInt).toList())
                .as("being processed, reported again by each department as it took the dossier, then processed")
                .startsWith(4).endsWith(9);
        JsonNode handoffs = dossier.get("handoffs");
        assertThat(handoffs.findValues("giver").stream().map(giver -> giver.get("code").asString()).toList())
                .containsExactly(TestGateway.DESK, TestGateway.LAND_OFFICE, TestGateway.FINANCE, TestGateway.LAND_OFFICE);
        assertThat(handoffs.findValues("taker").stream().map(taker -> taker.get("code").asString()).toList())
                .containsExactly(TestGateway.LAND_OFFICE, TestGateway.FINANCE, TestGateway.LAND_OFFICE, TestGateway.DESK);
        assertThat(handoffs.valueStream().map(handoff -> handoff.path("step").isString() ? handoff.get("step").asString() : "")
                .toList()).containsExactly("Thẩm định hồ sơ", "Xác định nghĩa vụ tài chính", "", "Trả kết quả cho công dân");
        for (JsonNode handoff : handoffs) {
            assertThat(handoff.get("takenAt").isNull()).as("taken: %s", handoff).isFalse();
        }
        assertThat(handoffs.get(0).get("state").asString()).as("the land office finished its step").isEqualTo("DONE");
        assertThat(handoffs.get(1).get("state").asString()).as("finance finished its step").isEqualTo("DONE");
        assertThat(handoffs.get(1).get("giverOfficer").asString()).isEqualTo("Lê Văn Cường");
    }

    private static GatewayClient.InboxItem resultAtTheDesk(GatewayClient desk) {
        return desk.inbox(100).stream()
                .filter(item -> item.kind().equals("result") && DOSSIER.equals(item.dossierCode()))
                .findFirst().orElse(null);
    }

    private void startDepartment(String profile, String... overrides) {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError("the example department's jar " + JAR.toAbsolutePath() + " is missing; build it "
                    + "with the gateway: ./mvnw -pl gateway/app -am verify -Dit.test=" + getClass().getSimpleName());
        }
        List<String> command = new ArrayList<>(List.of(GatewayProcess.javaCommand(), "-XX:TieredStopAtLevel=1",
                "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(),
                "--spring.profiles.active=" + profile,
                "--department.gateway=" + gateway.baseUri(),
                "--department.processing-time=500ms",
                "--department.poll-interval=500ms"));
        command.addAll(List.of(overrides));
        Path log = Path.of("target", "example-" + profile + ".log");
        try {
            departments.add(new ProcessBuilder(command).directory(runDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private static Path newRunDir() {
        try {
            return Files.createTempDirectory("lienthong-example-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
