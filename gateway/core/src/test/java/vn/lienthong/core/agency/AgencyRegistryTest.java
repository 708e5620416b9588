package vn.lienthong.core.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.CoreConfiguration;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.PemCertificates;

/**
 * Several gateway instances' registries on one database (H2, migrated as the gateway does):
 * applying one registry file at once, and learning of each other's registrations.
 */
class AgencyRegistryTest {

    private static final int AGENCIES = 12;
    private static final int INSTANCES = 4;

    @TempDir
    Path folder;

    private DataSource database;
    private final ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);

    @BeforeEach
    void migrate() {
        database = new DriverManagerDataSource("jdbc:h2:mem:registry-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .placeholders(CoreConfiguration.migrationPlaceholders(false)).load().migrate();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        JdbcClient.create(database).sql("SHUTDOWN").update();
    }

    /**
     * Four instances start at the same moment on an empty database and apply the same file of
     * twelve agencies, each with a certificate and a token / result: every start succeeds, each
     * agency and certificate is stored once, and every instance sees all twelve.
     */
    @Test
    void instancesApplyingOneFileAtOnceAllSucceed() throws Exception {
        Path file = registryFile();
        List<AgencyRegistry> registries = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            registries.add(registry(new CopyOnWriteArrayList<>()));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> starts = new ArrayList<>();
        for (AgencyRegistry registry : registries) {
            starts.add(threads.submit(() -> {
                start.await();
                new AgencyFileLoader(registry, file).afterSingletonsInstantiated();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> each : starts) {
            each.get(60, TimeUnit.SECONDS);
        }

        JdbcClient jdbc = JdbcClient.create(database);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM agency").query(Long.class).single()).isEqualTo(AGENCIES);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM agency_certificate").query(Long.class).single()).isEqualTo(AGENCIES);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT api_token_sha256) FROM agency").query(Long.class).single())
                .isEqualTo(AGENCIES);
        for (AgencyRegistry registry : registries) {
            registry.refreshIfChanged();
            assertThat(registry.all()).hasSize(AGENCIES)
                    .allSatisfy(agency -> assertThat(agency.signingCertificates()).hasSize(1));
        }
    }

    /**
     * An agency is registered on one instance, then its endpoint and token change there, then
     * it is registered again unchanged / result: the other instance knows nothing of each change
     * until its refresh, then has it and publishes it once; an unchanged registration publishes
     * nothing, and a refresh with no registration in between reads nothing.
     */
    @Test
    void aChangeOnOneInstanceReachesTheOtherAtItsRefresh() {
        List<Object> eventsOnB = new CopyOnWriteArrayList<>();
        AgencyRegistry a = registry(new CopyOnWriteArrayList<>());
        AgencyRegistry b = registry(eventsOnB);
        a.reload();
        b.reload();
        AgencyCode code = AgencyCode.of("000.00.40.H53");

        a.register(push(code, "https://one.example/lienthong", "1"));

        assertThat(b.find(code)).isEmpty();
        assertThat(b.refreshIfChanged()).isTrue();
        assertThat(b.find(code)).map(Agency::endpoint).contains(URI.create("https://one.example/lienthong"));
        assertThat(b.findByTokenHash(token("1"))).contains(code);
        assertThat(eventsOnB).containsExactly(new AgencyRegistered(b.find(code).orElseThrow()));
        assertThat(b.refreshIfChanged()).as("nothing changed since").isFalse();

        a.register(push(code, "https://two.example/lienthong", "2"));

        assertThat(b.find(code)).map(Agency::endpoint).contains(URI.create("https://one.example/lienthong"));
        assertThat(b.refreshIfChanged()).isTrue();
        assertThat(b.find(code)).map(Agency::endpoint).contains(URI.create("https://two.example/lienthong"));
        assertThat(b.findByTokenHash(token("2"))).contains(code);
        assertThat(b.findByTokenHash(token("1"))).isEmpty();
        assertThat(eventsOnB).hasSize(2).last().isEqualTo(new AgencyRegistered(b.find(code).orElseThrow()));

        a.register(push(code, "https://two.example/lienthong", "2"));

        assertThat(b.refreshIfChanged()).isTrue();
        assertThat(eventsOnB).as("the same settings are no change").hasSize(2);
    }

    /**
     * The file is applied, then an operator changes an agency of it through the admin API, then
     * the gateway restarts with the same file, then the file is edited / result: the restart
     * keeps the operator's change, the edited file applies.
     */
    @Test
    void anUnchangedFileDoesNotUndoAdminChangesAtRestart() throws IOException {
        Path file = registryFile();
        AgencyRegistry first = registry(new CopyOnWriteArrayList<>());
        new AgencyFileLoader(first, file).afterSingletonsInstantiated();
        AgencyCode changed = AgencyCode.of("000.00.50.H53");
        first.register(push(changed, "https://moved.example/lienthong", "7"));

        AgencyRegistry restarted = registry(new CopyOnWriteArrayList<>());
        new AgencyFileLoader(restarted, file).afterSingletonsInstantiated();
        assertThat(restarted.find(changed)).map(Agency::deliveryMode).as("the operator's change kept")
                .contains(DeliveryMode.PUSH);

        Files.writeString(file, Files.readString(file).replace("name: Sở 0\n", "name: Sở Nội vụ\n"));
        AgencyRegistry edited = registry(new CopyOnWriteArrayList<>());
        new AgencyFileLoader(edited, file).afterSingletonsInstantiated();
        assertThat(edited.find(changed)).map(Agency::name).contains("Sở Nội vụ");
        assertThat(edited.find(changed)).map(Agency::deliveryMode).as("the edited file applies whole")
                .contains(DeliveryMode.PULL);
    }

    private AgencyRegistry registry(List<Object> events) {
        return new AgencyRegistry(JdbcClient.create(database),
                new TransactionTemplate(new DataSourceTransactionManager(database)), events::add,
                new AgencyCodePolicy(AgencyCodePolicy.DEFAULT_PATTERN), Clock.systemUTC());
    }

    private static AgencyRegistration push(AgencyCode code, String endpoint, String tokenSeed) {
        return new AgencyRegistration(code, "Sở thử nghiệm", DeliveryMode.PUSH, URI.create(endpoint), PushProtocol.REST,
                List.of(), List.of(), token(tokenSeed), false, null);
    }

    private static String token(String seed) {
        return seed.repeat(64);
    }

    private Path registryFile() throws IOException {
        DemoCertificateAuthority ca = DemoCertificateAuthority.create("CA", Duration.ofDays(1));
        StringBuilder yaml = new StringBuilder("agencies:\n");
        for (int i = 0; i < AGENCIES; i++) {
            String code = "000.00.%02d.H53".formatted(50 + i);
            Path certificate = folder.resolve(code + ".pem");
            PemCertificates.write(certificate, ca.issueSigningKey(code, "Sở", DemoCertificateAuthority.KeyType.EC_P256,
                    Duration.ofDays(1)).certificate());
            yaml.append("""
                      - code: %s
                        name: Sở %d
                        delivery: { mode: pull }
                        certificates: [ %s ]
                        api-token-sha256: %s
                    """.formatted(code, i, certificate.getFileName(), HexFormat.of().formatHex(new byte[32])
                    .substring(0, 62) + "%02x".formatted(i)));
        }
        Path file = folder.resolve("agencies.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
