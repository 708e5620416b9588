package vn.lienthong.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import vn.lienthong.core.trust.CertificateExpiry;
import vn.lienthong.core.trust.TrustProperties;

/**
 * Health component {@code certificates}: WARNING when a certificate the gateway relies on
 * expires within {@code lienthong.trust.expiry-warning}. A warning does not take the gateway
 * out of service; it tells operators to renew in time.
 */
@Component("certificatesHealthIndicator")
class CertificateHealth implements HealthIndicator {

    static final Status WARNING = new Status("WARNING", "a certificate expires soon");

    private final CertificateExpiry expiry;
    private final TrustProperties trust;
    private final Clock clock;

    CertificateHealth(CertificateExpiry expiry, TrustProperties trust, Clock clock) {
        this.expiry = expiry;
        this.trust = trust;
        this.clock = clock;
    }

    @Override
    public Health health() {
        List<CertificateExpiry.Entry> expiring = expiry.expiringWithin(trust.expiryWarning());
        Instant now = clock.instant();
        Health.Builder health = expiring.isEmpty() ? Health.up() : Health.status(WARNING);
        return health.withDetail("certificates", expiry.entries().size())
                .withDetail("expiringWithin", trust.expiryWarning().toString())
                .withDetail("expiring", expiring.stream().map(entry -> Map.of(
                        "owner", entry.owner(), "purpose", entry.purpose(), "subject", entry.subject(),
                        "notAfter", entry.notAfter().toString(), "daysLeft", entry.daysLeft(now))).toList())
                .build();
    }
}
