package vn.lienthong.broker;

import jakarta.jms.ConnectionFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.jms.dsl.Jms;
import vn.lienthong.core.agency.Agency;
import vn.lienthong.core.agency.AgencyRegistered;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.delivery.DeliveryChannels;
import vn.lienthong.core.delivery.DeliveryProperties;

/**
 * One consumer per agency queue, so a slow or failing recipient never holds up another.
 * Each consumer runs the delivery flow inside a transacted JMS session: if the flow throws,
 * the session rolls back and the broker redelivers the order later, or parks it as a dead
 * letter after the last attempt.
 */
final class DeliveryConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConsumers.class);

    private final ConnectionFactory connectionFactory;
    private final IntegrationFlowContext flows;
    private final AgencyRegistry agencies;
    private final DeliveryProperties properties;
    private final Set<String> consuming = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    DeliveryConsumers(ConnectionFactory connectionFactory, IntegrationFlowContext flows, AgencyRegistry agencies,
                      DeliveryProperties properties) {
        this.connectionFactory = connectionFactory;
        this.flows = flows;
        this.agencies = agencies;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        agencies.all().forEach(this::consume);
    }

    @Override
    public void stop() {
        running = false;
        consuming.forEach(flows::remove);
        consuming.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts consuming for an agency registered while the gateway runs. */
    @EventListener
    void onAgencyRegistered(AgencyRegistered event) {
        if (running) {
            consume(event.agency());
        }
    }

    private void consume(Agency agency) {
        String id = "broker.consumer." + agency.code().value();
        if (!consuming.add(id)) {
            return;
        }
        String queue = DeliveryQueues.of(agency.code());
        IntegrationFlow flow = IntegrationFlow
                .from(Jms.messageDrivenChannelAdapter(Jms.container(connectionFactory, queue)
                                .sessionTransacted(true)
                                .concurrentConsumers(properties.consumersPerAgency())
                                .errorHandler(e -> log.debug("delivery from {} rolled back for redelivery: {}", queue,
                                        e.getMessage())))
                        .id(id + ".adapter"))
                .channel(DeliveryChannels.INBOUND)
                .get();
        flows.registration(flow).id(id).register();
        log.info("consuming deliveries for {} ({}) from {}", agency.code(), agency.deliveryMode(), queue);
    }
}
