package vn.lienthong.core.routing;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.Party;

/**
 * The transactional outbox: delivery orders written in the same transaction as the change
 * that calls for them (an accepted envelope, a released or replayed delivery), and removed by
 * the relay only after the broker has them. An order is therefore sent if and only if that
 * change was committed, whatever stops when.
 */
public class Outbox {

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The first order of every recipient of a newly accepted envelope. */
    public void enqueue(Envelope envelope, Instant at) {
        for (Party recipient : envelope.recipients()) {
            enqueue(new DeliveryOrder(envelope.id(), recipient.agency(), envelope.orderKey(), 0), at);
        }
    }

    public void enqueue(DeliveryOrder order, Instant at) {
        jdbc.sql("""
                        INSERT INTO outbox (envelope_id, recipient, order_key, generation, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(order.envelopeId(), order.recipient().value(), order.orderKey(), order.generation(),
                        at.atOffset(ZoneOffset.UTC))
                .update();
    }

    public long pending() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    }
}
