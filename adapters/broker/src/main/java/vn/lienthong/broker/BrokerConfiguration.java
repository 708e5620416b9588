package vn.lienthong.broker;

import jakarta.jms.ConnectionFactory;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.jms.dsl.Jms;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.delivery.DeliveryProperties;
import vn.lienthong.core.routing.DeliveryOrder;
import vn.lienthong.core.routing.RoutingChannels;

/** The broker adapter: embedded broker settings, the send side and the per-agency consume side. */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

    @Bean
    ArtemisConfigurationCustomizer lienthongBrokerSettings(DeliveryProperties properties) {
        return new EmbeddedBrokerSettings(properties.retry());
    }

    /**
     * Sends each delivery order, persistently and synchronously, to its recipient's queue;
     * tags it for duplicate detection (envelope and recipient) and groups it by dossier so
     * one dossier's envelopes are consumed in order.
     */
    @Bean
    IntegrationFlow brokerOutbound(ConnectionFactory connectionFactory) {
        return IntegrationFlow.from(RoutingChannels.BROKER_OUTBOUND)
                .enrichHeaders(headers -> headers
                        .headerFunction(DeliveryQueues.DUPLICATE_ID,
                                message -> message.getHeaders().get(DeliveryOrder.ORDER_ID))
                        .headerFunction(DeliveryQueues.GROUP_ID,
                                message -> message.getHeaders().get(DeliveryOrder.DOSSIER_CODE)))
                .handle(Jms.outboundAdapter(connectionFactory)
                                .destinationExpression("'" + DeliveryQueues.PREFIX + "' + headers['"
                                        + DeliveryOrder.RECIPIENT + "']")
                                .configureJmsTemplate(template -> template.explicitQosEnabled(true)
                                        .deliveryPersistent(true)),
                        endpoint -> endpoint.id("broker.send"))
                .get();
    }

    @Bean
    DeliveryConsumers deliveryConsumers(ConnectionFactory connectionFactory, IntegrationFlowContext flows,
                                        AgencyRegistry agencies, DeliveryProperties properties) {
        return new DeliveryConsumers(connectionFactory, flows, agencies, properties);
    }
}
