package vn.lienthong.core.submission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.delivery.Deliveries;
import vn.lienthong.core.edxml.EdxmlDocuments;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.envelope.EnvelopeLogContext;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.groupcommit.GroupCommit;
import vn.lienthong.core.portal.PortalSync;
import vn.lienthong.core.receipt.Receipt;
import vn.lienthong.core.receipt.ReceiptIssuer;
import vn.lienthong.core.routing.Outbox;
import vn.lienthong.core.tracking.DossierTracking;

/**
 * Steps 6 to 8: deduplicate on the envelope id, then in one transaction store the bytes with
 * the signed receipt, record the hand-off, link an edXML message to its document, queue the
 * national portal's updates, open a delivery per recipient and write the outbox. Either all
 * of it is committed or none; the transaction may hold other submissions' writes too (a
 * {@link GroupCommit}), each of which stands or falls alone.
 */
final class Acceptance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Acceptance.class);

    /** Prefix of the store's metrics and name of its writer threads. */
    static final String STORES = "lienthong.acceptance";

    /** Envelopes of one dossier lock its row: batches take dossiers in one order. */
    private static final Comparator<Storing> LOCK_ORDER = Comparator.comparing(
            storing -> storing.verified().envelope().dossierCode(), Comparator.nullsFirst(Comparator.naturalOrder()));

    /** One submission's store: what the writer needs, and the receipt it stores. */
    private record Storing(SubmissionStages.Verified verified, Receipt receipt, Instant acceptedAt) {
    }

    private final EnvelopeArchive archive;
    private final Deliveries deliveries;
    private final DossierTracking tracking;
    private final EdxmlDocuments documents;
    private final PortalSync portal;
    private final Outbox outbox;
    private final ReceiptIssuer receipts;
    private final GroupCommit<Storing> stores;
    private final Timer signing;
    private final Clock clock;

    Acceptance(EnvelopeArchive archive, Deliveries deliveries, DossierTracking tracking, EdxmlDocuments documents,
               PortalSync portal, Outbox outbox, ReceiptIssuer receipts, TransactionTemplate transactions,
               GroupCommit.Limits storeLimits, ObservationRegistry observations, MeterRegistry meters, Clock clock) {
        this.archive = archive;
        this.deliveries = deliveries;
        this.tracking = tracking;
        this.documents = documents;
        this.portal = portal;
        this.outbox = outbox;
        this.receipts = receipts;
        this.signing = Timer.builder("lienthong.receipt.signing").description("Building and signing a receipt")
                .publishPercentileHistogram().register(meters);
        this.clock = clock;
        // Last: the writers start here and call back into this acceptance.
        this.stores = new GroupCommit<>(STORES, this::write, LOCK_ORDER, transactions, storeLimits, observations, meters);
    }

    Receipt accept(SubmissionStages.Verified verified) {
        Envelope envelope = verified.envelope();
        Receipt earlier = earlierReceipt(verified);
        if (earlier != null) {
            return earlier;
        }
        Instant acceptedAt = clock.instant();
        Receipt receipt = signing.record(() -> receipts.issue(envelope, verified.bytes(), acceptedAt));
        verified.lane().leave();
        boolean stored = store(verified, receipt, acceptedAt);
        if (!stored) {
            Receipt concurrent = earlierReceipt(verified);
            if (concurrent == null) {
                throw new IllegalStateException("envelope " + envelope.id() + " was neither stored nor found");
            }
            return concurrent;
        }
        log.info("accepted envelope {} ({}, {}) from {} for {}{}", envelope.id(), envelope.kind().xmlName(),
                envelope.format().code(), envelope.sender().agency(),
                envelope.recipients().stream().map(p -> p.agency().value()).toList(),
                envelope.dossier() == null ? "" : " in dossier " + envelope.dossierCode());
        return receipt;
    }

    private boolean store(SubmissionStages.Verified verified, Receipt receipt, Instant acceptedAt) {
        try {
            return stores.write(new Storing(verified, receipt, acceptedAt));
        } catch (GroupCommit.Withdrawn e) {
            throw ErrorCode.GATEWAY_BUSY.exception("the gateway is storing as many envelopes as it can; retry later")
                    .with("retryAfterSeconds", Admission.BUSY_RETRY_AFTER).build();
        } catch (RuntimeException e) {
            if (!GroupCommit.unavailable(e)) {
                throw e;
            }
            // The database is overloaded or away: nothing was stored, and the same envelope may be sent again.
            throw ErrorCode.GATEWAY_BUSY.exception("the gateway cannot store envelopes right now; retry later")
                    .with("retryAfterSeconds", Admission.BUSY_RETRY_AFTER).cause(e).build();
        }
    }

    /** Runs on a store writer's thread, inside a transaction it may share with other submissions. */
    private boolean write(Storing storing) {
        Envelope envelope = storing.verified().envelope();
        EnvelopeLogContext.put(envelope.id(), envelope.dossierCode());
        try {
            return write(storing.verified(), storing.receipt(), storing.acceptedAt());
        } finally {
            EnvelopeLogContext.clear();
        }
    }

    private boolean write(SubmissionStages.Verified verified, Receipt receipt, Instant acceptedAt) {
        Envelope envelope = verified.envelope();
        if (!archive.store(envelope, verified.bytes(), receipt.xml(), acceptedAt)) {
            return false;
        }
        tracking.recordGiven(envelope, verified.bytes().sha256(), acceptedAt);
        if (verified.edxml() != null) {
            documents.record(envelope, verified.edxml(), verified.bytes().sha256(), acceptedAt);
        }
        portal.record(envelope, acceptedAt);
        deliveries.open(envelope, acceptedAt);
        outbox.enqueue(envelope, acceptedAt);
        return true;
    }

    /** Lets the store's writers finish what waits; called as the gateway stops. */
    @Override
    public void close() {
        stores.close();
    }

    /** The receipt of an identical earlier submission, null if there was none; a different one with the same id is refused. */
    private Receipt earlierReceipt(SubmissionStages.Verified verified) {
        return archive.fingerprint(verified.envelope().id()).map(earlier -> {
            if (!earlier.sha256().equals(verified.bytes().sha256())) {
                throw ErrorCode.ENVELOPE_ID_CONFLICT.exception("envelope id " + verified.envelope().id()
                        + " was already accepted with different content; use a new id for a new envelope").build();
            }
            return new Receipt(verified.envelope().id(), earlier.receipt(), true);
        }).orElse(null);
    }
}
