package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.tomcat.util.net.openssl.ciphers.OpenSSLCipherConfigurationParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.core.access.ApiTokens;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;

/**
 * Two gateways in this JVM on one PostgreSQL database and one broker (an Artemis server in
 * this JVM, reached over TCP), as two replicas behind a load balancer: they start at the same
 * moment on an empty database and both apply the registry file; an agency registered and
 * then changed through the admin API of one is served by the other without a restart.
 */
class SharedRegistryIT {

    private static final Duration CONVERGED = Duration.ofSeconds(20);

    /** What the test started, closed last first. */
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<Path> folders = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        while (!running.isEmpty()) {
            running.pop().close();
        }
        for (Path folder : folders) {
            FileSystemUtils.deleteRecursively(folder);
        }
    }

    /**
     * A and B start together; an admin registers a push agency on A, then changes its endpoint,
     * token and certificate on A, and A stops / result: both starts succeed with one copy of each
     * file agency; B accepts the agency's token and routes a dossier to it, pushed to its
     * endpoint; after the change B refuses the old token, takes the new one and the new
     * certificate's signature, and, alone, pushes to the new endpoint.
     */
    @Test
    void agencyRegisteredOnOneGatewayIsServedByTheOther() throws Exception {
        PushReceiver first = new PushReceiver(0, "/push", delivery -> { });
        running.push(first);
        PushReceiver second = new PushReceiver(0, "/push", delivery -> { });
        running.push(second);
        // A's data folder holds the material both gateways share, as a mounted secret would.
        Path shared = folder();
        Path ownOfB = folder();
        DemoProvisioning.provision(shared, endpoint(first).toString());
        int brokerPort = GatewayProcess.freePort();
        EmbeddedActiveMQ broker = broker(brokerPort);
        running.push(broker::stop);
        String database = TestPostgres.newDatabase();

        // Tomcat fills its cipher table on first use without a lock; two connectors starting at
        // once in one JVM (never the case for real replicas) can trip over each other there.
        OpenSSLCipherConfigurationParser.parse("HIGH");
        // As an orchestrator starts replicas: at once, on an empty database, each applying the file.
        CompletableFuture<TestGateway> startingA = CompletableFuture.supplyAsync(() ->
                TestGateway.startOnPostgres(database, shared, endpoint(first), replicaArgs(shared, brokerPort)));
        CompletableFuture<TestGateway> startingB = CompletableFuture.supplyAsync(() ->
                TestGateway.startOnPostgres(database, ownOfB, endpoint(first), replicaArgs(shared, brokerPort)));
        for (CompletableFuture<TestGateway> starting : List.of(startingA, startingB)) {
            TestGateway started = starting.handle((gateway, failure) -> gateway).get(2, TimeUnit.MINUTES);
            if (started != null) {
                running.push(started);
            }
        }
        TestGateway a = startingA.get();
        TestGateway b = startingB.get();
        List<String> fileAgencies = List.of(TestGateway.DESK, TestGateway.LAND_OFFICE, TestGateway.FINANCE);
        assertThat(a.jdbc().sql("SELECT code FROM agency").query(String.class).list())
                .as("one row per agency of the file").containsAll(fileAgencies).doesNotHaveDuplicates();
        assertThat(codes(b)).isEqualTo(codes(a));

        TestAgencies.Registered agency = TestAgencies.pushAgency(a, endpoint(first).toString(), Map.of());
        await("B takes the new agency's token").atMost(CONVERGED).until(() -> inboxStatus(b, agency.token()) == 200);
        GatewayClient deskOnB = new GatewayClient(b.baseUri(), a.token(TestGateway.DESK), Duration.ofSeconds(30));
        TestEnvelopes.Builder toNewAgency = TestEnvelopes.handoff().to(agency.code());
        deskOnB.submit(a.sign(TestGateway.DESK, toNewAgency.xml()));
        await("pushed to the agency's endpoint").atMost(CONVERGED)
                .until(() -> first.find(toNewAgency.id()).isPresent());

        SigningKey newKey = a.demoCa().issueSigningKey("test agency", "test", KeyType.EC_P256, Duration.ofDays(30));
        String newToken = ApiTokens.generate();
        TestAgencies.put(a, agency.code(), Map.of("name", "Cơ quan thử nghiệm " + agency.code(),
                "deliveryMode", "push", "endpoint", endpoint(second).toString(),
                "certificates", List.of(PemCertificates.toPem(newKey.certificate())),
                "apiTokenSha256", ApiTokens.sha256(newToken)), 200);
        await("B takes the new token").atMost(CONVERGED).until(() -> inboxStatus(b, newToken) == 200);
        assertThat(inboxStatus(b, agency.token())).as("the old token").isEqualTo(401);

        a.close();
        running.remove(a);
        TestEnvelopes.Builder afterChange = TestEnvelopes.handoff().to(agency.code());
        deskOnB.submit(a.sign(TestGateway.DESK, afterChange.xml()));
        await("pushed by B to the new endpoint").atMost(CONVERGED)
                .until(() -> second.find(afterChange.id()).isPresent());
        assertThat(first.find(afterChange.id())).as("nothing to the old endpoint").isEmpty();
        TestEnvelopes.Builder fromAgency = TestEnvelopes.handoff().from(agency.code()).to(TestGateway.FINANCE);
        GatewayClient.Submitted signedWithNewKey = new GatewayClient(b.baseUri(), newToken, Duration.ofSeconds(30))
                .submit(new EnvelopeSigning(newKey).sign(TestEnvelopes.utf8(fromAgency.xml())));
        assertThat(signedWithNewKey.replayed()).as("accepted by B, first time").isFalse();
    }

    /** What every replica is given: the shared database, broker and files, and a quick registry refresh. */
    private static String[] replicaArgs(Path shared, int brokerPort) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.artemis.mode=native",
                "--spring.artemis.broker-url=tcp://localhost:" + brokerPort,
                "--lienthong.agencies.refresh-interval=200ms"));
        args.addAll(TestGateway.sharedDemoMaterialArgs(shared));
        return args.toArray(String[]::new);
    }

    /** The broker both gateways share, accepting on a TCP port only, as an external one does. */
    private static EmbeddedActiveMQ broker(int port) throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setPersistenceEnabled(false);
        configuration.setSecurityEnabled(false);
        configuration.setJMXManagementEnabled(false);
        configuration.addAcceptorConfiguration("tcp", "tcp://localhost:" + port);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        return broker.start();
    }

    private static int inboxStatus(TestGateway gateway, String token) {
        return TestHttp.send(gateway, "GET", "inbox", token, null, null).statusCode();
    }

    private static List<String> codes(TestGateway gateway) {
        return gateway.bean(AgencyRegistry.class).all().stream().map(agency -> agency.code().value()).sorted().toList();
    }

    private static URI endpoint(PushReceiver receiver) {
        return URI.create("http://localhost:" + receiver.port() + "/push");
    }

    private Path folder() {
        Path folder = TestGateway.newDataDir();
        folders.add(folder);
        return folder;
    }
}
