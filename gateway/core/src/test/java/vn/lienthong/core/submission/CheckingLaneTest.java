package vn.lienthong.core.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

class CheckingLaneTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aSubmissionBeyondTheLanesWaitsUntilOneIsLeft() throws Exception {
        CheckingLane lanes = new CheckingLane(1, Duration.ofSeconds(30), meters);
        CheckingLane.Pass first = lanes.enter();

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> lanes.enter().leave());
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 1);
        assertThat(second).isNotDone();

        first.leave();
        second.get(10, TimeUnit.SECONDS);
        assertThat(waiting()).isZero();
    }

    @Test
    void noLaneWithinTheWaitIsBusyWithARetryHint() {
        CheckingLane lanes = new CheckingLane(1, Duration.ofMillis(50), meters);
        try (CheckingLane.Pass held = lanes.enter()) {
            assertThatThrownBy(lanes::enter).isInstanceOfSatisfying(GatewayException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_BUSY);
                assertThat(e.properties()).containsEntry("retryAfterSeconds", Admission.BUSY_RETRY_AFTER);
            });
        }
    }

    @Test
    void leavingTwiceGivesBackOneLane() {
        CheckingLane lanes = new CheckingLane(1, Duration.ZERO, meters);
        CheckingLane.Pass pass = lanes.enter();
        pass.leave();
        pass.close();

        CheckingLane.Pass again = lanes.enter();
        assertThatThrownBy(lanes::enter).isInstanceOf(GatewayException.class);
        again.close();
    }

    @Test
    void anInterruptedWaitIsBusyAndKeepsTheInterrupt() {
        CheckingLane lanes = new CheckingLane(1, Duration.ofSeconds(30), meters);
        try (CheckingLane.Pass held = lanes.enter()) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(lanes::enter).isInstanceOfSatisfying(GatewayException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_BUSY));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void noLaneAtAllIsRefused() {
        assertThatThrownBy(() -> new CheckingLane(0, Duration.ofSeconds(1), meters))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private double waiting() {
        return meters.get(CheckingLane.WAITING).gauge().value();
    }
}
