package vn.lienthong.bench.micro;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.CoreConfiguration;
import vn.lienthong.core.delivery.Deliveries;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.envelope.Spool;
import vn.lienthong.core.routing.Outbox;

/**
 * Storing an accepted envelope as Acceptance does, with the gateway's own classes and schema
 * (Flyway migrations of the core): the duplicate lookup, then in one committed transaction
 * the envelope's bytes and receipt, one delivery and one outbox row. Dossier tracking and the
 * portal queue, which the gateway writes in the same transaction, are left out here and
 * counted by the load generator.
 *
 * <p>H2 as the embedded default configures it (a file, WRITE_DELAY=0); PostgreSQL at the URL
 * of {@code -Dbench.postgres.url} (bench/run-micro starts one when it can).
 */
@State(Scope.Benchmark)
public class PersistenceBenchmarks {

    @Param({"h2", "postgres"})
    public String database;

    private final AtomicLong sequence = new AtomicLong();
    private HikariDataSource dataSource;
    private Path directory;
    private EnvelopeArchive archive;
    private Deliveries deliveries;
    private Outbox outbox;
    private TransactionTemplate transactions;
    private byte[] receipt;
    private String run;

    @Setup(Level.Trial)
    public void open(SignedEnvelope signed) throws IOException {
        HikariConfig config = new HikariConfig();
        if (database.equals("h2")) {
            directory = Files.createTempDirectory("lienthong-bench-h2");
            config.setJdbcUrl("jdbc:h2:file:" + directory.resolve("lienthong")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;QUERY_CACHE_SIZE=256");
            config.setUsername("sa");
        } else {
            String url = System.getProperty("bench.postgres.url");
            if (url == null || url.isBlank()) {
                throw new IllegalStateException("no PostgreSQL: set -Dbench.postgres.url (bench/run-micro does when it can start one)");
            }
            config.setJdbcUrl(url);
            config.setUsername(System.getProperty("bench.postgres.user", "lienthong"));
            config.setPassword(System.getProperty("bench.postgres.password", "lienthong"));
        }
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        // The placeholder the gateway's CoreConfiguration gives the shared migrations.
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .placeholders(CoreConfiguration.migrationPlaceholders(!database.equals("h2")))
                .load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        archive = new EnvelopeArchive(jdbc, new Spool(2 * 1024 * 1024, directory), database.equals("postgres"));
        deliveries = new Deliveries(jdbc);
        outbox = new Outbox(jdbc, ObservationRegistry.NOOP);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        receipt = new byte[1800];
        run = Long.toString(System.nanoTime(), 36);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        dataSource.close();
        if (directory != null) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Benchmark
    public boolean persist(SignedEnvelope signed) {
        Envelope template = signed.envelope;
        Envelope envelope = new Envelope("bench-" + run + "-" + sequence.incrementAndGet(), template.format(),
                template.createdAt(), template.kind(), template.sender(), template.recipients(), template.inReplyTo(),
                template.subject(), template.dossier(), template.components(), template.orderKey());
        Instant now = Instant.now();
        if (archive.fingerprint(envelope.id()).isPresent()) {
            return false;
        }
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            boolean stored = archive.store(envelope, signed.envelopeBytes, receipt, now);
            deliveries.open(envelope, now);
            outbox.enqueue(envelope, now);
            return stored;
        }));
    }
}
