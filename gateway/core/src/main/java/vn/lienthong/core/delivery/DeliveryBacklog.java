package vn.lienthong.core.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.routing.Outbox;

/**
 * How far delivery is behind, sampled about once a second so that admission and metrics
 * read it from memory: deliveries not yet handed over per recipient (queued, waiting,
 * retrying), how long the oldest has waited, how long the oldest queued one has waited for its
 * turn, dead letters per recipient, and orders not yet relayed to the broker.
 * Counting in the database makes it the same on every gateway and any broker.
 */
public class DeliveryBacklog {

    private final Deliveries deliveries;
    private final Outbox outbox;
    private final Clock clock;
    private final MultiGauge pending;
    private final MultiGauge oldest;
    private final MultiGauge oldestQueued;
    private final MultiGauge deadLetters;
    private final AtomicLong outboxPending = new AtomicLong();
    private final Map<String, QueueWait> queueWaits = new HashMap<>();
    private Instant lastLook;
    private volatile Map<String, Deliveries.Backlog> byRecipient = Map.of();
    private volatile Map<String, Duration> expectedWaits = Map.of();

    public DeliveryBacklog(Deliveries deliveries, Outbox outbox, Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.clock = clock;
        this.lastLook = clock.instant();
        this.pending = MultiGauge.builder("lienthong.delivery.backlog")
                .description("Deliveries not yet handed over to the recipient (queued, waiting or retrying)")
                .register(meters);
        this.oldest = MultiGauge.builder("lienthong.delivery.backlog.oldest.age")
                .description("How long the oldest delivery not yet handed over has waited").baseUnit("seconds")
                .register(meters);
        this.oldestQueued = MultiGauge.builder("lienthong.delivery.queued.oldest.age")
                .description("How long the oldest delivery ready to be acted on has waited for its turn")
                .baseUnit("seconds").register(meters);
        this.deadLetters = MultiGauge.builder("lienthong.dead.letters")
                .description("Deliveries given up after their last attempt, waiting for an operator to replay or discard")
                .register(meters);
        Gauge.builder("lienthong.outbox.pending", outboxPending, AtomicLong::get)
                .description("Delivery orders accepted but not yet relayed to the broker").register(meters);
    }

    /** Reads the backlog again and republishes the gauges; one thread samples at a time. */
    public synchronized void sample() {
        Instant now = clock.instant();
        Map<String, Deliveries.Backlog> sampled = deliveries.backlog(lastLook);
        lastLook = now;
        byRecipient = sampled;
        expectedWaits = expectedWaits(sampled, now);
        outboxPending.set(outbox.pending());
        pending.register(sampled.entrySet().stream().map(entry -> MultiGauge.Row.of(Tags.of("agency", entry.getKey()),
                entry.getValue().pending())).toList(), true);
        oldest.register(sampled.entrySet().stream().map(entry -> MultiGauge.Row.of(Tags.of("agency", entry.getKey()),
                secondsSince(entry.getValue().oldestSince(), now))).toList(), true);
        oldestQueued.register(sampled.entrySet().stream().map(entry -> MultiGauge.Row.of(
                Tags.of("agency", entry.getKey()), secondsSince(entry.getValue().queuedSince(), now))).toList(), true);
        deadLetters.register(sampled.entrySet().stream().filter(entry -> entry.getValue().deadLetters() > 0)
                .map(entry -> MultiGauge.Row.of(Tags.of("agency", entry.getKey()), entry.getValue().deadLetters()))
                .toList(), true);
    }

    public long pending(String recipient) {
        Deliveries.Backlog backlog = byRecipient.get(recipient);
        return backlog == null ? 0 : backlog.pending();
    }

    /**
     * How long the oldest delivery to {@code recipient} that is ready to be acted on (queued,
     * neither held back nor waiting for a retry) has waited, by the last sample; zero when none
     * waited. Long waits mean the recipient's consumers, or the gateway as a whole, cannot keep up.
     */
    public Duration queuedFor(String recipient) {
        Deliveries.Backlog backlog = byRecipient.get(recipient);
        if (backlog == null || backlog.queuedSince() == null) {
            return Duration.ZERO;
        }
        Duration waited = Duration.between(backlog.queuedSince(), clock.instant());
        return waited.isNegative() ? Duration.ZERO : waited;
    }

    /**
     * How long a delivery queued now for {@code recipient} would wait for its turn, by the rate
     * its queue moved over the last samples ({@link QueueWait}); zero when none is queued, empty
     * when deliveries are queued and the queue has not been seen moving.
     */
    public Optional<Duration> expectedWait(String recipient) {
        Duration wait = expectedWaits.getOrDefault(recipient, Duration.ZERO);
        return wait.equals(QueueWait.UNKNOWN) ? Optional.empty() : Optional.of(wait);
    }

    public long outboxPending() {
        return outboxPending.get();
    }

    /** A recipient missing from the sample has nothing queued; its estimate learns that the queue emptied. */
    private Map<String, Duration> expectedWaits(Map<String, Deliveries.Backlog> sampled, Instant now) {
        Map<String, Duration> waits = new HashMap<>();
        sampled.keySet().forEach(recipient -> queueWaits.computeIfAbsent(recipient, r -> new QueueWait()));
        queueWaits.forEach((recipient, wait) -> {
            Deliveries.Backlog backlog = sampled.get(recipient);
            waits.put(recipient, backlog == null ? wait.sample(0, 0, now)
                    : wait.sample(backlog.queued(), backlog.queuedSinceLastLook(), now));
        });
        return Map.copyOf(waits);
    }

    private static long secondsSince(@Nullable Instant since, Instant now) {
        return since == null ? 0 : Duration.between(since, now).toSeconds();
    }
}
