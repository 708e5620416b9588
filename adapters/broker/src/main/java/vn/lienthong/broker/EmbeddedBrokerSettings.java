package vn.lienthong.broker;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import vn.lienthong.core.delivery.DeliveryProperties;

/**
 * Settings of the embedded broker that the delivery guarantees rest on: a persistent,
 * synced journal; a persisted duplicate-id cache, so an order relayed twice is stored once;
 * and the redelivery policy with back-off and a dead-letter queue per agency. An external
 * broker needs the same settings in its broker.xml (see deploy/).
 */
final class EmbeddedBrokerSettings implements ArtemisConfigurationCustomizer {

    /** Large enough to cover every order that can be relayed twice: those in flight at a crash. */
    private static final int DUPLICATE_ID_CACHE = 100_000;

    private final DeliveryProperties.Retry retry;

    EmbeddedBrokerSettings(DeliveryProperties.Retry retry) {
        this.retry = retry;
    }

    @Override
    public void customize(Configuration configuration) {
        configuration.setPersistenceEnabled(true);
        configuration.setJournalSyncTransactional(true);
        configuration.setJournalSyncNonTransactional(true);
        configuration.setPersistIDCache(true);
        configuration.setIDCacheSize(DUPLICATE_ID_CACHE);
        configuration.setSecurityEnabled(false);
        // Metrics come from the broker's own API, not JMX; several test gateways may share a JVM.
        configuration.setJMXManagementEnabled(false);
        configuration.addAddressSetting(DeliveryQueues.MATCH_ALL, new AddressSettings()
                .setRedeliveryDelay(retry.initialDelay().toMillis())
                .setRedeliveryMultiplier(retry.multiplier())
                .setMaxRedeliveryDelay(retry.maxDelay().toMillis())
                .setMaxDeliveryAttempts(retry.maxAttempts())
                .setDeadLetterAddress(SimpleString.of(DeliveryQueues.DEAD_LETTER_ADDRESS))
                .setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(SimpleString.of(DeliveryQueues.DEAD_LETTER_QUEUE_PREFIX)));
    }
}
