package vn.lienthong.app;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import vn.lienthong.core.agency.Agency;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.agency.DeliveryMode;

/**
 * Health component {@code agencyEndpoints}: for every push agency, the state of its circuit
 * breaker, which is how the gateway knows whether the agency's endpoint answers. WARNING when
 * a breaker is open, never DOWN: an agency that is away holds back its own deliveries, which
 * wait and are retried, and is no reason to stop taking envelopes for everyone else. So it is
 * shown here and left out of readiness. An agency not pushed to since the start has no
 * breaker yet: {@code NOT_USED}.
 */
@Component("agencyEndpointsHealthIndicator")
class AgencyEndpointsHealth implements HealthIndicator {

    static final Status WARNING = new Status("WARNING", "an agency endpoint is failing");

    private final AgencyRegistry agencies;
    private final CircuitBreakerRegistry breakers;

    AgencyEndpointsHealth(AgencyRegistry agencies, CircuitBreakerRegistry breakers) {
        this.agencies = agencies;
        this.breakers = breakers;
    }

    @Override
    public Health health() {
        Map<String, Object> endpoints = new LinkedHashMap<>();
        boolean anyOpen = false;
        for (Agency agency : agencies.all().stream().filter(a -> a.deliveryMode() == DeliveryMode.PUSH)
                .sorted(Comparator.comparing(a -> a.code().value())).toList()) {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("protocol", agency.pushProtocol().name());
            endpoint.put("endpoint", String.valueOf(agency.endpoint()));
            CircuitBreaker breaker = breakers.find(agency.code().value()).orElse(null);
            if (breaker == null) {
                endpoint.put("circuit", "NOT_USED");
            } else {
                CircuitBreaker.State state = breaker.getState();
                anyOpen |= state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
                endpoint.put("circuit", state.name());
                endpoint.put("failureRate", breaker.getMetrics().getFailureRate());
            }
            endpoints.put(agency.code().value(), endpoint);
        }
        return (anyOpen ? Health.status(WARNING) : Health.up()).withDetails(endpoints).build();
    }
}
