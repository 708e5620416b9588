package vn.lienthong.broker;

import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.integration.jms.dsl.JmsOutboundChannelAdapterSpec;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.delivery.DeliveryChannels;
import vn.lienthong.core.delivery.DeliveryProperties;
import vn.lienthong.core.routing.DeliveryOrder;
import vn.lienthong.core.routing.RoutingChannels;

/** The broker adapter: embedded broker settings, the send side and the per-agency consume side. */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

    @Bean
    ArtemisConfigurationCustomizer lienthongBrokerSettings() {
        return new EmbeddedBrokerSettings();
    }

    /**
     * Sends each relay batch of delivery orders persistently, in one broker transaction, to
     * the recipients' queues; each order is tagged for duplicate detection (envelope,
     * recipient and generation) and grouped by order key (the dossier) so one dossier's
     * envelopes are consumed in order.
     */
    @Bean
    IntegrationFlow brokerOutbound(ConnectionFactory connectionFactory) {
        return IntegrationFlow.from(RoutingChannels.BROKER_OUTBOUND)
                .handle(new OrderBatchSender(connectionFactory), endpoint -> endpoint.id("broker.send"))
                .get();
    }

    /**
     * Sends a retry back to the recipient's queue, held back by the broker until it is due.
     * This runs on the consumer's thread, whose session Spring shares with the JMS template,
     * so the retry is sent in the same transaction that acknowledges the failed order.
     */
    @Bean
    IntegrationFlow brokerRetry(ConnectionFactory connectionFactory, Clock clock) {
        return IntegrationFlow.from(DeliveryChannels.RETRY)
                .enrichHeaders(headers -> headers
                        .headerFunction(DeliveryQueues.GROUP_ID,
                                message -> message.getHeaders().get(DeliveryOrder.ORDER_KEY))
                        .headerFunction(DeliveryQueues.SCHEDULED_DELIVERY, message -> clock.millis()
                                + ((Number) message.getHeaders().get(DeliveryChannels.RETRY_DELAY_MILLIS)).longValue()))
                .handle(toRecipientQueue(connectionFactory), endpoint -> endpoint.id("broker.scheduleRetry"))
                .get();
    }

    @Bean
    DeliveryConsumers deliveryConsumers(ConnectionFactory connectionFactory, IntegrationFlowContext flows,
                                        AgencyRegistry agencies, DeliveryProperties properties) {
        return new DeliveryConsumers(connectionFactory, flows, agencies, properties);
    }

    /** Sends durably and synchronously to the queue of the order's recipient. */
    private static JmsOutboundChannelAdapterSpec.JmsOutboundChannelSpecTemplateAware toRecipientQueue(
            ConnectionFactory connectionFactory) {
        return Jms.outboundAdapter(connectionFactory)
                .destinationExpression("'" + DeliveryQueues.PREFIX + "' + headers['" + DeliveryOrder.RECIPIENT + "']")
                .configureJmsTemplate(template -> template.explicitQosEnabled(true).deliveryPersistent(true));
    }
}
