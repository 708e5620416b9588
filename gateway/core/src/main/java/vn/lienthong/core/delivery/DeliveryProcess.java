package vn.lienthong.core.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.core.agency.Agency;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.agency.PushProtocol;
import vn.lienthong.core.agency.RetryPolicy;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.core.envelope.EnvelopeLogContext;
import vn.lienthong.core.routing.DeliveryOrder;
import vn.lienthong.core.routing.TraceCarrier;

/**
 * What the delivery stage does with one order: skip it if the delivery is already done
 * with, hold it back behind an earlier envelope of the same dossier, then hold it in the
 * recipient's inbox or push it. A failed push is retried by the agency's policy, with the
 * next attempt returned for the flow to schedule on the broker, until the delivery is
 * dead-lettered. A circuit breaker per agency stops pushing at an endpoint that keeps
 * failing, without spending the deliveries' attempts.
 */
public class DeliveryProcess {

    /** The same order again, after a delay: the flow sends it back to the recipient's queue. */
    public record ScheduledRetry(DeliveryOrder order, Duration delay) {
    }

    private static final Logger log = LoggerFactory.getLogger(DeliveryProcess.class);

    private final AgencyRegistry agencies;
    private final EnvelopeArchive archive;
    private final Deliveries deliveries;
    private final Sequencing sequencing;
    private final Handover handover;
    private final Map<PushProtocol, EnvelopePusher> pushers;
    private final RetryPolicy defaultRetry;
    private final CircuitBreakerRegistry breakers;
    private final Duration breakerOpenWait;
    private final DeliveryMonitor monitor;
    private final Clock clock;
    private final String gateway;

    public DeliveryProcess(AgencyRegistry agencies, EnvelopeArchive archive, Deliveries deliveries, Sequencing sequencing,
                           Handover handover, List<EnvelopePusher> pushers, DeliveryProperties properties,
                           CircuitBreakerRegistry breakers, DeliveryMonitor monitor, Clock clock, String gateway) {
        this.agencies = agencies;
        this.archive = archive;
        this.deliveries = deliveries;
        this.sequencing = sequencing;
        this.handover = handover;
        this.pushers = byProtocol(pushers);
        this.defaultRetry = properties.retry().policy();
        this.breakers = breakers;
        this.breakerOpenWait = properties.circuitBreaker().openWait();
        this.monitor = monitor;
        this.clock = clock;
        this.gateway = gateway;
    }

    /**
     * Runs on the broker consumer's thread, with the order's envelope id (and, once read, its
     * dossier code) in the logging MDC.
     *
     * @return the retry to schedule, or null when nothing more is to be done with this order now
     */
    public @Nullable ScheduledRetry deliver(DeliveryOrder order) {
        EnvelopeLogContext.put(order.envelopeId(), null);
        try {
            return act(order);
        } finally {
            EnvelopeLogContext.clear();
        }
    }

    private @Nullable ScheduledRetry act(DeliveryOrder order) {
        Deliveries.Delivery delivery = deliveries.find(order.envelopeId(), order.recipient()).orElse(null);
        if (delivery == null || delivery.generation() != order.generation()) {
            return null;
        }
        if (!delivery.state().pending()) {
            // A redelivered order: whatever it found done, let the dossier's next envelope go.
            sequencing.settle(delivery);
            return null;
        }
        Agency agency = agencies.find(order.recipient()).orElse(null);
        if (agency == null) {
            log.error("delivery order {} for {}, which is no longer registered, dropped", order.envelopeId(),
                    order.recipient());
            return null;
        }
        if (delivery.state() == DeliveryState.QUEUED && sequencing.waitIfHeldBack(delivery)) {
            return null;
        }
        EnvelopeArchive.Archived envelope = archive.find(delivery.envelopeId())
                .orElseThrow(() -> new IllegalStateException("delivery of unknown envelope " + delivery.envelopeId()));
        EnvelopeLogContext.put(envelope.envelopeId(), envelope.dossierCode());
        String mode = DeliveryMonitor.mode(agency);
        return monitor.observe(agency.code(), mode, envelope, order.trace(), () -> switch (agency.deliveryMode()) {
            case PULL -> {
                holdInInbox(delivery);
                yield null;
            }
            case PUSH -> push(agency, delivery, envelope, mode, order.trace());
        });
    }

    private void holdInInbox(Deliveries.Delivery delivery) {
        if (deliveries.move(delivery.envelopeId(), delivery.recipient(), DeliveryState.AVAILABLE, clock.instant())) {
            monitor.count(delivery.recipient(), DeliveryMonitor.PULL, "held");
            sequencing.releaseNext(delivery.recipient(), delivery.orderKey());
        }
    }

