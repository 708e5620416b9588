package vn.lienthong.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.messaging.support.MessageBuilder;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.routing.DeliveryOrder;

/**
 * A relay batch reaches the broker in one transaction, in order, with the properties the
 * consumers read; the same batch relayed again (a crash between the broker's commit and the
 * database's) is not stored twice, and the new orders sent with it are not lost.
 */
class OrderBatchSenderTest {

    private static final AgencyCode LAND = AgencyCode.of("000.01.12.H53");
    private static final AgencyCode FINANCE = AgencyCode.of("000.00.05.H53");

    @TempDir
    Path data;

    private EmbeddedActiveMQ broker;
    private CachingConnectionFactory connections;
    private OrderBatchSender sender;

    @BeforeEach
    void start() throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        new EmbeddedBrokerSettings().customize(configuration);
        configuration.setBrokerInstance(data.toFile());
        configuration.addAcceptorConfiguration("in-vm", "vm://7");
        broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        broker.start();
        connections = new CachingConnectionFactory(new ActiveMQConnectionFactory("vm://7"));
        sender = new OrderBatchSender(connections);
    }

    @AfterEach
    void stop() throws Exception {
        connections.destroy();
        broker.stop();
    }

    @Test
    void sendsABatchInOrderWithTheConsumersProperties() throws JMSException {
        send(order("e1", LAND, "d1"), order("e2", FINANCE, "d1"), order("e3", LAND, "d2"));

        List<TextMessage> land = receive(LAND, 2);
        assertThat(land).extracting(TextMessage::getText).containsExactly("e1", "e3");
        TextMessage first = land.get(0);
        assertThat(first.getStringProperty(DeliveryOrder.RECIPIENT)).isEqualTo(LAND.value());
        assertThat(first.getStringProperty(DeliveryOrder.ORDER_KEY)).isEqualTo("d1");
        assertThat(first.getIntProperty(DeliveryOrder.GENERATION)).isZero();
        assertThat(first.getStringProperty(DeliveryQueues.GROUP_ID)).isEqualTo("d1");
        assertThat(first.getStringProperty(DeliveryQueues.DUPLICATE_ID)).isEqualTo("e1/" + LAND.value() + "/0");
        assertThat(receive(FINANCE, 1)).extracting(TextMessage::getText).containsExactly("e2");
    }

    @Test
    void aBatchRelayedAgainIsStoredOnceAndItsNewOrdersStill() throws JMSException {
        send(order("e1", LAND, "d1"), order("e2", LAND, "d2"));
        send(order("e1", LAND, "d1"), order("e2", LAND, "d2"), order("e3", LAND, "d3"));

        assertThat(receive(LAND, 3)).extracting(TextMessage::getText).containsExactly("e1", "e2", "e3");
        // Every send returned after the broker routed it, so a stored duplicate would be counted by now.
        assertThat(broker.getActiveMQServer().locateQueue(SimpleString.of(DeliveryQueues.of(LAND))).getMessagesAdded())
                .isEqualTo(3);
    }

    private void send(DeliveryOrder... orders) {
        sender.handleMessage(MessageBuilder.withPayload(List.of(orders)).build());
    }

    private static DeliveryOrder order(String envelopeId, AgencyCode recipient, String orderKey) {
        return new DeliveryOrder(envelopeId, recipient, orderKey, 0);
    }

    /** The first {@code count} messages of the agency's queue, in queue order. */
    private List<TextMessage> receive(AgencyCode agency, int count) throws JMSException {
        List<TextMessage> received = new ArrayList<>();
        try (Connection connection = connections.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(DeliveryQueues.of(agency)))) {
            connection.start();
            while (received.size() < count) {
                TextMessage message = (TextMessage) consumer.receive(10_000);
                assertThat(message).as("message %d of %d on the queue of %s", received.size() + 1, count, agency)
                        .isNotNull();
                received.add(message);
            }
        }
        return received;
    }
}
