package vn.lienthong.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.app.demo.DemoPortalSimulator;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.dvcqg.simulator.PortalSimulator;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;

/**
 * A real gateway for tests: the whole application on a random port, with its own data
 * folder, embedded Artemis and H2 (or PostgreSQL: {@link #startOnPostgres}), and the demo
 * agencies (the push agency pushing to the given endpoint).
 */
final class TestGateway implements AutoCloseable {

    private static final ReentrantLock LOGGING_SETUP = new ReentrantLock();

    static final String DESK = "000.00.01.H53";
    static final String LAND_OFFICE = "000.01.12.H53";
    static final String FINANCE = "000.00.05.H53";

    private final ConfigurableApplicationContext context;
    private final Path dataDir;

    private TestGateway(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
    }

    /** Starts a gateway on {@code dataDir}; extra arguments override settings, as on a command line. */
    static TestGateway start(Path dataDir, URI pushEndpoint, String... overrides) {
        return start(dataDir, pushEndpoint, (Clock) null, overrides);
    }

    /** As above, with the gateway's clock replaced by {@code clock} when not null. */
    static TestGateway start(Path dataDir, URI pushEndpoint, Clock clock, String... overrides) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--lienthong.tls.port=0",
                "--lienthong.data-dir=" + dataDir,
                "--lienthong.demo.push-endpoint=" + pushEndpoint,
                "--lienthong.delivery.retry.initial-delay=100ms",
                "--lienthong.delivery.retry.max-delay=1s",
                "--lienthong.delivery.retry.max-attempts=100",
                "--lienthong.delivery.push-timeout=5s"));
        args.addAll(TestPostgres.defaultGatewayArgs(dataDir, overrides));
        args.addAll(portalSimulatorArgs(overrides));
        args.addAll(List.of(overrides));
        SpringApplicationBuilder application = new SpringApplicationBuilder(LienthongApplication.class)
                .listeners(TestGateway::oneLoggingSetupAtATime);
        if (clock != null) {
            application.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        }
        ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
        return new TestGateway(context, dataDir);
    }

    /**
     * Gateways started at once in this JVM (replicas in SharedRegistryIT) take turns setting up
     * logging, which is one Logback context per JVM and not safe to configure from two threads;
     * the rest of their start runs in parallel. Real replicas are separate processes.
     */
    private static void oneLoggingSetupAtATime(ApplicationEvent event) {
        if (event instanceof ApplicationStartingEvent) {
            LOGGING_SETUP.lock();
        } else if ((event instanceof ApplicationContextInitializedEvent || event instanceof ApplicationFailedEvent)
                && LOGGING_SETUP.isHeldByCurrentThread()) {
            LOGGING_SETUP.unlock();
        }
    }

    /**
     * The demo's portal simulator stays off unless a test turns it on
     * ({@code --lienthong.demo.portal-simulator.enabled=true}), and then listens on a free port,
     * never the demo's 8095 (see {@link #portalSimulator}).
     */
    static List<String> portalSimulatorArgs(String... overrides) {
        List<String> args = new ArrayList<>();
        if (Stream.of(overrides).noneMatch(arg -> arg.startsWith("--lienthong.demo.portal-simulator.enabled="))) {
            args.add("--lienthong.demo.portal-simulator.enabled=false");
        }
        if (Stream.of(overrides).noneMatch(arg -> arg.startsWith("--lienthong.demo.portal-simulator.port="))) {
            args.add("--lienthong.demo.portal-simulator.port=0");
        }
        return args;
    }

    /**
     * Starts a gateway as {@link #start} does, on a fresh database of the shared test
     * PostgreSQL server instead of H2 (see {@link TestPostgres}).
     */
    static TestGateway startOnPostgres(Path dataDir, URI pushEndpoint, String... overrides) {
        return startOnPostgres(TestPostgres.newDatabase(), dataDir, pushEndpoint, overrides);
    }

    /**
     * Starts a gateway on the PostgreSQL database {@code jdbcUrl}, one that
     * {@link TestPostgres#newDatabase()} made (again, to restart on the same data).
     */
    static TestGateway startOnPostgres(String jdbcUrl, Path dataDir, URI pushEndpoint, String... overrides) {
        List<String> args = new ArrayList<>(List.of(TestPostgres.gatewayArgs(jdbcUrl)));
        args.addAll(List.of(overrides));
        return start(dataDir, pushEndpoint, args.toArray(String[]::new));
    }

    /**
     * The demo material of one data folder given to a gateway that does not create its own, as
     * replicas sharing one registry, gateway key and trust anchors are configured.
     */
    static List<String> sharedDemoMaterialArgs(Path shared) {
        return List.of(
                "--lienthong.demo.enabled=false",
                "--lienthong.agencies.file=" + shared.resolve("demo/agencies.yml"),
                "--lienthong.operators.file=" + shared.resolve("demo/operators.yml"),
                "--lienthong.signing.key-store=" + shared.resolve("keys/gateway.p12"),
                "--lienthong.signing.key-store-password-file=" + shared.resolve("keys/gateway.p12.password"),
                "--lienthong.tls.key-store=" + shared.resolve("keys/tls-server.p12"),
                "--lienthong.tls.key-store-password-file=" + shared.resolve("keys/tls-server.p12.password"),
                "--lienthong.trust.anchors=" + shared.resolve("demo/ca"));
    }

    static Path newDataDir() {
        try {
            return Files.createTempDirectory("lienthong-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUri() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://localhost:" + port);
    }

    String token(String agency) {
        try {
            return Files.readString(dataDir.resolve("demo").resolve(agency).resolve("api-token"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An operator's API token: {@code DemoProvisioning.DEMO_OPERATOR} or {@code DEMO_ADMIN}. */
    String operatorToken(String operator) {
        try {
            return Files.readString(dataDir.resolve("demo/operators").resolve(operator).resolve("api-token"),
                    StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo CA, to issue certificates for tests. */
    DemoCertificateAuthority demoCa() {
        return new DemoCertificateAuthority(SigningKey.fromPkcs12(dataDir.resolve("demo/ca/demo-ca.p12"),
                DemoProvisioning.DEMO_KEY_PASSWORD.toCharArray()));
    }

    /** The HTTPS port with mutual TLS. */
    URI tlsUri() {
        return URI.create("https://localhost:" + bean(TlsConnector.class).port());
    }

    SigningKey signingKey(String agency) {
        return SigningKey.fromPkcs12(dataDir.resolve("demo").resolve(agency).resolve("signing-key.p12"),
                DemoProvisioning.DEMO_KEY_PASSWORD.toCharArray());
    }

    /** Signs an envelope as the agency would. */
    byte[] sign(String agency, String envelopeXml) {
        return new EnvelopeSigning(signingKey(agency)).sign(envelopeXml.getBytes(StandardCharsets.UTF_8));
    }

    GatewayClient client(String agency) {
        return new GatewayClient(baseUri(), token(agency), Duration.ofSeconds(30));
    }

    X509Certificate gatewayCertificate() {
        return PemCertificates.read(dataDir.resolve("keys/gateway.pem")).get(0);
    }

    JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    /** The demo's portal simulator, when the test turned it on. */
    PortalSimulator portalSimulator() {
        return context.getBean(DemoPortalSimulator.BEAN, PortalSimulator.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Calls {@code action} as soon as the gateway begins to shut down, before anything is stopped. */
    void whenClosing(Runnable action) {
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                action.run();
            }
        });
    }

    /** Hands the gateway's application events to {@code listener} from now on. */
    void listen(ApplicationListener<?> listener) {
        context.addApplicationListener(listener);
    }

    Path dataDir() {
        return dataDir;
    }

    /** The JDBC URL of the gateway's database: H2 in its data folder unless it was started on PostgreSQL. */
    String databaseUrl() {
        return context.getEnvironment().getProperty("spring.datasource.url");
    }

    @Override
    public void close() {
        context.close();
    }
}
