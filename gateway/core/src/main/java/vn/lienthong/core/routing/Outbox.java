package vn.lienthong.core.routing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.Party;

/**
 * The transactional outbox: delivery orders written in the same transaction as the change
 * that calls for them (an accepted envelope, a released or replayed delivery), and removed by
 * the relay only after the broker has them. An order is therefore sent if and only if that
 * change was committed, whatever stops when.
 *
 * <p>Each order written is observed as {@code lienthong.routing}, a producer step whose trace
 * context the order keeps: the relay runs on another thread, maybe in another gateway, and the
 * delivery must still continue the trace of the submission that called for it.
 */
public class Outbox {

    static final String OBSERVATION = "lienthong.routing";

    private final JdbcClient jdbc;
    private final ObservationRegistry observations;

    public Outbox(JdbcClient jdbc, ObservationRegistry observations) {
        this.jdbc = jdbc;
        this.observations = observations;
    }

    /** The first order of every recipient of a newly accepted envelope. */
    public void enqueue(Envelope envelope, Instant at) {
        for (Party recipient : envelope.recipients()) {
            enqueue(new DeliveryOrder(envelope.id(), recipient.agency(), envelope.orderKey(), 0), at);
        }
    }

    public void enqueue(DeliveryOrder order, Instant at) {
        DeliveryOrder traced = order.trace().isEmpty() ? order.withTrace(traceOf(order)) : order;
        jdbc.sql("""
                        INSERT INTO outbox (envelope_id, recipient, order_key, generation, created_at, trace_context)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(traced.envelopeId(), traced.recipient().value(), traced.orderKey(), traced.generation(),
                        at.atOffset(ZoneOffset.UTC), traced.trace().isEmpty() ? null : traced.trace().encode())
                .update();
    }

    public long pending() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    }

    private TraceCarrier traceOf(DeliveryOrder order) {
        Map<String, String> fields = new LinkedHashMap<>();
        SenderContext<Map<String, String>> context = new SenderContext<>(Map::put, Kind.PRODUCER);
        context.setCarrier(fields);
        Observation.createNotStarted(OBSERVATION, () -> context, observations)
                .lowCardinalityKeyValue("recipient", order.recipient().value())
                .highCardinalityKeyValue("envelope.id", order.envelopeId())
                .start()
                .stop();
        return new TraceCarrier(fields);
    }
}
