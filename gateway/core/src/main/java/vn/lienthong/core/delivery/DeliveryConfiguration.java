package vn.lienthong.core.delivery;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.agency.DeliveryMode;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.routing.DeliveryOrder;
import vn.lienthong.core.tracking.DossierTracking;

/** Stage 9 of the path: deliver each order by push, or hold it in the recipient's inbox. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
public class DeliveryConfiguration {

    @Bean
    Deliveries deliveries(JdbcClient jdbc) {
        return new Deliveries(jdbc);
    }

    @Bean
    Handover handover(Deliveries deliveries, DossierTracking tracking, TransactionTemplate transactions) {
        return new Handover(deliveries, tracking, transactions);
    }

    @Bean
    Inbox inbox(Deliveries deliveries, EnvelopeArchive archive, Handover handover, Clock clock) {
        return new Inbox(deliveries, archive, handover, clock);
    }

    @Bean
    PushDelivery pushDelivery(AgencyRegistry agencies, EnvelopeArchive archive, Deliveries deliveries,
                              Handover handover, EnvelopePusher pusher, Clock clock) {
        return new PushDelivery(agencies, archive, deliveries, handover, pusher, clock);
    }

    /**
     * Reads the order, drops it if the recipient already took the envelope (a redelivery or a
     * duplicate relay), then pushes it or holds it in the inbox according to the recipient's
     * delivery mode.
     */
    @Bean
    IntegrationFlow deliveryFlow(Deliveries deliveries, AgencyRegistry agencies, PushDelivery push, Inbox inbox) {
        return IntegrationFlow.from(DeliveryChannels.INBOUND)
                .transformWith(t -> t.<Message<?>, DeliveryOrder>transformer(DeliveryOrder::fromMessage)
                        .expectedType(Message.class).id("delivery.readOrder"))
                .filter(DeliveryOrder.class,
                        order -> deliveries.state(order.envelopeId(), order.recipient())
                                .filter(state -> state != DeliveryState.DELIVERED).isPresent(),
                        f -> f.id("delivery.skipTaken"))
                .route(DeliveryOrder.class, order -> mode(agencies, order), route -> route
                        .id("delivery.byMode")
                        .subFlowMapping(DeliveryMode.PUSH, flow -> flow.handle(DeliveryOrder.class, (order, headers) -> {
                            push.deliver(order);
                            return null;
                        }, h -> h.id("delivery.push")))
                        .subFlowMapping(DeliveryMode.PULL, flow -> flow.handle(DeliveryOrder.class, (order, headers) -> {
                            inbox.hold(order);
                            return null;
                        }, h -> h.id("delivery.holdInInbox"))))
                .get();
    }

    private static DeliveryMode mode(AgencyRegistry agencies, DeliveryOrder order) {
        return agencies.find(order.recipient())
                .orElseThrow(() -> new IllegalStateException("order for unregistered agency " + order.recipient()))
                .deliveryMode();
    }
}
