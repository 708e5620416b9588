package vn.lienthong.core.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import vn.lienthong.core.routing.Outbox;

/**
 * How far delivery is behind, sampled about once a second so that admission and metrics
 * read it from memory: deliveries not yet handed over per recipient (queued, waiting,
 * retrying), how long the oldest has waited, dead letters per recipient, and orders not yet
 * relayed to the broker.
 * Counting in the database makes it the same on every gateway and any broker.
 */
public class DeliveryBacklog {

    private final Deliveries deliveries;
    private final Outbox outbox;
    private final Clock clock;
    private final MultiGauge pending;
    private final MultiGauge oldest;
    private final MultiGauge deadLetters;
    private final AtomicLong outboxPending = new AtomicLong();
    private volatile Map<String, Deliveries.Backlog> byRecipient = Map.of();

    public DeliveryBacklog(Deliveries deliveries, Outbox outbox, Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.clock = clock;
        this.pending = MultiGauge.builder("lienthong.delivery.backlog")
                .description("Deliveries not yet handed over to the recipient (queued, waiting or retrying)")
                .register(meters);
        this.oldest = MultiGauge.builder("lienthong.delivery.backlog.oldest.age")
                .description("How long the oldest delivery not yet handed over has waited").baseUnit("seconds")
                .register(meters);
        this.deadLetters = MultiGauge.builder("lienthong.dead.letters")
                .description("Deliveries given up after their last attempt, waiting for an operator to replay or discard")
                .register(meters);
        Gauge.builder("lienthong.outbox.pending", outboxPending, AtomicLong::get)
                .description("Delivery orders accepted but not yet relayed to the broker").register(meters);
    }

    /** Reads the backlog again and republishes the gauges. */
    public void sample() {
        Map<String, Deliveries.Backlog> sampled = deliveries.backlog();
        byRecipient = sampled;
        outboxPending.set(outbox.pending());
        Instant now = clock.instant();
        pending.register(sampled.entrySet().stream().map(entry -> MultiGauge.Row.of(Tags.of("agency", entry.getKey()),
                entry.getValue().pending())).toList(), true);
        oldest.register(sampled.entrySet().stream().map(entry -> MultiGauge.Row.of(Tags.of("agency", entry.getKey()),
                entry.getValue().oldestSince() == null ? 0
                        : Duration.between(entry.getValue().oldestSince(), now).toSeconds())).toList(), true);
        deadLetters.register(sampled.entrySet().stream().filter(entry -> entry.getValue().deadLetters() > 0)
                .map(entry -> MultiGauge.Row.of(Tags.of("agency", entry.getKey()), entry.getValue().deadLetters()))
                .toList(), true);
    }

    public long pending(String recipient) {
        Deliveries.Backlog backlog = byRecipient.get(recipient);
        return backlog == null ? 0 : backlog.pending();
    }

    public long outboxPending() {
        return outboxPending.get();
    }
}
