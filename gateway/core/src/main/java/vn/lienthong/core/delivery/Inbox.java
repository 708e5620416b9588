package vn.lienthong.core.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/**
 * The inbox of a pull agency: envelopes wait here until the agency fetches them and
 * acknowledges; the acknowledgement is the moment the agency took the dossier. An agency
 * only ever sees its own inbox.
 */
public class Inbox {

    /** The result of an acknowledgement; repeating it returns the first time again. */
    public record Acknowledgement(String envelopeId, String recipient, Instant takenAt) {
    }

    private static final int MAX_LIST = 500;

    private final Deliveries deliveries;
    private final EnvelopeArchive archive;
    private final Handover handover;
    private final DeliveryMonitor monitor;
    private final Clock clock;

    public Inbox(Deliveries deliveries, EnvelopeArchive archive, Handover handover, DeliveryMonitor monitor, Clock clock) {
        this.deliveries = deliveries;
        this.archive = archive;
        this.handover = handover;
        this.monitor = monitor;
        this.clock = clock;
    }

    public List<InboxEntry> list(Caller caller, int limit) {
        return deliveries.inbox(caller.requireAgency("read an inbox"), Math.max(1, Math.min(limit, MAX_LIST)));
    }

    /** An envelope fetched from the inbox: what it is, and its signed bytes, which the caller closes. */
    public record Fetched(EnvelopeArchive.Archived envelope, EnvelopeBytes content) {
    }

    /** The envelope's signed bytes, for a recipient that has it in its inbox or already took it. */
    public Fetched fetch(Caller caller, String envelopeId) {
        AgencyCode recipient = caller.requireAgency("read an inbox");
        requireHanded(deliveries.state(envelopeId, recipient).orElseThrow(() -> notInInbox(envelopeId)), envelopeId);
        EnvelopeArchive.Archived envelope = archive.find(envelopeId).orElseThrow(() -> notInInbox(envelopeId));
        return new Fetched(envelope, archive.content(envelope));
    }

    /** Records that the caller took the envelope; idempotent. */
    public Acknowledgement acknowledge(Caller caller, String envelopeId) {
        AgencyCode recipient = caller.requireAgency("acknowledge envelopes");
        requireHanded(deliveries.state(envelopeId, recipient).orElseThrow(() -> notInInbox(envelopeId)), envelopeId);
        Instant now = clock.instant();
        if (handover.take(envelopeId, recipient, now)) {
            archive.find(envelopeId).ifPresent(envelope ->
                    monitor.delivered(recipient, DeliveryMonitor.PULL, envelope.acceptedAt(), now));
        }
        Instant takenAt = deliveries.takenAt(envelopeId, recipient)
                .orElseThrow(() -> new IllegalStateException("delivered envelope " + envelopeId + " without taken-at"));
        return new Acknowledgement(envelopeId, recipient.value(), takenAt);
    }

    /** In the inbox, or taken already (fetching again and acknowledging again are allowed). */
    private static void requireHanded(DeliveryState state, String envelopeId) {
        if (state != DeliveryState.AVAILABLE && state != DeliveryState.DELIVERED) {
            throw notInInbox(envelopeId);
        }
    }

    private static GatewayException notInInbox(String envelopeId) {
        return ErrorCode.INBOX_ENTRY_NOT_FOUND.exception("envelope " + envelopeId + " is not in your inbox").build();
    }
}
