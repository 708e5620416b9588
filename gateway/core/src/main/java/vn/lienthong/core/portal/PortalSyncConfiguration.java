package vn.lienthong.core.portal;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.calendar.CalendarSource;
import vn.lienthong.core.receipt.GatewayIdentity;
import vn.lienthong.core.submission.SubmissionPort;
import vn.lienthong.core.tracking.TrackingQueries;

/**
 * Portal synchronisation: the outbox and what fills it, always; the relay only when an
 * adapter provides a {@link NationalPortal} (the portal is switched on).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PortalSyncProperties.class, PortalInboundProperties.class})
public class PortalSyncConfiguration {

    @Bean
    PortalOutbox portalOutbox(JdbcClient jdbc) {
        return new PortalOutbox(jdbc);
    }

    @Bean
    PortalSync portalSync(TrackingQueries tracking, CalendarSource calendars, PortalOutbox outbox,
                          ObjectProvider<NationalPortal> portal) {
        return new PortalSync(tracking, new PortalRecords(calendars.current().zone()), outbox,
                portal.getIfAvailable() != null);
    }

    @Bean
    PortalDeadLetters portalDeadLetters(PortalOutbox outbox, Clock clock) {
        return new PortalDeadLetters(outbox, clock);
    }

    @Bean
    PortalIntake portalIntake(PortalInboundProperties inbound, AgencyRegistry agencies, GatewayIdentity identity,
                              SubmissionPort submissions, CalendarSource calendars) {
        return new PortalIntake(inbound, agencies, identity, submissions, calendars.current().zone());
    }

    @Bean
    RelaySchedule portalRelaySchedule(PortalOutbox outbox, ObjectProvider<NationalPortal> portal,
                                      DefaultLockRepository lockRepository, PortalSyncProperties properties,
                                      MeterRegistry meters, Clock clock) {
        NationalPortal connected = portal.getIfAvailable();
        return new RelaySchedule(connected == null ? null : new PortalRelay(outbox, connected,
                new JdbcLockRegistry(lockRepository), properties, meters, clock));
    }

    /**
     * The portal relay's own thread: one call per update to a portal that may be slow or away
     * must not hold up the scheduled tasks that share Spring's scheduler. Not a default
     * candidate, so Spring's scheduler stays the one everything else uses.
     */
    @Bean(defaultCandidate = false)
    ThreadPoolTaskScheduler portalRelayScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("portal-relay-");
        scheduler.setPoolSize(1);
        return scheduler;
    }

    /** Runs the relay every {@code lienthong.portal.sync.interval}, when a portal is connected. */
    public static final class RelaySchedule {

        private final @Nullable PortalRelay relay;

        RelaySchedule(@Nullable PortalRelay relay) {
            this.relay = relay;
        }

        /** The relay, absent when no portal is connected. */
        public @Nullable PortalRelay relay() {
            return relay;
        }

        @Scheduled(scheduler = "portalRelayScheduler", fixedDelayString = "${lienthong.portal.sync.interval:1s}",
                initialDelayString = "${lienthong.portal.sync.interval:1s}")
        void run() {
            if (relay != null) {
                relay.run();
            }
        }
    }
}
