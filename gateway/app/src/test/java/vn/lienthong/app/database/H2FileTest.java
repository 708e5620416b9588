package vn.lienthong.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The embedded database's file on a real H2 database in a temporary folder, committed to as the gateway does. */
class H2FileTest {

    @TempDir
    Path folder;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private SingleConnectionDataSource database;

    @AfterEach
    void close() {
        if (database != null) {
            database.destroy();
        }
    }

    @Test
    void aTransactionIsSyncedWhenItCommitsAndNotWhenItRollsBack() {
        H2File file = H2File.of(fileDatabase(), meters).orElseThrow();
        TransactionTemplate transactions = new TransactionTemplate(new SyncingTransactionManager(database, file));
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql("CREATE TABLE note(id UUID PRIMARY KEY)").update();

        transactions.executeWithoutResult(status -> jdbc.sql("INSERT INTO note VALUES (?)").param(UUID.randomUUID()).update());
        transactions.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO note VALUES (?)").param(UUID.randomUUID()).update();
            status.setRollbackOnly();
        });

        assertThat(meters.get("lienthong.database.sync").timer().count()).isOne();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM note").query(Long.class).single()).isOne();
        assertThat(meters.get("lienthong.database.file.size").gauge().value()).isEqualTo(file.size());
    }

    @Test
    void compactionReusesTheSpaceOfWhatCommitsSuperseded() {
        long uncompacted = sizeAfterRounds(false);
        long compacted = sizeAfterRounds(true);

        assertThat(compacted).isLessThan(uncompacted / 3);
    }

    /**
     * The file after rounds of commits as acceptance and delivery make them: each a new envelope,
     * indexed by a random code, and a change to an earlier one. Every commit supersedes some
     * pages of older chunks but leaves others in them live. Superseded chunks are reused at once
     * here (no retention), so that the test counts commits, not seconds.
     */
    private long sizeAfterRounds(boolean compact) {
        SingleConnectionDataSource source = new SingleConnectionDataSource(
                "jdbc:h2:file:" + folder.resolve(compact ? "compacted" : "uncompacted") + ";WRITE_DELAY=0", "sa", "", true);
        try {
            H2File file = H2File.of(source, new SimpleMeterRegistry(), Duration.ZERO).orElseThrow();
            JdbcClient jdbc = JdbcClient.create(source);
            jdbc.sql("CREATE TABLE envelope(id BIGINT AUTO_INCREMENT PRIMARY KEY, code UUID, state VARCHAR(16), body VARCHAR(2000))")
                    .update();
            jdbc.sql("CREATE INDEX envelope_code ON envelope(code)").update();
            Random random = new Random(10);
            for (int round = 1; round <= 30; round++) {
                for (int i = 0; i < 100; i++) {
                    jdbc.sql("INSERT INTO envelope(code, state, body) VALUES (?, 'QUEUED', ?)")
                            .params(new UUID(random.nextLong(), random.nextLong()), "x".repeat(1500)).update();
                    jdbc.sql("UPDATE envelope SET state = 'DELIVERED' WHERE id = ?").param(1 + random.nextInt(round * 100))
                            .update();
                }
                if (compact) {
                    file.compact();
                }
            }
            return file.size();
        } finally {
            source.destroy();
        }
    }

    /** The gateway's last transactions and housekeeping round may end after the pool closed the database. */
    @Test
    void aClosedDatabaseIsNeitherSyncedNorCompactedAndNothingFails() {
        H2File file = H2File.of(fileDatabase(), meters).orElseThrow();
        database.destroy();

        file.sync();
        file.compact();

        assertThat(file.size()).isZero();
        assertThat(meters.get("lienthong.database.file.size").gauge().value()).isZero();
    }

    @Test
    void aDatabaseInMemoryHasNoFile() {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:h2-file-" + System.nanoTime());
        assertThat(H2File.of(memory, meters)).isEmpty();
    }

    /** A hundred commits, each a new envelope and a change to an older one, as acceptance and delivery do. */
    private static void commitRound(JdbcClient jdbc) {
        for (int i = 0; i < 100; i++) {
            jdbc.sql("INSERT INTO envelope(code, body) VALUES (?, ?)").params(UUID.randomUUID(), "x".repeat(1500)).update();
            jdbc.sql("UPDATE envelope SET body = ? WHERE id = (SELECT MAX(id) FROM envelope)").param("y".repeat(1500))
                    .update();
        }
    }

    private DataSource fileDatabase() {
        database = new SingleConnectionDataSource("jdbc:h2:file:" + folder.resolve("db") + ";WRITE_DELAY=0", "sa", "", true);
        return database;
    }
}
