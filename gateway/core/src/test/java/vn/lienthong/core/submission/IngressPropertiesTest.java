package vn.lienthong.core.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** Admission, store and checking settings the gateway cannot work with are refused at start, naming the setting. */
class IngressPropertiesTest {

    @Test
    void theStoreSettingsDefaultToTwoWritersBatchesOf32AndThirtySecondsWait() {
        IngressProperties properties = bound(Map.of());

        assertThat(properties.concurrentStores()).isEqualTo(2);
        assertThat(properties.storeBatch()).isEqualTo(32);
        assertThat(properties.storeWait()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theCheckingLanesDefaultToTwiceTheProcessorsAndCanBeSet() {
        IngressProperties unset = bound(Map.of());
        IngressProperties set = bound(Map.of("lienthong.ingress.concurrent-checks", "3",
                "lienthong.ingress.check-wait", "2s"));

        assertThat(unset.checkingLanes()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(unset.checkWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(set.checkingLanes()).isEqualTo(3);
        assertThat(set.checkWait()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void deliveriesMayWaitFiveMinutesForTheirTurnUnlessSetOtherwise() {
        IngressProperties unset = bound(Map.of());
        IngressProperties set = bound(Map.of("lienthong.ingress.max-queued-age", "20s"));

        assertThat(unset.maxQueuedAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(set.maxQueuedAge()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aQueuedAgeThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new IngressProperties(DataSize.ofMegabytes(20), DataSize.ofMegabytes(2), null,
                DataSize.ofMegabytes(256), 20_000, 100_000, Duration.ZERO, 2, 32, Duration.ofSeconds(30), null,
                Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lienthong.ingress.max-queued-age");
    }

    @Test
    void noCheckingLaneIsRefused() {
        assertThatThrownBy(() -> checking(0, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lienthong.ingress.concurrent-checks");
    }

    @Test
    void aNegativeCheckWaitIsRefused() {
        assertThatThrownBy(() -> checking(4, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lienthong.ingress.check-wait");
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

    /** The settings as Spring Boot binds them from the configuration. */
    private static IngressProperties bound(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("lienthong.ingress", IngressProperties.class);
    }

    private static IngressProperties properties(int concurrentStores, int storeBatch, Duration storeWait) {
        return new IngressProperties(DataSize.ofMegabytes(20), DataSize.ofMegabytes(2), null, DataSize.ofMegabytes(256),
                20_000, 100_000, Duration.ofMinutes(5), concurrentStores, storeBatch, storeWait, null, Duration.ofSeconds(30));
    }

    private static IngressProperties checking(int concurrentChecks, Duration checkWait) {
        return new IngressProperties(DataSize.ofMegabytes(20), DataSize.ofMegabytes(2), null, DataSize.ofMegabytes(256),
                20_000, 100_000, Duration.ofMinutes(5), 2, 32, Duration.ofSeconds(30), concurrentChecks, checkWait);
    }
}
