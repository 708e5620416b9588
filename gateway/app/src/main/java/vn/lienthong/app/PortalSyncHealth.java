package vn.lienthong.app;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import vn.lienthong.core.portal.PortalOutbox;
import vn.lienthong.core.portal.PortalSyncConfiguration;
import vn.lienthong.core.portal.PortalSyncProperties;

/**
 * Health component {@code portalSync}: WARNING when the oldest update not yet sent to the
 * national portal is older than {@code lienthong.portal.sync.warn-after}, or the portal
 * refused updates that wait for an operator. The gateway keeps serving either way: the updates
 * wait in the database until the portal takes them.
 */
@Component("portalSyncHealthIndicator")
class PortalSyncHealth implements HealthIndicator {

    static final Status BEHIND = new Status("WARNING", "the national portal is behind");

    private final PortalOutbox outbox;
    private final PortalSyncConfiguration.RelaySchedule relay;
    private final PortalSyncProperties properties;
    private final Clock clock;

    PortalSyncHealth(PortalOutbox outbox, PortalSyncConfiguration.RelaySchedule relay, PortalSyncProperties properties,
                     Clock clock) {
        this.outbox = outbox;
        this.relay = relay;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        PortalOutbox.Backlog backlog = outbox.backlog();
        Duration oldest = backlog.oldestSince() == null ? Duration.ZERO
                : Duration.between(backlog.oldestSince(), clock.instant());
        boolean behind = oldest.compareTo(properties.warnAfter()) > 0;
        Health.Builder health = behind || backlog.dead() > 0 ? Health.status(BEHIND) : Health.up();
        return health.withDetail("connected", relay.relay() != null)
                .withDetail("pending", backlog.pending())
                .withDetail("deadLetters", backlog.dead())
                .withDetail("oldestPendingSeconds", oldest.toSeconds())
                .withDetail("warnAfter", properties.warnAfter().toString())
                .build();
    }
}
