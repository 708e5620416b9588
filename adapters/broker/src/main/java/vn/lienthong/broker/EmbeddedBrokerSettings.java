package vn.lienthong.broker;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;

/**
 * Settings of the embedded broker that the delivery guarantees rest on: a persistent,
 * synced journal; a persisted duplicate-id cache, so an order relayed twice is stored once;
 * and, for the rare order whose processing fails in the gateway itself (the database away,
 * say), redelivery with back-off and then a dead-letter queue per agency. Failed pushes
 * are retried by the gateway, not here. An external broker needs the same settings in its
 * broker.xml: deploy/artemis has them, and DeployedBrokerXmlTest keeps them the same.
 */
final class EmbeddedBrokerSettings implements ArtemisConfigurationCustomizer {

    /** Large enough to cover every order that can be relayed twice: those in flight at a crash. */
    private static final int DUPLICATE_ID_CACHE = 100_000;
    private static final long REDELIVERY_DELAY_MS = 5_000;
    private static final long MAX_REDELIVERY_DELAY_MS = 300_000;
    private static final int MAX_DELIVERY_ATTEMPTS = 100;
    /**
     * How long the NIO journal gathers writes before one sync. Artemis's NIO default (3.3 ms)
     * made every synchronous persistent send wait that long, capping one sender (the outbox
     * relay, each agency's consumer) near 280 sends a second; 0.5 ms (its own AIO default)
     * still lets concurrent senders share a sync. Every send is still synced before it returns.
     * Measured in bench/ (ArtemisSendFloor, docs/BENCHMARKS.md).
     */
    private static final int JOURNAL_BUFFER_TIMEOUT_NANOS = 500_000;

    @Override
    public void customize(Configuration configuration) {
        configuration.setPersistenceEnabled(true);
        configuration.setJournalSyncTransactional(true);
        configuration.setJournalSyncNonTransactional(true);
        configuration.setJournalBufferTimeout_NIO(JOURNAL_BUFFER_TIMEOUT_NANOS);
        configuration.setPersistIDCache(true);
        configuration.setIDCacheSize(DUPLICATE_ID_CACHE);
        configuration.setSecurityEnabled(false);
        // Metrics come from the broker's own API, not JMX; several test gateways may share a JVM.
        configuration.setJMXManagementEnabled(false);
        configuration.addAddressSetting(DeliveryQueues.MATCH_ALL, new AddressSettings()
                .setRedeliveryDelay(REDELIVERY_DELAY_MS)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(MAX_REDELIVERY_DELAY_MS)
                .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                .setDeadLetterAddress(SimpleString.of(DeliveryQueues.DEAD_LETTER_ADDRESS))
                .setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(SimpleString.of(DeliveryQueues.DEAD_LETTER_QUEUE_PREFIX)));
    }
}
