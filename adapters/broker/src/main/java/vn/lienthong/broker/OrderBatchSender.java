package vn.lienthong.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.support.JmsUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;
import vn.lienthong.core.routing.DeliveryOrder;

/**
 * Sends one relay batch of delivery orders to their recipients' queues in one transacted
 * session: the broker syncs its journal once, at the commit, instead of once per order. The
 * commit happens here, before the relay's database transaction deletes the outbox rows, so an
 * order is on the broker before its row is gone.
 *
 * <p>A batch relayed a second time (the gateway died between this commit and the database's)
 * repeats duplicate-detection ids the broker has seen, and Artemis then refuses the whole
 * transaction at its commit. That batch is sent again one order at a time, outside a
 * transaction, where the broker drops each duplicate on its own and stores the rest.
 */
final class OrderBatchSender implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(OrderBatchSender.class);

    private final ConnectionFactory connectionFactory;

    OrderBatchSender(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    public void handleMessage(Message<?> message) {
        List<DeliveryOrder> orders = ((List<?>) message.getPayload()).stream().map(DeliveryOrder.class::cast).toList();
        try {
            try {
                send(orders, true);
            } catch (JMSException e) {
                if (!repeatsOrders(e)) {
                    throw e;
                }
                log.info("a relay batch of {} orders repeats orders the broker already has; sending them one by one",
                        orders.size());
                send(orders, false);
            }
        } catch (JMSException e) {
            throw new MessagingException(message,
                    "the broker did not take a relay batch of " + orders.size() + " orders",
                    JmsUtils.convertJmsAccessException(e));
        }
    }

    private void send(List<DeliveryOrder> orders, boolean transacted) throws JMSException {
        Connection connection = connectionFactory.createConnection();
        try (Session session = transacted ? connection.createSession(true, Session.SESSION_TRANSACTED)
                : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(null)) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            try {
                for (DeliveryOrder order : orders) {
                    producer.send(session.createQueue(DeliveryQueues.of(order.recipient())), toMessage(session, order));
                }
                if (transacted) {
                    session.commit();
                }
            } catch (JMSException | RuntimeException e) {
                if (transacted) {
                    JmsUtils.rollbackIfNecessary(session);
                }
                throw e;
            }
        } finally {
            connection.close();
        }
    }

    /** The broker refused the transaction because an order in it had a duplicate-detection id it has seen. */
    private static boolean repeatsOrders(JMSException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    private static TextMessage toMessage(Session session, DeliveryOrder order) throws JMSException {
        TextMessage message = session.createTextMessage(order.envelopeId());
        Map<String, Object> headers = order.headers();
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            message.setObjectProperty(header.getKey(), header.getValue());
        }
        message.setStringProperty(DeliveryQueues.DUPLICATE_ID, (String) headers.get(DeliveryOrder.ORDER_ID));
        message.setStringProperty(DeliveryQueues.GROUP_ID, order.orderKey());
        return message;
    }
}
