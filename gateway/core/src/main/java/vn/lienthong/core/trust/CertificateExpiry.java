package vn.lienthong.core.trust;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every certificate the gateway relies on, with the days left until it expires, published as
 * the gauge {@code lienthong.certificate.expiry} (days; tags {@code owner}, {@code purpose},
 * {@code certificate}, the first 16 hex digits of its SHA-256).
 */
public final class CertificateExpiry {

    /**
     * One certificate.
     *
     * @param owner an agency code, {@code gateway}, or {@code trust} for a trust anchor
     * @param purpose what it is used for: signing, tls-client, tls-server, receipts, anchor
     */
    public record Entry(String owner, String purpose, String fingerprint, String subject, Instant notAfter) {

        public long daysLeft(Instant now) {
            return Duration.between(now, notAfter).toDays();
        }
    }

    private final List<Supplier<List<Entry>>> sources;
    private final Clock clock;
    private final MultiGauge gauge;
    private volatile List<Entry> entries = List.of();

    public CertificateExpiry(List<Supplier<List<Entry>>> sources, Clock clock, MeterRegistry meters) {
        this.sources = List.copyOf(sources);
        this.clock = clock;
        this.gauge = MultiGauge.builder("lienthong.certificate.expiry")
                .description("Days until a certificate the gateway relies on expires")
                .baseUnit("days")
                .register(meters);
    }

    /** Reads every source again and republishes the gauge. */
    public void refresh() {
        List<Entry> next = new ArrayList<>();
        sources.forEach(source -> next.addAll(source.get()));
        next.sort(Comparator.comparing(Entry::notAfter));
        entries = List.copyOf(next);
        gauge.register(entries.stream().map(entry -> MultiGauge.Row.of(Tags.of("owner", entry.owner(),
                        "purpose", entry.purpose(), "certificate", entry.fingerprint().substring(0, 16)),
                () -> entry.daysLeft(clock.instant()))).toList(), true);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Certificates that expire within the given time (or already have), soonest first. */
    public List<Entry> expiringWithin(Duration window) {
        Instant limit = clock.instant().plus(window);
        return entries.stream().filter(entry -> entry.notAfter().isBefore(limit)).toList();
    }
}
