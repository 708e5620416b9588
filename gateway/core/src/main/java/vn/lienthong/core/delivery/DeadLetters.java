package vn.lienthong.core.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.envelope.EnvelopeKind;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.core.routing.DeliveryOrder;
import vn.lienthong.core.routing.Outbox;

/**
 * Deliveries whose every attempt failed, as operators see and handle them: operators list
 * and inspect them; admins replay them, through the normal path with a new delivery order,
 * or discard them.
 */
public class DeadLetters {

    /** A dead-lettered delivery. */
    public record DeadLetter(String envelopeId, String recipient, String sender, String kind,
                             @Nullable String dossierCode, int attempts, @Nullable String lastError, Instant deadAt,
                             String orderKey) {
    }

    /** A dead letter with the history of its attempts. */
    public record Detail(DeadLetter deadLetter, List<Deliveries.Attempt> attempts) {
    }

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final String SELECT = """
            SELECT d.envelope_id, d.recipient, e.sender, e.kind, e.dossier_code, d.attempts, d.last_error, d.dead_at,
                   e.order_key
            FROM delivery d JOIN envelope e ON e.id = d.envelope_id
            WHERE d.state = 'DEAD_LETTERED'""";

    private final JdbcClient jdbc;
    private final Deliveries deliveries;
    private final Sequencing sequencing;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public DeadLetters(JdbcClient jdbc, Deliveries deliveries, Sequencing sequencing, Outbox outbox,
                       TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.sequencing = sequencing;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Dead letters, oldest first; all of them, or one recipient's. */
    public List<DeadLetter> list(Caller caller, @Nullable String recipient) {
        caller.requireOperator("list dead letters");
        return recipient == null
                ? jdbc.sql(SELECT + " ORDER BY d.dead_at").query(DeadLetters::deadLetter).list()
                : jdbc.sql(SELECT + " AND d.recipient = ? ORDER BY d.dead_at").param(recipient)
                        .query(DeadLetters::deadLetter).list();
    }

    public Detail get(Caller caller, String envelopeId, String recipient) {
        caller.requireOperator("inspect dead letters");
        DeadLetter deadLetter = find(envelopeId, recipient);
        return new Detail(deadLetter, deliveries.attempts(envelopeId, recipient));
    }

    /** Delivers a dead letter again, with a new order and its attempts counted afresh. */
    public void replay(Caller caller, String envelopeId, String recipient) {
        caller.requireAdmin("replay dead letters");
        DeadLetter deadLetter = find(envelopeId, recipient);
        requeue(deadLetter);
        log.info("{} replayed the dead letter of envelope {} to {}", caller, envelopeId, recipient);
    }

    /** Replays every dead letter of one recipient; returns how many. */
    public int replayAll(Caller caller, String recipient) {
        caller.requireAdmin("replay dead letters");
        List<DeadLetter> all = list(caller, recipient);
        all.forEach(this::requeue);
        log.info("{} replayed {} dead letters to {}", caller, all.size(), recipient);
        return all.size();
    }

    /** Gives up on a dead letter for good; later envelopes of its dossier (its order key) are no longer held back by it. */
    public void discard(Caller caller, String envelopeId, String recipient) {
        caller.requireAdmin("discard dead letters");
        DeadLetter deadLetter = find(envelopeId, recipient);
        AgencyCode agency = AgencyCode.of(recipient);
        if (!deliveries.move(envelopeId, agency, DeliveryState.DISCARDED, clock.instant())) {
            throw notFound(envelopeId, recipient);
        }
        log.warn("{} discarded the dead letter of envelope {} to {}", caller, envelopeId, recipient);
        sequencing.releaseNext(agency, deadLetter.orderKey());
    }

    private void requeue(DeadLetter deadLetter) {
        AgencyCode recipient = AgencyCode.of(deadLetter.recipient());
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            int generation = deliveries.requeue(deadLetter.envelopeId(), recipient, DeliveryState.DEAD_LETTERED, now)
                    .orElseThrow(() -> notFound(deadLetter.envelopeId(), deadLetter.recipient()));
            outbox.enqueue(new DeliveryOrder(deadLetter.envelopeId(), recipient, deadLetter.orderKey(), generation), now);
        });
    }

    private DeadLetter find(String envelopeId, String recipient) {
        return jdbc.sql(SELECT + " AND d.envelope_id = ? AND d.recipient = ?").params(envelopeId, recipient)
                .query(DeadLetters::deadLetter).optional()
                .orElseThrow(() -> notFound(envelopeId, recipient));
    }

    private static DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3),
                EnvelopeKind.valueOf(rs.getString(4)).xmlName(), rs.getString(5), rs.getInt(6), rs.getString(7),
                Deliveries.instant(rs, 8), rs.getString(9));
    }

    private static GatewayException notFound(String envelopeId, String recipient) {
        return ErrorCode.DEAD_LETTER_NOT_FOUND.exception("no dead letter of envelope " + envelopeId + " to " + recipient)
                .build();
    }
}
