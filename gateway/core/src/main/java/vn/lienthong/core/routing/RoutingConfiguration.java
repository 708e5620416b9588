package vn.lienthong.core.routing;

import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.jdbc.JdbcPollingChannelAdapter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import vn.lienthong.core.agency.AgencyCode;

/** Stage 7b of the path: relay the outbox to the broker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutingProperties.class)
public class RoutingConfiguration {

    /** An outbox row as the relay reads it; {@code id} names the row to delete once sent. */
    record OutboxEntry(long id, DeliveryOrder order) {
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, ObjectProvider<ObservationRegistry> observations) {
        return new Outbox(jdbc, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /**
     * Polls the outbox in a database transaction, hands the orders read to the broker as one
     * batch, and deletes the rows in the same transaction once the broker has them all. A
     * crash after the send and before the commit sends the orders again; the broker's
     * duplicate detection and the idempotent delivery stage absorb that. Rows are locked with
     * SKIP LOCKED so several gateways share the work. The relay polls on a thread of its own,
     * so no other scheduled task (a slow national portal, say) can hold up deliveries.
     */
    @Bean
    IntegrationFlow outboxRelay(DataSource dataSource, PlatformTransactionManager transactions,
                                RoutingProperties properties,
                                @Qualifier("outboxRelayScheduler") TaskScheduler scheduler) {
        JdbcPollingChannelAdapter outbox = new JdbcPollingChannelAdapter(dataSource, """
                SELECT id, envelope_id, recipient, order_key, generation, trace_context FROM outbox ORDER BY id
                FETCH FIRST %d ROWS ONLY FOR UPDATE SKIP LOCKED""".formatted(properties.relayBatchSize()));
        outbox.setRowMapper((rs, n) -> new OutboxEntry(rs.getLong(1),
                new DeliveryOrder(rs.getString(2), AgencyCode.of(rs.getString(3)), rs.getString(4), rs.getInt(5),
                        TraceCarrier.decode(rs.getString(6)))));
        outbox.setUpdateSql("DELETE FROM outbox WHERE id IN (:id)");
        return IntegrationFlow
                .from(outbox, endpoint -> endpoint.id("routing.outboxPoller").taskScheduler(scheduler)
                        .poller(Pollers.fixedDelay(properties.relayInterval(), properties.relayInterval())
                                .transactional(transactions)))
                .transformWith(t -> t.<List<OutboxEntry>, List<DeliveryOrder>>transformer(entries -> entries.stream()
                        .map(OutboxEntry::order).toList()).id("routing.toOrderBatch"))
                .channel(RoutingChannels.BROKER_OUTBOUND)
                .get();
    }

    /** Not a default candidate: Spring's own scheduler stays the one every other scheduled task uses. */
    @Bean(defaultCandidate = false)
    ThreadPoolTaskScheduler outboxRelayScheduler() {
        return new RelayScheduler();
    }
}
