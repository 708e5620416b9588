package vn.lienthong.core.tracking;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.calendar.CalendarSource;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.evidence.EvidenceBundle;
import vn.lienthong.core.evidence.EvidenceLedger;
import vn.lienthong.core.receipt.GatewayIdentity;

/** Stage 10 of the path: the dossier lifecycle, the hand-off ledger and the deadline watch. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackingProperties.class)
public class TrackingConfiguration {

    @Bean
    EvidenceLedger evidenceLedger(JdbcClient jdbc) {
        return new EvidenceLedger(jdbc);
    }

    @Bean
    EvidenceBundle evidenceBundle(EvidenceLedger ledger, EnvelopeArchive archive, GatewayIdentity identity,
                                  Clock clock) {
        return new EvidenceBundle(ledger, archive, identity, clock);
    }

    @Bean
    Apologies apologies(JdbcClient jdbc, EvidenceLedger ledger) {
        return new Apologies(jdbc, ledger);
    }

    @Bean
    DossierTracking dossierTracking(JdbcClient jdbc, CalendarSource calendars, EvidenceLedger ledger,
                                    Apologies apologies) {
        return new DossierTracking(jdbc, calendars, ledger, apologies);
    }

    @Bean
    TrackingQueries trackingQueries(JdbcClient jdbc, AgencyRegistry agencies) {
        return new TrackingQueries(jdbc, agencies);
    }

    /** The table Spring Integration's JDBC lock registry keeps its locks in (migration V4). */
    @Bean
    DefaultLockRepository deadlineLockRepository(DataSource dataSource, PlatformTransactionManager transactionManager) {
        DefaultLockRepository repository = new DefaultLockRepository(dataSource);
        repository.setTransactionManager(transactionManager);
        return repository;
    }

    @Bean
    DeadlineWatch deadlineWatch(JdbcClient jdbc, TransactionTemplate transactions, CalendarSource calendars,
                                EvidenceLedger ledger, Apologies apologies, DefaultLockRepository lockRepository,
                                ApplicationEventPublisher events, MeterRegistry meters, Clock clock,
                                TrackingProperties properties) {
        return new DeadlineWatch(jdbc, transactions, calendars, ledger, apologies, new JdbcLockRegistry(lockRepository),
                events, meters, clock, properties);
    }

    @Bean
    WatchSchedule deadlineWatchSchedule(DeadlineWatch watch) {
        return new WatchSchedule(watch);
    }

    /** Runs the watch every {@code lienthong.tracking.watch-interval}. */
    static final class WatchSchedule {

        private final DeadlineWatch watch;

        WatchSchedule(DeadlineWatch watch) {
            this.watch = watch;
        }

        @Scheduled(fixedDelayString = "${lienthong.tracking.watch-interval:1m}",
                initialDelayString = "${lienthong.tracking.watch-interval:1m}")
        void run() {
            watch.run();
        }
    }
}
