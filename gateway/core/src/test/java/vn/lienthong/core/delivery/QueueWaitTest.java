package vn.lienthong.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How far behind a recipient's queue is, from samples a second apart. */
class QueueWaitTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 42 * SECOND;

    @Test
    void anEmptyQueueIsNotBehind() {
        QueueWait wait = new QueueWait();
        wait.sample(0, 0, START);
        wait.sample(0, 0, START + SECOND);

        assertThat(wait.behindFor()).isZero();
        assertThat(wait.expectedWait()).isZero();
    }

    /** Five queued that do not move for three seconds / result: behind three seconds, and a new one waits at least as long. */
    @Test
    void aQueueNotSeenMovingWaitsAtLeastAsLongAsItStoodStill() {
        QueueWait wait = new QueueWait();
        wait.sample(5, 5, START);
        wait.sample(7, 2, START + SECOND);
        wait.sample(7, 0, START + 3 * SECOND);

        assertThat(wait.behindFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(wait.expectedWait()).isEqualTo(Duration.ofSeconds(3));
    }

    /** 100 queued, 50 leaving a second while 60 join / result: 110 queued wait 2.2 s. */
    @Test
    void theWaitIsWhatIsQueuedOverTheRateItLeaves() {
        QueueWait wait = new QueueWait();
        wait.sample(100, 0, START);
        wait.sample(110, 60, START + SECOND);

        assertThat(wait.expectedWait().toMillis()).isEqualTo(2200);
        assertThat(wait.behindFor()).isEqualTo(Duration.ofSeconds(1));
    }

    /** A queue refused new work shrinks / result: the wait falls with it, though it is still behind. */
    @Test
    void aShrinkingQueueWaitsLessAtOnce() {
        QueueWait wait = new QueueWait();
        wait.sample(500, 0, START);
        wait.sample(500, 50, START + SECOND);
        Duration before = wait.expectedWait();

        wait.sample(450, 0, START + 2 * SECOND);

        assertThat(before).isEqualTo(Duration.ofSeconds(10));
        assertThat(wait.expectedWait()).isEqualTo(Duration.ofSeconds(9));
        assertThat(wait.behindFor()).isEqualTo(Duration.ofSeconds(2));
    }

    /** The rate is smoothed / result: one second without a departure lengthens the wait. */
    @Test
    void oneStillSecondLengthensTheWait() {
        QueueWait wait = new QueueWait();
        wait.sample(100, 0, START);
        wait.sample(100, 50, START + SECOND);

        wait.sample(110, 10, START + 2 * SECOND);

        assertThat(wait.expectedWait().toMillis()).as("110 queued, leaving at 0.3 × 0 + 0.7 × 50 a second")
                .isEqualTo(3142);
    }

    @Test
    void aQueueThatEmptiedStartsAfresh() {
        QueueWait wait = new QueueWait();
        wait.sample(100, 0, START);
        wait.sample(0, 0, START + 10 * SECOND);

        wait.sample(3, 3, START + 11 * SECOND);

        assertThat(wait.behindFor()).isZero();
    }

    @Test
    void aSampleAtTheSameInstantLeavesTheRateAlone() {
        QueueWait wait = new QueueWait();
        wait.sample(100, 0, START);
        wait.sample(100, 50, START + SECOND);
        wait.sample(100, 0, START + SECOND);

        assertThat(wait.expectedWait()).isEqualTo(Duration.ofSeconds(2));
    }
}
