package vn.lienthong.core.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** Store settings the gateway cannot work with are refused at start, naming the setting. */
class IngressPropertiesTest {

    @Test
    void theStoreSettingsDefaultToTwoWritersBatchesOf32AndThirtySecondsWait() {
        IngressProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("lienthong.ingress", IngressProperties.class);

        assertThat(properties.concurrentStores()).isEqualTo(2);
        assertThat(properties.storeBatch()).isEqualTo(32);
        assertThat(properties.storeWait()).isEqualTo(Duration.ofSeconds(30));
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
