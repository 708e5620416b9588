package vn.lienthong.core.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import vn.lienthong.core.agency.Agency;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.agency.DeliveryMode;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.routing.TraceCarrier;

/**
 * What operators see of delivery, by recipient and mode ({@code push-rest}, {@code push-soap},
 * {@code pull}): the outcome of each delivery step ({@code held} in an inbox, {@code delivered},
 * a push {@code failed}, then {@code retried} or {@code dead_lettered}); the time from
 * acceptance to the recipient taking the envelope; how long pushes take; and the observation
 * {@code lienthong.delivery} around each order acted on.
 */
public final class DeliveryMonitor {

    static final String OBSERVATION = "lienthong.delivery";
    static final String PUSH_OBSERVATION = "lienthong.push";
    static final String PULL = "pull";

    private final MeterRegistry meters;
    private final ObservationRegistry observations;

    public DeliveryMonitor(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = meters;
        this.observations = observations;
    }

    static String mode(Agency agency) {
        return agency.deliveryMode() == DeliveryMode.PULL ? PULL
                : "push-" + agency.pushProtocol().name().toLowerCase(Locale.ROOT);
    }

    void count(AgencyCode recipient, String mode, String outcome) {
        meters.counter("lienthong.deliveries", "recipient", recipient.value(), "mode", mode, "outcome", outcome)
                .increment();
    }

    /** The recipient took the envelope: counted, and timed from its acceptance. */
    void delivered(AgencyCode recipient, String mode, Instant acceptedAt, Instant takenAt) {
        count(recipient, mode, "delivered");
        Timer.builder("lienthong.delivery.latency").description("From acceptance to the recipient taking the envelope")
                .tags("recipient", recipient.value(), "mode", mode).publishPercentileHistogram().register(meters)
                .record(Duration.between(acceptedAt, takenAt));
    }

    void pushed(AgencyCode recipient, String outcome, Duration took) {
        Timer.builder("lienthong.delivery.push").description("Pushes to agency endpoints")
                .tags("recipient", recipient.value(), "outcome", outcome)
                .publishPercentileHistogram()
                .register(meters)
                .record(took);
    }

    /**
     * Runs {@code work} as the observation of delivering this envelope to this recipient, a
     * consumer step continuing the trace the order brought across the broker.
     */
    <T> T observe(AgencyCode recipient, String mode, EnvelopeArchive.Archived envelope, TraceCarrier trace,
                  Supplier<T> work) {
        ReceiverContext<TraceCarrier> context = new ReceiverContext<>(TraceCarrier::get, Kind.CONSUMER);
        context.setCarrier(trace);
        Observation observation = Observation.createNotStarted(OBSERVATION, () -> context, observations)
                .lowCardinalityKeyValue("recipient", recipient.value())
                .lowCardinalityKeyValue("mode", mode)
                .lowCardinalityKeyValue("kind", envelope.kind().xmlName())
                .highCardinalityKeyValue("envelope.id", envelope.envelopeId());
        if (envelope.dossierCode() != null) {
            observation.highCardinalityKeyValue("dossier.code", envelope.dossierCode());
        }
        return observation.observe(work);
    }

    /**
     * Runs {@code push} as the observation {@code lienthong.push}, a client step of the
     * delivery; the trace context it hands to {@code push} is what the agency receives.
     */
    void observePush(AgencyCode recipient, String mode, Consumer<TraceCarrier> push) {
        Map<String, String> fields = new LinkedHashMap<>();
        SenderContext<Map<String, String>> context = new SenderContext<>(Map::put, Kind.CLIENT);
        context.setCarrier(fields);
        Observation.createNotStarted(PUSH_OBSERVATION, () -> context, observations)
                .lowCardinalityKeyValue("recipient", recipient.value())
                .lowCardinalityKeyValue("mode", mode)
                .observe(() -> push.accept(new TraceCarrier(fields)));
    }
}
