package vn.lienthong.core.portal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.integration.support.locks.ExpirableLockRegistry;

/**
 * Sends the queued portal updates, each dossier's in order. One gateway instance relays at a
 * time (a lock in the database). A portal that is away ends the round and the update waits,
 * with a back-off that doubles up to {@code max-backoff}, however many hours it takes; an
 * update the portal refuses becomes a dead letter. A crash between a call and the deletion of
 * its row sends it again, which the portal's upsert on the dossier code (and on the step for
 * progress records) absorbs.
 */
public class PortalRelay {

    private static final Logger log = LoggerFactory.getLogger(PortalRelay.class);
    private static final String LOCK_KEY = "portal-relay";
    /** Rounds in one run, so a long backlog drains quickly without holding the lock for ever. */
    private static final int MAX_ROUNDS = 50;

    /** What one run did. */
    public record Run(boolean ran, int sent, int retried, int rejected) {
    }

    private final PortalOutbox outbox;
    private final NationalPortal portal;
    private final ExpirableLockRegistry<DistributedLock> locks;
    private final PortalSyncProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public PortalRelay(PortalOutbox outbox, NationalPortal portal, ExpirableLockRegistry<DistributedLock> locks,
                       PortalSyncProperties properties, MeterRegistry meters, Clock clock) {
        this.outbox = outbox;
        this.portal = portal;
        this.locks = locks;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("lienthong.portal.backlog", pending, AtomicLong::get)
                .description("Portal updates waiting to be sent").register(meters);
        Gauge.builder("lienthong.portal.backlog.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest portal update not yet sent").register(meters);
        Gauge.builder("lienthong.portal.dead.letters", dead, AtomicLong::get)
                .description("Portal updates the portal refused, waiting for an operator").register(meters);
    }

    /** One run: sends what is due, unless another instance is at it; then refreshes the backlog gauges. */
    public Run run() {
        DistributedLock lock = locks.obtain(LOCK_KEY);
        boolean locked;
        try {
            locked = lock.tryLock(Duration.ZERO, properties.lockTtl());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(false, 0, 0, 0);
        }
        try {
            if (!locked) {
                return new Run(false, 0, 0, 0);
            }
            try {
                return relay();
            } finally {
                lock.unlock();
            }
        } finally {
            refreshGauges();
        }
    }

    /** The backlog as the gauges last saw it. */
    public PortalOutbox.Backlog backlog() {
        return outbox.backlog();
    }

    private Run relay() {
        int sent = 0;
        int retried = 0;
        int rejected = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<PortalOutbox.Pending> due = outbox.due(clock.instant(), properties.batchSize());
            if (due.isEmpty()) {
                break;
            }
            // Forgotten together after the round: a crash before that sends them again, which the
            // portal's upsert absorbs, as for a crash between one call and its deletion.
            List<Long> taken = new ArrayList<>(due.size());
            try {
                for (PortalOutbox.Pending update : due) {
                    try {
                        portal.send(update.call());
                        taken.add(update.id());
                        count(update, "sent");
                        sent++;
                    } catch (PortalUnavailableException e) {
                        int attempts = update.attempts() + 1;
                        Instant next = clock.instant()
                                .plus(backoff(attempts, properties.initialBackoff(), properties.maxBackoff()));
                        outbox.retryLater(update.id(), attempts, next, e.getMessage());
                        count(update, "retried");
                        log.warn("the portal is not taking updates ({}); {} of dossier {} waits until {}", e.getMessage(),
                                update.call().service().wireName(), update.dossierCode(), next);
                        return new Run(true, sent, retried + 1, rejected);
                    } catch (PortalRejectedException e) {
                        outbox.dead(update.id(), update.attempts() + 1, "error_code " + e.errorCode() + ": " + e.getMessage(),
                                clock.instant());
                        count(update, "rejected");
                        rejected++;
                        log.error("the portal refused {} of dossier {} (error_code {}: {}); it is a portal dead letter"
                                        + " until an operator replays or discards it", update.call().service().wireName(),
                                update.dossierCode(), e.errorCode(), e.getMessage());
                    }
                }
            } finally {
                outbox.sent(taken);
            }
        }
        return new Run(true, sent, retried, rejected);
    }

    /** The wait after {@code attempts} failed calls: {@code initial}, doubled each time, at most {@code max}. */
    static Duration backoff(int attempts, Duration initial, Duration max) {
        Duration wait = initial;
        for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private void count(PortalOutbox.Pending update, String outcome) {
        meters.counter("lienthong.portal.calls", "service", update.call().service().wireName(), "outcome", outcome)
                .increment();
    }

    private void refreshGauges() {
        PortalOutbox.Backlog backlog = outbox.backlog();
        pending.set(backlog.pending());
        dead.set(backlog.dead());
        oldestAgeSeconds.set(backlog.oldestSince() == null ? 0
                : Math.max(0, Duration.between(backlog.oldestSince(), clock.instant()).toSeconds()));
    }
}
