package vn.lienthong.core.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long the relay waits after failed calls while the portal is away. */
class PortalRelayBackoffTest {

    /** Failures one after another / result: 2 s, 4 s, 8 s … doubling, never more than 10 min, through hours of outage. */
    @Test
    void waitDoublesUpToTheMaximum() {
        Duration initial = Duration.ofSeconds(2);
        Duration max = Duration.ofMinutes(10);
        assertThat(PortalRelay.backoff(1, initial, max)).isEqualTo(Duration.ofSeconds(2));
        assertThat(PortalRelay.backoff(2, initial, max)).isEqualTo(Duration.ofSeconds(4));
        assertThat(PortalRelay.backoff(5, initial, max)).isEqualTo(Duration.ofSeconds(32));
        assertThat(PortalRelay.backoff(9, initial, max)).isEqualTo(Duration.ofSeconds(512));
        assertThat(PortalRelay.backoff(10, initial, max)).isEqualTo(max);
        assertThat(PortalRelay.backoff(10_000, initial, max)).isEqualTo(max);
    }
}
