package vn.lienthong.core.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.envelope.Spool;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.core.receipt.Receipt;

class IngressBudgetTest {

    private static final Caller DESK = Caller.agency(AgencyCode.of("000.00.01.H53"));
    /** An earlier receipt again, as for a resubmission: the stub flows here parse no envelope for the monitor. */
    private static final Receipt RECEIPT = new Receipt("x", new byte[0], true);
    private static final SubmissionMonitor MONITOR = new SubmissionMonitor(new SimpleMeterRegistry(),
            ObservationRegistry.NOOP);

    @TempDir
    Path spoolDirectory;

    @Test
    void submissionsBeyondTheBytesInFlightAreBusyUntilOthersFinish() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        IngressBudget budget = new IngressBudget(received -> {
            inFlight.countDown();
            await(finish);
            return RECEIPT;
        }, 100 * 1024, 1024 * 1024, new Spool(64 * 1024, spoolDirectory), lanes(4), MONITOR);

        CompletableFuture<Receipt> first = CompletableFuture.supplyAsync(() -> budget.submit(submission(60 * 1024)));
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> budget.submit(submission(60 * 1024)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_BUSY);
                    assertThat(e.properties()).containsKey("retryAfterSeconds");
                });
        finish.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(budget.submit(submission(60 * 1024))).isSameAs(RECEIPT);
    }

    @Test
    void largeEnvelopesAreSpooledAndReserveOnlyWhatIsHeldInMemory() {
        AtomicReference<Path> spooled = new AtomicReference<>();
        IngressBudget budget = new IngressBudget(received -> {
            assertThat(received.bytes().inMemory()).isFalse();
            assertThat(received.bytes().size()).isEqualTo(500 * 1024);
            spooled.set(received.bytes().spooledFile());
            assertThat(spooled.get()).exists();
            return RECEIPT;
        }, 100 * 1024, 1024 * 1024, new Spool(64 * 1024, spoolDirectory), lanes(4), MONITOR);

        assertThat(budget.submit(submission(500 * 1024))).isSameAs(RECEIPT);
        assertThat(spooled.get()).doesNotExist();
    }

    @Test
    void tooLargeIsRefusedAndLeavesNoSpoolFile() throws Exception {
        IngressBudget budget = new IngressBudget(received -> RECEIPT, 100 * 1024, 200 * 1024,
                new Spool(64 * 1024, spoolDirectory), lanes(4), MONITOR);
        assertThatThrownBy(() -> budget.submit(submission(300 * 1024)))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ENVELOPE_TOO_LARGE));
        try (var files = Files.list(spoolDirectory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theFlowHoldsALaneUntilItLeavesItAndTheBudgetGivesBackOneNotLeft() {
        CheckingLane lanes = lanes(1);
        IngressBudget budget = new IngressBudget(received -> {
            assertThatThrownBy(lanes::enter).as("the submission's lane is taken while the flow checks it")
                    .isInstanceOf(GatewayException.class);
            received.lane().leave();
            lanes.enter().leave();
            return RECEIPT;
        }, 100 * 1024, 1024 * 1024, new Spool(64 * 1024, spoolDirectory), lanes, MONITOR);
        assertThat(budget.submit(submission(1024))).isSameAs(RECEIPT);

        IngressBudget refusing = new IngressBudget(received -> {
            throw ErrorCode.SIGNATURE_INVALID.exception("does not verify").build();
        }, 100 * 1024, 1024 * 1024, new Spool(64 * 1024, spoolDirectory), lanes, MONITOR);
        assertThatThrownBy(() -> refusing.submit(submission(1024))).isInstanceOf(GatewayException.class);

        lanes.enter().leave();
    }

    @Test
    void noLaneFreeWithinTheWaitIsBusy() {
        CheckingLane lanes = lanes(1);
        IngressBudget budget = new IngressBudget(received -> RECEIPT, 100 * 1024, 1024 * 1024,
                new Spool(64 * 1024, spoolDirectory), lanes, MONITOR);
        try (CheckingLane.Pass held = lanes.enter()) {
            assertThatThrownBy(() -> budget.submit(submission(1024)))
                    .isInstanceOfSatisfying(GatewayException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_BUSY));
        }
        assertThat(budget.submit(submission(1024))).isSameAs(RECEIPT);
    }

    private static CheckingLane lanes(int count) {
        return new CheckingLane(count, Duration.ZERO, new SimpleMeterRegistry());
    }

    private static Submission submission(int length) {
        return new Submission(DESK, new ByteArrayInputStream(new byte[length]), length);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