    private @Nullable ScheduledRetry push(Agency agency, Deliveries.Delivery delivery, EnvelopeArchive.Archived envelope,
                                          String mode, TraceCarrier trace) {
        CircuitBreaker breaker = breakers.circuitBreaker(agency.code().value());
        if (!breaker.tryAcquirePermission()) {
            // The endpoint keeps failing: come back when the breaker lets a trial through, attempts untouched.
            deliveries.scheduleRetry(delivery.envelopeId(), delivery.recipient(), delivery.attempts(),
                    clock.instant().plus(breakerOpenWait), clock.instant());
            return new ScheduledRetry(orderFor(delivery, trace), breakerOpenWait);
        }
        int attempt = delivery.attempts() + 1;
        Instant started = clock.instant();
        long start = System.nanoTime();
        try (EnvelopeBytes content = archive.content(envelope)) {
            EnvelopePusher pusher = pusherFor(agency);
            monitor.observePush(agency.code(), mode, pushTrace -> pusher.push(new PushRequest(agency.endpoint(),
                    envelope.envelopeId(), envelope.sender(), agency.code().value(), envelope.kind().xmlName(),
                    envelope.format(), envelope.dossierCode(), gateway, envelope.acceptedAt(), attempt, content, pushTrace)));
        } catch (PushFailedException e) {
            long took = System.nanoTime() - start;
            breaker.onError(took, TimeUnit.NANOSECONDS, e);
            monitor.pushed(delivery.recipient(), "failed", Duration.ofNanos(took));
            monitor.count(delivery.recipient(), mode, "failed");
            return failed(agency, delivery, mode, attempt, started, Duration.ofNanos(took), e.getMessage(), trace);
        }
        long took = System.nanoTime() - start;
        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        monitor.pushed(delivery.recipient(), "delivered", Duration.ofNanos(took));
        Instant takenAt = clock.instant();
        if (handover.takePushed(delivery.envelopeId(), envelope.dossierCode(), delivery.recipient(), takenAt, attempt,
                started, Duration.ofNanos(took))) {
            monitor.delivered(delivery.recipient(), mode, envelope.acceptedAt(), takenAt);
        }
        log.info("envelope {} pushed to {} on attempt {}", delivery.envelopeId(), delivery.recipient(), attempt);
        sequencing.releaseNext(delivery.recipient(), delivery.orderKey());
        return null;
    }

    private @Nullable ScheduledRetry failed(Agency agency, Deliveries.Delivery delivery, String mode, int attempt,
                                            Instant started, Duration took, String error, TraceCarrier trace) {
        deliveries.recordAttempt(delivery.envelopeId(), delivery.recipient(), attempt, started, took, error);
        RetryPolicy policy = agency.retry() != null ? agency.retry() : defaultRetry;
        if (policy.allowsAnotherAttempt(attempt)) {
            Duration delay = policy.delayAfter(attempt);
            deliveries.scheduleRetry(delivery.envelopeId(), delivery.recipient(), attempt, clock.instant().plus(delay),
                    clock.instant());
            monitor.count(delivery.recipient(), mode, "retried");
            log.warn("push of envelope {} to {} failed on attempt {} of {}, next in {}: {}", delivery.envelopeId(),
                    delivery.recipient(), attempt, policy.maxAttempts(), delay, error);
            return new ScheduledRetry(orderFor(delivery, trace), delay);
        }
        deliveries.deadLetter(delivery.envelopeId(), delivery.recipient(), attempt, clock.instant());
        monitor.count(delivery.recipient(), mode, "dead_lettered");
        log.error("envelope {} to {} dead-lettered after {} attempts; operators can replay it: {}",
                delivery.envelopeId(), delivery.recipient(), attempt, error);
        sequencing.releaseNext(delivery.recipient(), delivery.orderKey());
        return null;
    }

    private static Map<PushProtocol, EnvelopePusher> byProtocol(List<EnvelopePusher> pushers) {
        Map<PushProtocol, EnvelopePusher> byProtocol = new EnumMap<>(PushProtocol.class);
        for (EnvelopePusher pusher : pushers) {
            if (byProtocol.putIfAbsent(pusher.protocol(), pusher) != null) {
                throw new IllegalStateException("two pushers for " + pusher.protocol() + ": "
                        + byProtocol.get(pusher.protocol()) + " and " + pusher);
            }
        }
        return byProtocol;
    }

    /** A gateway built without the agency's protocol fails the push, so the delivery is retried and stays visible. */
    private EnvelopePusher pusherFor(Agency agency) {
        EnvelopePusher pusher = pushers.get(agency.pushProtocol());
        if (pusher == null) {
            throw new PushFailedException("this gateway cannot push over " + agency.pushProtocol()
                    + " to agency " + agency.code());
        }
        return pusher;
    }

    /** A retry keeps the trace of the order it retries. */
    private static DeliveryOrder orderFor(Deliveries.Delivery delivery, TraceCarrier trace) {
        return new DeliveryOrder(delivery.envelopeId(), delivery.recipient(), delivery.orderKey(), delivery.generation(),
                trace);
    }
}
