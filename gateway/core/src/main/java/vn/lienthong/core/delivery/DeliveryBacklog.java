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

    /**
     * One recipient's queue of deliveries ready to be acted on: how long it has held some
     * without being empty, and how long a delivery queued now would wait for its turn.
     */
    public record QueueState(Duration behindFor, Duration expectedWait) {
        static final QueueState EMPTY = new QueueState(Duration.ZERO, Duration.ZERO);
    }

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
    private volatile Map<String, QueueState> queueStates = Map.of();

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
        queueStates = queueStates(sampled, System.nanoTime());
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
     * How far behind the queue of deliveries to {@code recipient} that are ready to be acted on
     * (queued, neither held back nor waiting for a retry) was at the last sample ({@link QueueWait}).
     */
    public QueueState queue(String recipient) {
        return queueStates.getOrDefault(recipient, QueueState.EMPTY);
    }

    public long outboxPending() {
        return outboxPending.get();
    }

    /** A recipient missing from the sample has nothing queued; its estimate learns that the queue emptied. */
    private Map<String, QueueState> queueStates(Map<String, Deliveries.Backlog> sampled, long nanoTime) {
        Map<String, QueueState> states = new HashMap<>();
        sampled.keySet().forEach(recipient -> queueWaits.computeIfAbsent(recipient, r -> new QueueWait()));
        queueWaits.forEach((recipient, wait) -> {
            Deliveries.Backlog backlog = sampled.get(recipient);
            if (backlog == null) {
                wait.sample(0, 0, nanoTime);
            } else {
                wait.sample(backlog.queued(), backlog.queuedSinceLastLook(), nanoTime);
            }
            states.put(recipient, new QueueState(wait.behindFor(), wait.expectedWait()));
        });
        return Map.copyOf(states);
    }

    private static long secondsSince(@Nullable Instant since, Instant now) {
        return since == null ? 0 : Duration.between(since, now).toSeconds();
    }
}
