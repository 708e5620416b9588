package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.groupcommit.GroupCommit;

/**
 * The group commit on a real PostgreSQL server, where a statement that fails aborts the whole
 * transaction until it is rolled back to a savepoint: the members after it must still commit.
 */
class GroupCommitPostgresIT {

    @Test
    void aMemberWhoseStatementFailsLeavesTheRestOfItsBatchToCommit() throws Exception {
        DataSource postgres = TestPostgres.dataSource(TestPostgres.newDatabase());
        JdbcClient jdbc = JdbcClient.create(postgres);
        jdbc.sql("CREATE TABLE item (name VARCHAR(40) PRIMARY KEY)").update();
        jdbc.sql("INSERT INTO item (name) VALUES ('a-taken')").update();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (GroupCommit<String> commit = new GroupCommit<>("test.store", name -> {
            jdbc.sql("INSERT INTO item (name) VALUES (?)").param(name).update();
            if (name.equals("hold")) {
                holding.countDown();
                awaitQuietly(release);
            }
            return true;
        }, Comparator.naturalOrder(), new TransactionTemplate(new JdbcTransactionManager(postgres)),
                new GroupCommit.Limits(1, 32, Duration.ofSeconds(30)), ObservationRegistry.NOOP, meters)) {
            CompletableFuture<Boolean> held = CompletableFuture.supplyAsync(() -> commit.write("hold"));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            // Written in name order: the duplicate first, so the others run after PostgreSQL refused it.
            CompletableFuture<Boolean> duplicate = CompletableFuture.supplyAsync(() -> commit.write("a-taken"));
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> commit.write("b-second"));
            CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> commit.write("c-third"));
            await().until(() -> meters.get("test.store.waiting").gauge().value() == 3);

            release.countDown();

            assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(third.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(duplicate).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                    .havingCause().isInstanceOf(DuplicateKeyException.class);
            assertThat(meters.get("test.store.batch.size").summary().max()).isEqualTo(3);
        }
        assertThat(jdbc.sql("SELECT name FROM item").query(String.class).list())
                .containsExactlyInAnyOrder("a-taken", "hold", "b-second", "c-third");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
