package vn.lienthong.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;
import vn.lienthong.core.agency.AgencyCode;

class TraceCarrierTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void survivesTheOutboxColumnAndTheBrokerHeader() {
        TraceCarrier carrier = new TraceCarrier(Map.of("traceparent", TRACEPARENT, "tracestate", "vn=a=b,other=c"));
        assertThat(TraceCarrier.decode(carrier.encode())).isEqualTo(carrier);

        DeliveryOrder order = new DeliveryOrder("e-1", AgencyCode.of("000.01.12.H53"), "H53.01-261204-0001", 2, carrier);
        DeliveryOrder back = DeliveryOrder.fromMessage(MessageBuilder.withPayload("e-1").copyHeaders(order.headers()).build());
        assertThat(back).isEqualTo(order);
        assertThat(back.trace().get("traceparent")).isEqualTo(TRACEPARENT);
    }

    @Test
    void anOrderWithoutTraceCarriesNoTraceHeader() {
        DeliveryOrder order = new DeliveryOrder("e-1", AgencyCode.of("000.01.12.H53"), "key", 0);
        assertThat(order.headers()).doesNotContainKey(DeliveryOrder.TRACE);
        assertThat(DeliveryOrder.fromMessage(MessageBuilder.withPayload("e-1").copyHeaders(order.headers()).build())
                .trace()).isEqualTo(TraceCarrier.NONE);
    }

    @Test
    void unreadableLinesAreLeftOut() {
        assertThat(TraceCarrier.decode(null)).isEqualTo(TraceCarrier.NONE);
        assertThat(TraceCarrier.decode("garbage\n=x\ntraceparent=" + TRACEPARENT + "\n").fields())
                .containsExactly(Map.entry("traceparent", TRACEPARENT));
    }
}
