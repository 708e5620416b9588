package vn.lienthong.core.portal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.access.Role;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.tracking.DossierView;
import vn.lienthong.core.tracking.TrackingQueries;

/**
 * Decides, for each accepted envelope of a dossier, what the portal must hear, and queues it
 * in the acceptance transaction: the dossier record when the dossier is new to the portal, its
 * status changed or its return date moved (an apology slip's new date), and a progress record
 * for every hand-off the envelope made. So every
 * status change and hand-off yields exactly one queued update, in the order they happened.
 */
public class PortalSync {

    /** Tracking reads on the sync's behalf see every dossier. */
    private static final Caller SYNC = Caller.operator("portal-sync", Set.of(Role.OPERATOR));

    private final TrackingQueries tracking;
    private final PortalRecords records;
    private final PortalOutbox outbox;
    private final boolean enabled;

    /** @param enabled false when no portal is connected: nothing is queued then */
    public PortalSync(TrackingQueries tracking, PortalRecords records, PortalOutbox outbox, boolean enabled) {
        this.tracking = tracking;
        this.records = records;
        this.outbox = outbox;
        this.enabled = enabled;
    }

    /** Queues the updates an accepted envelope calls for; call after tracking recorded it, in the same transaction. */
    public void record(Envelope envelope, Instant at) {
        String code = envelope.dossierCode();
        if (!enabled || code == null) {
            return;
        }
        DossierView dossier = tracking.dossier(SYNC, code);
        PortalCall record = records.dossier(dossier, true);
        String returnAt = PortalRecords.returnAt(record);
        PortalOutbox.Announced announced = outbox.announced(code).orElse(null);
        List<DossierView.StatusChange> changes = dossier.statusHistory().stream()
                .filter(change -> change.envelopeId().equals(envelope.id())).toList();
        boolean dateMoved = announced != null && !Objects.equals(announced.returnAt(), returnAt);
        if (announced == null || !changes.isEmpty() || dateMoved) {
            String reason = announced == null ? "dossier first seen in envelope " + envelope.id()
                    : changes.isEmpty() ? "return date moved to " + returnAt + " by envelope " + envelope.id()
                    : "status " + changes.get(changes.size() - 1).status().code() + " by envelope " + envelope.id();
            outbox.enqueue(code, announced == null ? records.dossier(dossier, false) : record, reason, at);
            outbox.announce(code, returnAt, at);
        }
        for (DossierView.Handoff handoff : dossier.handoffs()) {
            if (handoff.envelopeId().equals(envelope.id())) {
                outbox.enqueue(code, records.progress(dossier, handoff), "hand-off " + handoff.id() + " from "
                        + handoff.giver().code() + " to " + handoff.taker().code(), at);
            }
        }
    }
}
