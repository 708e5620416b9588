package vn.lienthong.core.delivery;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.core.agency.Agency;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.routing.DeliveryOrder;

/** Pushes one envelope to a push agency and records the outcome. */
public class PushDelivery {

    private static final Logger log = LoggerFactory.getLogger(PushDelivery.class);

    private final AgencyRegistry agencies;
    private final EnvelopeArchive archive;
    private final Deliveries deliveries;
    private final Handover handover;
    private final EnvelopePusher pusher;
    private final Clock clock;

    public PushDelivery(AgencyRegistry agencies, EnvelopeArchive archive, Deliveries deliveries, Handover handover,
                        EnvelopePusher pusher, Clock clock) {
        this.agencies = agencies;
        this.archive = archive;
        this.deliveries = deliveries;
        this.handover = handover;
        this.pusher = pusher;
        this.clock = clock;
    }

    /**
     * @throws DeliveryFailedException when the push fails, after recording the attempt, so
     *         the broker redelivers the order later
     */
    public void deliver(DeliveryOrder order) {
        Agency recipient = agencies.find(order.recipient())
                .orElseThrow(() -> new IllegalStateException("order for unregistered agency " + order.recipient()));
        EnvelopeArchive.Archived envelope = archive.find(order.envelopeId())
                .orElseThrow(() -> new IllegalStateException("order for unknown envelope " + order.envelopeId()));
        try {
            pusher.push(new PushRequest(recipient.endpoint(), envelope.envelopeId(), envelope.sender(),
                    recipient.code().value(), envelope.kind().xmlName(), envelope.dossierCode(), order.attempt(),
                    envelope.content()));
        } catch (PushFailedException e) {
            deliveries.recordFailure(order.envelopeId(), order.recipient(), order.attempt(), e.getMessage(), clock.instant());
            log.warn("push of envelope {} to {} failed on attempt {}: {}", order.envelopeId(), order.recipient(),
                    order.attempt(), e.getMessage());
            throw new DeliveryFailedException("push to " + order.recipient() + " failed", e);
        }
        handover.take(order.envelopeId(), order.recipient(), clock.instant());
        log.info("envelope {} pushed to {} on attempt {}", order.envelopeId(), order.recipient(), order.attempt());
    }
}
