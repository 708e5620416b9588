package vn.lienthong.core.submission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.delivery.Deliveries;
import vn.lienthong.core.edxml.EdxmlDocuments;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.portal.PortalSync;
import vn.lienthong.core.receipt.Receipt;
import vn.lienthong.core.receipt.ReceiptIssuer;
import vn.lienthong.core.routing.Outbox;
import vn.lienthong.core.tracking.DossierTracking;

/**
 * Steps 6 to 8: deduplicate on the envelope id, then in one transaction store the bytes with
 * the signed receipt, record the hand-off, link an edXML message to its document, queue the
 * national portal's updates, open a delivery per recipient and write the outbox. Either all
 * of it is committed or none.
 */
final class Acceptance {

    private static final Logger log = LoggerFactory.getLogger(Acceptance.class);

    private final EnvelopeArchive archive;
    private final Deliveries deliveries;
    private final DossierTracking tracking;
    private final EdxmlDocuments documents;
    private final PortalSync portal;
    private final Outbox outbox;
    private final ReceiptIssuer receipts;
    private final TransactionTemplate transactions;
    private final StoreGate stores;
    private final Timer signing;
    private final Clock clock;

    Acceptance(EnvelopeArchive archive, Deliveries deliveries, DossierTracking tracking, EdxmlDocuments documents,
               PortalSync portal, Outbox outbox, ReceiptIssuer receipts, TransactionTemplate transactions,
               StoreGate stores, MeterRegistry meters, Clock clock) {
        this.archive = archive;
        this.deliveries = deliveries;
        this.tracking = tracking;
        this.documents = documents;
        this.portal = portal;
        this.outbox = outbox;
        this.receipts = receipts;
        this.transactions = transactions;
        this.stores = stores;
        this.signing = Timer.builder("lienthong.receipt.signing").description("Building and signing a receipt")
                .publishPercentileHistogram().register(meters);
        this.clock = clock;
    }

    Receipt accept(SubmissionStages.Verified verified) {
        Envelope envelope = verified.envelope();
        Receipt earlier = earlierReceipt(verified);
        if (earlier != null) {
            return earlier;
        }
        Instant acceptedAt = clock.instant();
        Receipt receipt = signing.record(() -> receipts.issue(envelope, verified.bytes(), acceptedAt));
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
        return stores.store(() -> {
            try {
                return Boolean.TRUE.equals(transactions.execute(tx -> write(verified, receipt, acceptedAt)));
            } catch (TransientDataAccessException | DataAccessResourceFailureException
                     | CannotCreateTransactionException e) {
                // The database is overloaded or away: nothing was stored, and the same envelope may be sent again.
                throw ErrorCode.GATEWAY_BUSY.exception("the gateway cannot store envelopes right now; retry later")
                        .with("retryAfterSeconds", Admission.BUSY_RETRY_AFTER).cause(e).build();
            }
        });
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
