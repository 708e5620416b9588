package vn.lienthong.core.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wait a sender refused for a slow queue is told: a quarter of the limit, 1 to 5 s. */
class AdmissionTest {

    @Test
    void aSenderRefusedForASlowQueueIsToldToComeBackWithinAQuarterOfTheLimit() {
        assertThat(Admission.slowQueueRetryAfter(Duration.ofSeconds(10))).isEqualTo(2);
        assertThat(Admission.slowQueueRetryAfter(Duration.ofSeconds(16))).isEqualTo(4);
    }

    @Test
    void theWaitIsAtLeastOneSecondAndAtMostFive() {
        assertThat(Admission.slowQueueRetryAfter(Duration.ofMillis(500))).isEqualTo(1);
        assertThat(Admission.slowQueueRetryAfter(Duration.ofSeconds(2))).isEqualTo(1);
        assertThat(Admission.slowQueueRetryAfter(Duration.ofMinutes(5))).as("the default limit").isEqualTo(5);
    }
}
