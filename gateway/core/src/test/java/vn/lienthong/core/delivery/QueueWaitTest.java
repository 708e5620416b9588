package vn.lienthong.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The wait a delivery queued now would have, from samples a second apart. */
class QueueWaitTest {

    private static final Instant START = Instant.parse("2026-12-06T03:00:00Z");

    @Test
    void anEmptyQueueMeansNoWait() {
        QueueWait wait = new QueueWait();

        assertThat(wait.sample(0, 0, START)).isZero();
        assertThat(wait.sample(0, 0, START.plusSeconds(1))).isZero();
    }

    @Test
    void aQueueNotSeenMovingYetHasAnUnknownWait() {
        QueueWait wait = new QueueWait();

        assertThat(wait.sample(5, 5, START)).isEqualTo(QueueWait.UNKNOWN);
        assertThat(wait.sample(7, 2, START.plusSeconds(1))).as("nothing left the queue").isEqualTo(QueueWait.UNKNOWN);
    }

    /** 100 queued, 50 leaving a second while 60 join / result: 110 queued wait 2.2 s. */
    @Test
    void theWaitIsWhatIsQueuedOverTheRateItLeaves() {
        QueueWait wait = new QueueWait();
        wait.sample(100, 0, START);

        assertThat(wait.sample(110, 60, START.plusSeconds(1)).toMillis()).isEqualTo(2200);
    }

    /** A queue refused new work shrinks / result: the wait falls with it, though its head is as old as before. */
    @Test
    void aShrinkingQueueWaitsLessAtOnce() {
        QueueWait wait = new QueueWait();
        wait.sample(500, 0, START);
        Duration before = wait.sample(500, 50, START.plusSeconds(1));

        Duration after = wait.sample(450, 0, START.plusSeconds(2));

        assertThat(before).isEqualTo(Duration.ofSeconds(10));
        assertThat(after).isEqualTo(Duration.ofSeconds(9));
    }

    /** The rate is smoothed / result: one second without a departure lengthens the wait, it does not make it unknown. */
    @Test
    void oneStillSecondDoesNotMakeTheWaitUnknown() {
        QueueWait wait = new QueueWait();
        wait.sample(100, 0, START);
        wait.sample(100, 50, START.plusSeconds(1));

        Duration still = wait.sample(110, 10, START.plusSeconds(2));

        assertThat(still.toMillis()).as("110 queued, leaving at 0.3 × 0 + 0.7 × 50 a second").isEqualTo(3142);
    }

    @Test
    void aSampleAtTheSameInstantLeavesTheRateAlone() {
        QueueWait wait = new QueueWait();
        wait.sample(100, 0, START);
        wait.sample(100, 50, START.plusSeconds(1));

        assertThat(wait.sample(100, 0, START.plusSeconds(1))).isEqualTo(Duration.ofSeconds(2));
    }
}
