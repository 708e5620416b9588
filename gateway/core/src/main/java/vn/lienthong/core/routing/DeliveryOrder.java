package vn.lienthong.core.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.messaging.Message;
import vn.lienthong.core.agency.AgencyCode;

/**
 * The instruction that crosses the broker: deliver this envelope to this recipient. It
 * carries ids only; the bytes stay in the envelope archive.
 *
 * @param generation counts the orders issued for the same delivery (the first, then one per
 *        release after waiting or replay), so each has its own duplicate-detection id
 * @param trace the trace context of what issued the order, continued by its delivery
 */
public record DeliveryOrder(String envelopeId, AgencyCode recipient, String orderKey, int generation,
                            TraceCarrier trace) {

    /** Message headers that carry an order across the broker; adapters map them to broker properties and back. */
    public static final String ENVELOPE_ID = "lt_envelopeId";
    public static final String RECIPIENT = "lt_recipient";
    /** Orders with the same key go to one consumer at a time: the envelope's {@code orderKey}. */
    public static final String ORDER_KEY = "lt_orderKey";
    public static final String GENERATION = "lt_generation";
    /** Identifies the order, one per delivery and generation, for the broker's duplicate detection. */
    public static final String ORDER_ID = "lt_orderId";
    /** The {@link TraceCarrier}, encoded; absent when the order carries no trace context. */
    public static final String TRACE = "lt_trace";

    /** An order that starts no trace of its own: the outbox gives it the current one when it is written. */
    public DeliveryOrder(String envelopeId, AgencyCode recipient, String orderKey, int generation) {
        this(envelopeId, recipient, orderKey, generation, TraceCarrier.NONE);
    }

    public DeliveryOrder withTrace(TraceCarrier trace) {
        return new DeliveryOrder(envelopeId, recipient, orderKey, generation, trace);
    }

    public Map<String, Object> headers() {
        Map<String, Object> headers = new HashMap<>(Map.of(ENVELOPE_ID, envelopeId, RECIPIENT, recipient.value(),
                ORDER_KEY, orderKey, GENERATION, generation,
                ORDER_ID, envelopeId + "/" + recipient.value() + "/" + generation));
        if (!trace.isEmpty()) {
            headers.put(TRACE, trace.encode());
        }
        return headers;
    }

    /** Reads an order back from a message that came through the broker. */
    public static DeliveryOrder fromMessage(Message<?> message) {
        Object generation = message.getHeaders().get(GENERATION);
        return new DeliveryOrder(
                required(message, ENVELOPE_ID),
                AgencyCode.of(required(message, RECIPIENT)),
                required(message, ORDER_KEY),
                generation == null ? 0 : Integer.parseInt(generation.toString()),
                TraceCarrier.decode(Objects.toString(message.getHeaders().get(TRACE), null)));
    }

    private static String required(Message<?> message, String header) {
        Object value = message.getHeaders().get(header);
        if (value == null) {
            throw new IllegalArgumentException("delivery order without header " + header);
        }
        return value.toString();
    }
}
