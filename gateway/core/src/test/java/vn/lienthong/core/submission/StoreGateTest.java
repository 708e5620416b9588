package vn.lienthong.core.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

class StoreGateTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aSubmissionWhoseTurnDoesNotComeWithinTheWaitIsAnsweredBusyAndStoresNothing() throws Exception {
        StoreGate gate = new StoreGate(1, Duration.ofMillis(50), meters);
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> gate.store(() -> {
            storing.countDown();
            await(finish);
            return "first";
        }));
        assertThat(storing.await(10, TimeUnit.SECONDS)).isTrue();
        boolean[] ran = {false};

        assertThatThrownBy(() -> gate.store(() -> ran[0] = true))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_BUSY);
                    assertThat(e.properties()).containsEntry("retryAfterSeconds", Admission.BUSY_RETRY_AFTER);
                });
        assertThat(ran[0]).isFalse();

        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(gate.store(() -> "after")).isEqualTo("after");
    }

    @Test
    void aFailedStoreGivesItsTurnBack() {
        StoreGate gate = new StoreGate(1, Duration.ZERO, meters);
        assertThatThrownBy(() -> gate.store(() -> {
            throw new IllegalStateException("database gone");
        })).hasMessage("database gone");
        assertThat(gate.store(() -> "next")).isEqualTo("next");
    }

    @Test
    void theGateIsPublishedAsABulkhead() {
        new StoreGate(4, Duration.ofSeconds(30), meters);
        assertThat(meters.get("resilience4j.bulkhead.max.allowed.concurrent.calls")
                .tag("name", StoreGate.NAME).gauge().value()).isEqualTo(4.0);
        assertThat(meters.get("resilience4j.bulkhead.available.concurrent.calls")
                .tag("name", StoreGate.NAME).gauge().value()).isEqualTo(4.0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
