package vn.lienthong.core.submission;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.core.exception.AcquirePermissionCancelledException;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import vn.lienthong.core.error.ErrorCode;

/**
 * Bounds the acceptance transactions open at once, so a burst of submissions cannot hold every
 * pooled connection and starve deliveries, the relays and queries. A submission waits its turn
 * (first come, first served) for at most the configured time, then is answered busy with
 * nothing stored. Published as the bulkhead {@value #NAME} ({@code resilience4j_bulkhead_*}).
 */
final class StoreGate {

    static final String NAME = "acceptance-store";

    private final Bulkhead bulkhead;

    StoreGate(int concurrentStores, Duration wait, MeterRegistry meters) {
        BulkheadRegistry registry = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(concurrentStores)
                .maxWaitDuration(wait)
                .fairCallHandlingStrategyEnabled(true)
                .build());
        this.bulkhead = registry.bulkhead(NAME);
        TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
    }

    /** Runs the store in turn; {@code GATEWAY_BUSY} when no turn came within the wait. */
    <T> T store(Supplier<T> store) {
        try {
            bulkhead.acquirePermission();
        } catch (BulkheadFullException | AcquirePermissionCancelledException e) {
            throw ErrorCode.GATEWAY_BUSY
                    .exception("the gateway is storing as many envelopes as it can; retry later")
                    .with("retryAfterSeconds", Admission.BUSY_RETRY_AFTER).build();
        }
        try {
            return store.get();
        } finally {
            bulkhead.onComplete();
        }
    }
}
