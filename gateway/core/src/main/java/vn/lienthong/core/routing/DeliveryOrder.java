package vn.lienthong.core.routing;

import java.util.Map;
import org.springframework.messaging.Message;
import vn.lienthong.core.agency.AgencyCode;

/**
 * The instruction that crosses the broker: deliver this envelope to this recipient. It
 * carries ids only; the bytes stay in the envelope archive.
 *
 * @param generation counts the orders issued for the same delivery (the first, then one per
 *        release after waiting or replay), so each has its own duplicate-detection id
 */
public record DeliveryOrder(String envelopeId, AgencyCode recipient, String orderKey, int generation) {

    /** Message headers that carry an order across the broker; adapters map them to broker properties and back. */
    public static final String ENVELOPE_ID = "lt_envelopeId";
    public static final String RECIPIENT = "lt_recipient";
    /** Orders with the same key go to one consumer at a time: the envelope's {@code orderKey}. */
    public static final String ORDER_KEY = "lt_orderKey";
    public static final String GENERATION = "lt_generation";
    /** Identifies the order, one per delivery and generation, for the broker's duplicate detection. */
    public static final String ORDER_ID = "lt_orderId";

    public Map<String, Object> headers() {
        return Map.of(ENVELOPE_ID, envelopeId, RECIPIENT, recipient.value(), ORDER_KEY, orderKey,
                GENERATION, generation, ORDER_ID, envelopeId + "/" + recipient.value() + "/" + generation);
    }

    /** Reads an order back from a message that came through the broker. */
    public static DeliveryOrder fromMessage(Message<?> message) {
        Object generation = message.getHeaders().get(GENERATION);
        return new DeliveryOrder(
                required(message, ENVELOPE_ID),
                AgencyCode.of(required(message, RECIPIENT)),
                required(message, ORDER_KEY),
                generation == null ? 0 : Integer.parseInt(generation.toString()));
    }

    private static String required(Message<?> message, String header) {
        Object value = message.getHeaders().get(header);
        if (value == null) {
            throw new IllegalArgumentException("delivery order without header " + header);
        }
        return value.toString();
    }
}
