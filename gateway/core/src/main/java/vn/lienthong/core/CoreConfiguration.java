package vn.lienthong.core;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.access.CallerAuthentication;
import vn.lienthong.core.access.OperatorProperties;
import vn.lienthong.core.access.Operators;
import vn.lienthong.core.agency.AgencyAdministration;
import vn.lienthong.core.agency.AgencyCodePolicy;
import vn.lienthong.core.agency.AgencyFileLoader;
import vn.lienthong.core.agency.AgencyProperties;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.calendar.CalendarConfiguration;
import vn.lienthong.core.delivery.DeliveryConfiguration;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.envelope.Spool;
import vn.lienthong.core.portal.PortalSyncConfiguration;
import vn.lienthong.core.receipt.GatewayIdentity;
import vn.lienthong.core.receipt.ReceiptIssuer;
import vn.lienthong.core.receipt.SigningProperties;
import vn.lienthong.core.routing.RoutingConfiguration;
import vn.lienthong.core.submission.IngressProperties;
import vn.lienthong.core.submission.SubmissionConfiguration;
import vn.lienthong.core.tracking.TrackingConfiguration;
import vn.lienthong.core.trust.TrustConfiguration;

/**
 * The core: domain services and the flows of the envelope path. Adapters provide the
 * {@code EnvelopePusher} and connect the broker channels; the application imports this.
 */
@Configuration(proxyBeanMethods = false)
@EnableIntegration
@EnableScheduling
@EnableConfigurationProperties({AgencyProperties.class, SigningProperties.class, OperatorProperties.class})
@Import({TrustConfiguration.class, SubmissionConfiguration.class, RoutingConfiguration.class,
        DeliveryConfiguration.class, CalendarConfiguration.class, TrackingConfiguration.class,
        PortalSyncConfiguration.class})
public class CoreConfiguration {

    /**
     * Ticks in milliseconds: every instant the gateway states (in receipts, ledgers, APIs) is
     * stored exactly as stated, whichever database keeps it.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    AgencyRegistry agencyRegistry(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events,
                                  AgencyProperties properties, Clock clock) {
        return new AgencyRegistry(jdbc, transactions, events, new AgencyCodePolicy(properties.codePattern()), clock);
    }

    @Bean
    RegistryRefresh agencyRegistryRefresh(AgencyRegistry registry) {
        return new RegistryRefresh(registry);
    }

    @Bean
    AgencyAdministration agencyAdministration(AgencyRegistry registry) {
        return new AgencyAdministration(registry);
    }

    @Bean
    AgencyFileLoader agencyFileLoader(AgencyRegistry registry, AgencyProperties properties) {
        return new AgencyFileLoader(registry, properties.file());
    }

    /**
     * Picks up agencies registered or changed on other instances every
     * {@code lienthong.agencies.refresh-interval}; every instance runs it for its own view.
     */
    static final class RegistryRefresh {

        private final AgencyRegistry registry;

        RegistryRefresh(AgencyRegistry registry) {
            this.registry = registry;
        }

        @Scheduled(fixedDelayString = "${lienthong.agencies.refresh-interval:5s}",
                initialDelayString = "${lienthong.agencies.refresh-interval:5s}")
        void run() {
            registry.refreshIfChanged();
        }
    }

    @Bean
    Operators operators(OperatorProperties properties) {
        return Operators.read(properties.file());
    }

    @Bean
    CallerAuthentication callerAuthentication(AgencyRegistry registry, Operators operators) {
        return new CallerAuthentication(registry, operators);
    }

    @Bean
    Spool spool(IngressProperties ingress) {
        return new Spool(ingress.inMemoryLimit().toBytes(), ingress.spoolDirectory());
    }

    /** On PostgreSQL envelope bytes are read back in slices: its driver reads a BYTEA value whole. */
    @Bean
    EnvelopeArchive envelopeArchive(JdbcClient jdbc, Spool spool, DataSource dataSource) {
        return new EnvelopeArchive(jdbc, spool, isPostgres(dataSource));
    }

    @Bean
    GatewayIdentity gatewayIdentity(SigningProperties properties) {
        return GatewayIdentity.load(properties);
    }

    @Bean
    ReceiptIssuer receiptIssuer(GatewayIdentity identity) {
        return new ReceiptIssuer(identity);
    }

    /**
     * The migrations are shared by H2 and PostgreSQL; what they spell differently comes in as
     * placeholders: the type of envelope bytes, and how many numbers a sequence reserves at once
     * (V11 says why).
     */
    @Bean
    FlywayConfigurationCustomizer databasePlaceholders(DataSource dataSource) {
        return configuration -> configuration.placeholders(migrationPlaceholders(isPostgres(dataSource)));
    }

    /** The migrations' placeholders for PostgreSQL, or else H2; for whatever runs the migrations outside the gateway. */
    public static Map<String, String> migrationPlaceholders(boolean postgres) {
        return Map.of("binary_type", postgres ? "BYTEA" : "BINARY LARGE OBJECT",
                "sequence_cache", postgres ? "1" : "1000");
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database this is", e);
        }
    }
}
