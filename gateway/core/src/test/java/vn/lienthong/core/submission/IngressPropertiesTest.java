package vn.lienthong.core.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Store settings the gateway cannot work with are refused at start, naming the setting. */
class IngressPropertiesTest {

    @Test
    void theDefaultsOfTheStoreSettingsAreAccepted() {
        IngressProperties properties = properties(2, 32, Duration.ofSeconds(30));

        assertThat(properties.concurrentStores()).isEqualTo(2);
        assertThat(properties.storeBatch()).isEqualTo(32);
    }

    @Test
    void noStoreWriterIsRefused() {
        assertThatThrownBy(() -> properties(0, 32, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lienthong.ingress.concurrent-stores");
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThatThrownBy(() -> properties(2, 0, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lienthong.ingress.store-batch");
    }

    @Test
    void aNegativeWaitIsRefused() {
        assertThatThrownBy(() -> properties(2, 32, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lienthong.ingress.store-wait");
    }

    private static IngressProperties properties(int concurrentStores, int storeBatch, Duration storeWait) {
        return new IngressProperties(DataSize.ofMegabytes(20), DataSize.ofMegabytes(2), null, DataSize.ofMegabytes(256),
                20_000, 100_000, concurrentStores, storeBatch, storeWait);
    }
}
