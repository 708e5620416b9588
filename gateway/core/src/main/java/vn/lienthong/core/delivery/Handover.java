package vn.lienthong.core.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.envelope.EnvelopeLogContext;
import vn.lienthong.core.groupcommit.GroupCommit;
import vn.lienthong.core.tracking.DossierTracking;

/**
 * The moment a recipient takes an envelope: the delivery becomes DELIVERED and the
 * hand-off gets its taken-at, in one transaction. Pushes answered at about the same time
 * (several agencies' consumers, or several consumers of one) are recorded together, one
 * commit for all of them ({@link GroupCommit}).
 */
public class Handover implements AutoCloseable {

    /** Prefix of the recording's metrics and name of its writer threads. */
    static final String RECORDS = "lienthong.handover";

    /** Taking a dossier's envelope locks the dossier: batches take dossiers in one order. */
    private static final Comparator<Pushed> LOCK_ORDER =
            Comparator.comparing(Pushed::dossierCode, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** A push the recipient answered, to be recorded as its taking. */
    private record Pushed(String envelopeId, @Nullable String dossierCode, AgencyCode recipient, Instant at,
                          int attempt, Instant started, Duration took) {
    }

    private final Deliveries deliveries;
    private final DossierTracking tracking;
    private final TransactionTemplate transactions;
    private final GroupCommit<Pushed> pushedRecords;

    public Handover(Deliveries deliveries, DossierTracking tracking, TransactionTemplate transactions,
                    GroupCommit.Limits recordLimits, ObservationRegistry observations, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.tracking = tracking;
        this.transactions = transactions;
        this.pushedRecords = new GroupCommit<>(RECORDS, this::record, LOCK_ORDER, transactions, recordLimits,
                observations, meters);
    }

    /** @return true if this call took it, false if it had been taken before */
    public boolean take(String envelopeId, AgencyCode recipient, Instant at) {
        return Boolean.TRUE.equals(transactions.execute(tx -> moveAndRecord(envelopeId, recipient, at)));
    }

    /**
     * A push the recipient answered: its attempt is recorded in the same transaction as the
     * taking, which may be shared with other pushes; returns once committed.
     *
     * @return true if this call took it, false if it had been taken before (a pull got there first)
     * @throws GroupCommit.Withdrawn when it could not be recorded in time: nothing was, and the order is tried again
     */
    public boolean takePushed(String envelopeId, @Nullable String dossierCode, AgencyCode recipient, Instant at,
                              int attempt, Instant started, Duration took) {
        return pushedRecords.write(new Pushed(envelopeId, dossierCode, recipient, at, attempt, started, took));
    }

    /** Lets the writers finish what waits; called as the gateway stops, after the consumers. */
    @Override
    public void close() {
        pushedRecords.close();
    }

    /** Runs on a writer's thread, inside a transaction it may share with other pushes. */
    private boolean record(Pushed pushed) {
        EnvelopeLogContext.put(pushed.envelopeId(), pushed.dossierCode());
        try {
            deliveries.recordAttempt(pushed.envelopeId(), pushed.recipient(), pushed.attempt(), pushed.started(),
                    pushed.took(), null);
            return moveAndRecord(pushed.envelopeId(), pushed.recipient(), pushed.at());
        } finally {
            EnvelopeLogContext.clear();
        }
    }

    private boolean moveAndRecord(String envelopeId, AgencyCode recipient, Instant at) {
        if (!deliveries.move(envelopeId, recipient, DeliveryState.DELIVERED, at)) {
            return false;
        }
        tracking.recordTaken(envelopeId, recipient.value(), at);
        return true;
    }
}
