package vn.lienthong.core.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The group commit against a real H2 database: what shares a transaction, and what stands alone. */
class GroupCommitTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ObservationRegistry observations = ObservationRegistry.create();
    private final List<String> writeOrder = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);
    private final AtomicReference<SQLException> failNextCommit = new AtomicReference<>();
    private volatile int commitsToPass;
    private JdbcClient jdbc;
    private TransactionTemplate transactions;
    private GroupCommit<String> commit;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:group-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        DataSource dataSource = new CommitFailing(h2);
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE item (name VARCHAR(40) PRIMARY KEY)").update();
        transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        observations.observationConfig().observationHandler(context -> true);
    }

    @AfterEach
    void close() {
        release.countDown();
        if (commit != null) {
            commit.close();
        }
    }

    @Test
    void submissionsWaitingTogetherShareOneTransactionInLockOrder() throws Exception {
        commit = start(1, 32, LONG);
        CompletableFuture<Boolean> held = hold();
        List<CompletableFuture<Boolean>> waiting = queueBehindHold("c-1", "a-1", "b-1", "a-2");

        release.countDown();

        assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
        for (CompletableFuture<Boolean> each : waiting) {
            assertThat(each.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(names()).containsExactlyInAnyOrder("hold", "a-1", "a-2", "b-1", "c-1");
        assertThat(meters.get("test.store.batch.size").summary().count()).isEqualTo(2);
        assertThat(meters.get("test.store.batch.size").summary().max()).isEqualTo(4);
        // Sorted on the prefix only: a-1 and a-2 keep the order they came in, whatever it was.
        assertThat(writeOrder.subList(1, 5).stream().map(name -> name.charAt(0)).toList())
                .containsExactly('a', 'a', 'b', 'c');
    }

    @Test
    void aMemberThatFailsIsUndoneAloneAndTheOthersCommit() throws Exception {
        commit = start(1, 32, LONG);
        CompletableFuture<Boolean> held = hold();
        List<CompletableFuture<Boolean>> waiting = queueBehindHold("a-good", "b-bad", "c-nothing");
        CompletableFuture<Boolean> good = waiting.get(0);
        CompletableFuture<Boolean> bad = waiting.get(1);
        CompletableFuture<Boolean> nothing = waiting.get(2);

        release.countDown();

        assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(good.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(nothing.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(bad).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingRootCause().isInstanceOf(IllegalArgumentException.class).withMessage("b-bad refused");
        assertThat(names()).containsExactlyInAnyOrder("hold", "a-good");
    }

    @Test
    void aMemberWhoseStatementFailsIsRolledBackToItsSavepointAndTheOthersCommit() throws Exception {
        jdbc.sql("INSERT INTO item (name) VALUES ('a-taken')").update();
        commit = start(1, 32, LONG);
        CompletableFuture<Boolean> held = hold();
        List<CompletableFuture<Boolean>> waiting = queueBehindHold("a-taken", "b-after");
        CompletableFuture<Boolean> duplicate = waiting.get(0);
        CompletableFuture<Boolean> after = waiting.get(1);

        release.countDown();

        assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(after.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(duplicate).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingCause().isInstanceOf(DuplicateKeyException.class);
        assertThat(names()).containsExactlyInAnyOrder("a-taken", "hold", "b-after");
    }

    @Test
    void aSubmissionNoWriterTookWithinTheWaitIsWithdrawnAndNeverWritten() throws Exception {
        commit = start(1, 32, Duration.ofMillis(100));
        CompletableFuture<Boolean> held = hold();

        assertThatThrownBy(() -> commit.write("late")).isInstanceOf(GroupCommit.Withdrawn.class);
        assertThat(meters.get("test.store.waiting").gauge().value()).isZero();

        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(commit.write("next")).isTrue();
        assertThat(names()).containsExactlyInAnyOrder("hold", "next");
    }

    @Test
    void whenTheSharedCommitFailsEachMemberIsWrittenAgainAlone() throws Exception {
        commit = start(1, 32, LONG);
        CompletableFuture<Boolean> held = hold();
        List<CompletableFuture<Boolean>> waiting = queueBehindHold("a", "b", "c");
        failNextCommitAfterHold(new SQLException("disk full", "HY000"));

        release.countDown();

        assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
        for (CompletableFuture<Boolean> each : waiting) {
            assertThat(each.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(names()).containsExactlyInAnyOrder("hold", "a", "b", "c");
    }

    @Test
    void whenTheDatabaseIsAwayEveryMemberGetsItsErrorWithNothingStored() throws Exception {
        commit = start(1, 32, LONG);
        CompletableFuture<Boolean> held = hold();
        List<CompletableFuture<Boolean>> waiting = queueBehindHold("a", "b", "c");
        failNextCommitAfterHold(new SQLTransientConnectionException("connection lost", "08006"));

        release.countDown();

        assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
        for (CompletableFuture<Boolean> each : waiting) {
            assertThat(each).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                    .havingCause().isInstanceOf(TransientDataAccessException.class);
        }
        assertThat(names()).containsExactly("hold");
    }

    @Test
    void aMemberIsWrittenUnderTheObservationItWasSubmittedIn() {
        AtomicReference<Observation> seen = new AtomicReference<>();
        commit = new GroupCommit<>("test.store", name -> {
            seen.set(observations.getCurrentObservation());
            return true;
        }, Comparator.naturalOrder(), transactions, new GroupCommit.Limits(1, 32, LONG), observations, meters);
        Observation submission = Observation.start("test.submission", observations);

        try (Observation.Scope scope = submission.openScope()) {
            assertThat(commit.write("traced")).isTrue();
        }

        assertThat(seen.get()).isSameAs(submission);
        submission.stop();
    }

    @Test
    void closingLetsTheWritersFinishAndThenWithdrawsWhatComes() throws Exception {
        commit = start(1, 32, LONG);
        CompletableFuture<Boolean> held = hold();
        CompletableFuture<Boolean> waiting = queueBehindHold("waiting").get(0);
        CompletableFuture<Void> closed = CompletableFuture.runAsync(commit::close);

        release.countDown();

        closed.get(20, TimeUnit.SECONDS);
        assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> commit.write("after")).isInstanceOf(GroupCommit.Withdrawn.class);
        assertThat(names()).containsExactlyInAnyOrder("hold", "waiting");
    }

    @Test
    void limitsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new GroupCommit.Limits(0, 1, LONG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCommit.Limits(1, 0, LONG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCommit.Limits(1, 1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Writers whose members insert their name: "hold" waits for the test, "-bad" throws after inserting, "-nothing" writes nothing. */
    private GroupCommit<String> start(int writers, int batch, Duration maxWait) {
        return new GroupCommit<>("test.store", this::insert, Comparator.comparing(name -> name.charAt(0)), transactions,
                new GroupCommit.Limits(writers, batch, maxWait), observations, meters);
    }

    private boolean insert(String name) {
        writeOrder.add(name);
        if (name.endsWith("-nothing")) {
            return false;
        }
        jdbc.sql("INSERT INTO item (name) VALUES (?)").param(name).update();
        if (name.equals("hold")) {
            holding.countDown();
            awaitQuietly(release);
        }
        if (name.endsWith("-bad")) {
            throw new IllegalArgumentException(name + " refused");
        }
        return true;
    }

    /** Occupies the only writer until the test releases it. */
    private CompletableFuture<Boolean> hold() throws InterruptedException {
        CompletableFuture<Boolean> held = CompletableFuture.supplyAsync(() -> commit.write("hold"));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return held;
    }

    /** Submits each name and returns once all of them wait for the writer the hold occupies. */
    private List<CompletableFuture<Boolean>> queueBehindHold(String... names) {
        List<CompletableFuture<Boolean>> queued = Arrays.stream(names)
                .map(name -> CompletableFuture.supplyAsync(() -> commit.write(name))).toList();
        await().until(() -> meters.get("test.store.waiting").gauge().value() == names.length);
        return queued;
    }

    /** The hold's own commit goes through; the next one fails. */
    private void failNextCommitAfterHold(SQLException failure) {
        commitsToPass = 1;
        failNextCommit.set(failure);
    }

    private List<String> names() {
        return jdbc.sql("SELECT name FROM item").query(String.class).list();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** H2 whose next commit fails once the test says so: what a lost connection or a full disk looks like to the writer. */
    private final class CommitFailing extends DelegatingDataSource {

        CommitFailing(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("commit") && failNextCommit.get() != null) {
                            if (commitsToPass > 0) {
                                commitsToPass--;
                            } else {
                                connection.rollback();
                                throw failNextCommit.getAndSet(null);
                            }
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
