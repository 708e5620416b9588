package vn.lienthong.core.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The trace context of whatever wrote a delivery order (a submission, a release, a replay),
 * as the tracing propagator wrote it (W3C {@code traceparent}, {@code tracestate}...). It
 * travels with the order through the outbox table and the broker, so the delivery continues
 * the trace it started in. Empty when no tracer is configured.
 */
public record TraceCarrier(Map<String, String> fields) {

    public static final TraceCarrier NONE = new TraceCarrier(Map.of());

    public TraceCarrier {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public @Nullable String get(String name) {
        return fields.get(name);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /**
     * One line per field, {@code name=value}: propagation field names hold no {@code =} and
     * their values no line breaks (W3C trace context and B3 alike).
     */
    public String encode() {
        StringBuilder encoded = new StringBuilder();
        fields.forEach((name, value) -> encoded.append(name).append('=').append(value).append('\n'));
        return encoded.toString();
    }

    /** Reads {@link #encode()}'s form back; anything unreadable is left out rather than failing a delivery. */
    public static TraceCarrier decode(@Nullable String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return NONE;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : encoded.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return new TraceCarrier(fields);
    }
}
