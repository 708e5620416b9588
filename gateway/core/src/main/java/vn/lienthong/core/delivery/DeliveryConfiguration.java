package vn.lienthong.core.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.agency.AgencyRegistered;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.groupcommit.GroupCommit;
import vn.lienthong.core.receipt.GatewayIdentity;
import vn.lienthong.core.routing.DeliveryOrder;
import vn.lienthong.core.routing.Outbox;
import vn.lienthong.core.tracking.DossierTracking;

/** Stage 9 of the path: deliver each order by push, or hold it in the recipient's inbox. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
public class DeliveryConfiguration {

    @Bean
    Deliveries deliveries(JdbcClient jdbc) {
        return new Deliveries(jdbc);
    }

    /**
     * Answered pushes are recorded by two writers, up to 64 to a transaction. A record that
     * waits two minutes for a writer is given up with nothing written, and its order
     * redelivered: the database is then far behind, and the push is repeated (recipients
     * deduplicate on the envelope id).
     */
    @Bean
    Handover handover(Deliveries deliveries, DossierTracking tracking, TransactionTemplate transactions,
                      ObjectProvider<ObservationRegistry> observations, MeterRegistry meters) {
        return new Handover(deliveries, tracking, transactions, new GroupCommit.Limits(2, 64, Duration.ofMinutes(2)),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), meters);
    }

    @Bean
    Sequencing sequencing(Deliveries deliveries, Outbox outbox, TransactionTemplate transactions, Clock clock) {
        return new Sequencing(deliveries, outbox, transactions, clock);
    }

    @Bean
    DeliveryMonitor deliveryMonitor(MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
        return new DeliveryMonitor(meters, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    Inbox inbox(Deliveries deliveries, EnvelopeArchive archive, Handover handover, DeliveryMonitor monitor, Clock clock) {
        return new Inbox(deliveries, archive, handover, monitor, clock);
    }

    @Bean
    DeadLetters deadLetters(JdbcClient jdbc, Deliveries deliveries, Sequencing sequencing, Outbox outbox,
                            TransactionTemplate transactions, Clock clock) {
        return new DeadLetters(jdbc, deliveries, sequencing, outbox, transactions, clock);
    }

    @Bean
    DeliveryBacklog deliveryBacklog(Deliveries deliveries, Outbox outbox, Clock clock, MeterRegistry meters) {
        return new DeliveryBacklog(deliveries, outbox, clock, meters);
    }

    /**
     * One breaker per agency, named by its code, all with the configured thresholds; each
     * breaker's state is published as {@code resilience4j_circuitbreaker_state{name=<agency>}},
     * which is how the console and dashboards see whether an agency's endpoint answers.
     */
    @Bean
    CircuitBreakerRegistry pushCircuitBreakers(DeliveryProperties properties, MeterRegistry meters) {
        DeliveryProperties.CircuitBreaker settings = properties.circuitBreaker();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumPushes())
                .waitDurationInOpenState(settings.openWait())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(PushFailedException.class)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        return breakers;
    }

    /**
     * A registration that changes an agency (its endpoint moved, most often) starts its breaker
     * afresh, so the next push goes to the new endpoint instead of waiting out the old one's
     * failures.
     */
    @Bean
    ApplicationListener<PayloadApplicationEvent<AgencyRegistered>> pushCircuitBreakerReset(CircuitBreakerRegistry breakers) {
        return ApplicationListener.forPayload((AgencyRegistered registered) ->
                breakers.find(registered.agency().code().value()).ifPresent(CircuitBreaker::reset));
    }

    @Bean
    DeliveryProcess deliveryProcess(AgencyRegistry agencies, EnvelopeArchive archive, Deliveries deliveries,
                                    Sequencing sequencing, Handover handover, List<EnvelopePusher> pushers,
                                    DeliveryProperties properties, CircuitBreakerRegistry breakers,
                                    DeliveryMonitor monitor, Clock clock, GatewayIdentity identity) {
        return new DeliveryProcess(agencies, archive, deliveries, sequencing, handover, pushers, properties, breakers,
                monitor, clock, identity.gatewayId());
    }

    /**
     * Reads the order and lets {@link DeliveryProcess} act on it; a retry it asks for goes
     * back to the broker, scheduled, in the same session as this order's acknowledgement.
     */
    @Bean
    IntegrationFlow deliveryFlow(DeliveryProcess process) {
        return IntegrationFlow.from(DeliveryChannels.INBOUND)
                .transformWith(t -> t.<Message<?>, DeliveryOrder>transformer(DeliveryOrder::fromMessage)
                        .expectedType(Message.class).id("delivery.readOrder"))
                .handle(DeliveryOrder.class, (order, headers) -> process.deliver(order), h -> h.id("delivery.deliver"))
                .transformWith(t -> t.<DeliveryProcess.ScheduledRetry, Message<String>>transformer(retry -> MessageBuilder
                                .withPayload(retry.order().envelopeId()).copyHeaders(retry.order().headers())
                                .setHeader(DeliveryChannels.RETRY_DELAY_MILLIS, retry.delay().toMillis()).build())
                        .expectedType(DeliveryProcess.ScheduledRetry.class).id("delivery.scheduleRetry"))
                .channel(DeliveryChannels.RETRY)
                .get();
    }

    /** The background work of delivery: backlog sampling, and the sweep for waiting deliveries. */
    @Bean
    Housekeeping deliveryHousekeeping(DeliveryBacklog backlog, Sequencing sequencing) {
        return new Housekeeping(backlog, sequencing);
    }

    static final class Housekeeping {
        private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

        private final DeliveryBacklog backlog;
        private final Sequencing sequencing;

        Housekeeping(DeliveryBacklog backlog, Sequencing sequencing) {
            this.backlog = backlog;
            this.sequencing = sequencing;
        }

        /** Admission and the gauges read the backlog from memory. */
        @Scheduled(fixedDelayString = "PT1S")
        void sampleBacklog() {
            backlog.sample();
        }

        /** At start and then every few minutes; normally finds nothing, after a crash perhaps a few. */
        @Scheduled(fixedDelayString = "PT5M")
        void releaseStrandedWaiting() {
            int released = sequencing.sweep();
            if (released > 0) {
                log.warn("released {} waiting deliveries whose predecessors were already done with", released);
            }
        }
    }
}
