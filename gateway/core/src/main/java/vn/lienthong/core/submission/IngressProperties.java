package vn.lienthong.core.submission;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ingress settings, prefix {@code lienthong.ingress}.
 *
 * @param maxEnvelopeSize largest envelope accepted; bigger bodies are refused as soon as
 *        they pass the limit
 * @param inMemoryLimit envelopes up to this size are held in memory; larger ones are spooled
 *        to a file and read as a stream, so memory does not grow with their size
 * @param spoolDirectory where large envelopes are spooled; the system's temporary folder when unset
 * @param maxBytesInFlight most bytes of envelopes held in memory at once; more answer 503
 * @param maxOutboxBacklog accepted orders not yet relayed to the broker above which every
 *        submission answers 503
 * @param maxRecipientBacklog deliveries waiting for one recipient above which submissions to
 *        it answer 429
 * @param maxQueuedAge longest wait for its turn a delivery ready to be acted on should have:
 *        while one recipient's queue has not been empty for longer and a delivery queued now
 *        would wait longer too, submissions to it answer 429. Deliveries that wait that long
 *        mean the recipient's consumers, or the whole gateway, cannot keep up, and accepting
 *        more only makes every later envelope later
 * @param concurrentStores most acceptance transactions open at once (one writer thread each);
 *        further submissions wait their turn, so the rest of the database connection pool stays
 *        free for deliveries, the relays and queries (which starved behind a burst of
 *        submissions otherwise)
 * @param storeBatch most submissions stored in one transaction: a writer takes every submission
 *        waiting, up to this many, and commits them together
 * @param storeWait longest a submission waits for its turn to store before it answers 503
 *        {@code GATEWAY_BUSY}; the connection pool's own wait for a connection by default, so a
 *        database that is away still answers busy in bounded time
 * @param concurrentChecks most submissions parsed, signature-checked or receipt-signed at once
 *        (the ingress's CPU work); twice the processors when unset, so that under load the
 *        request threads leave CPU to the delivery consumers
 * @param checkWait longest a submission waits for a lane to parse, check or sign in before it
 *        answers 503 {@code GATEWAY_BUSY}
 */
@ConfigurationProperties("lienthong.ingress")
public record IngressProperties(@DefaultValue("20MB") DataSize maxEnvelopeSize,
                                @DefaultValue("2MB") DataSize inMemoryLimit,
                                @Nullable Path spoolDirectory,
                                @DefaultValue("256MB") DataSize maxBytesInFlight,
                                @DefaultValue("20000") long maxOutboxBacklog,
                                @DefaultValue("100000") long maxRecipientBacklog,
                                @DefaultValue("5m") Duration maxQueuedAge,
                                @DefaultValue("2") int concurrentStores,
                                @DefaultValue("32") int storeBatch,
                                @DefaultValue("30s") Duration storeWait,
                                @Nullable Integer concurrentChecks,
                                @DefaultValue("30s") Duration checkWait) {

    public IngressProperties {
        if (maxQueuedAge.isNegative() || maxQueuedAge.isZero()) {
            throw new IllegalArgumentException("lienthong.ingress.max-queued-age must be positive");
        }
        if (concurrentStores < 1) {
            throw new IllegalArgumentException("lienthong.ingress.concurrent-stores must be at least 1");
        }
        if (storeBatch < 1) {
            throw new IllegalArgumentException("lienthong.ingress.store-batch must be at least 1");
        }
        if (storeWait.isNegative()) {
            throw new IllegalArgumentException("lienthong.ingress.store-wait must not be negative");
        }
        if (concurrentChecks != null && concurrentChecks < 1) {
            throw new IllegalArgumentException("lienthong.ingress.concurrent-checks must be at least 1");
        }
        if (checkWait.isNegative()) {
            throw new IllegalArgumentException("lienthong.ingress.check-wait must not be negative");
        }
    }

    /** The lanes for the ingress's CPU work: as set, or twice the processors this JVM may use. */
    public int checkingLanes() {
        return concurrentChecks != null ? concurrentChecks : 2 * Runtime.getRuntime().availableProcessors();
    }
}
