package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lienthong.app.demo.DemoProvisioning;

/**
 * Push over SOAP to agencies registered with {@code pushProtocol: soap}: the AgencyReceiver
 * operation gets the signed bytes as an MTOM attachment and the routing facts as elements,
 * and failures are retried and dead-lettered exactly as REST pushes are.
 */
class SoapPushIT {

    private static final Map<String, Object> QUICK_RETRIES = Map.of("maxAttempts", 3, "initialDelay", "50ms",
            "multiplier", 1.0, "maxDelay", "50ms");

    private final TestGateway gateway = SharedGateway.gateway();
    private final List<SoapReceiver> receivers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopReceivers() {
        receivers.forEach(SoapReceiver::close);
    }

    /** Sends an envelope to a SOAP push agency / result: DeliverEnvelope with the same bytes over MTOM, the metadata, taken. */
    @Test
    void envelopeIsPushedToTheAgencyReceiverOverMtom() {
        SoapReceiver receiver = receiver(delivery -> { });
        TestAgencies.Registered agency = TestAgencies.soapPushAgency(gateway, receiver.endpoint().toString(), Map.of());
        assertThat(admin("GET", "admin/agencies/" + agency.code()).get("pushProtocol").asString()).isEqualTo("soap");
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(agency.code());
        byte[] signed = gateway.sign(TestGateway.DESK, envelope.xml());
        gateway.client(TestGateway.DESK).submit(signed);

        SoapReceiver.Delivery delivered = await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.find(envelope.id()).orElse(null), delivery -> delivery != null);
        assertThat(delivered.content()).isEqualTo(signed);
        assertThat(delivered.sender()).isEqualTo(TestGateway.DESK);
        assertThat(delivered.recipient()).isEqualTo(agency.code());
        assertThat(delivered.kind()).isEqualTo("handoff");
        assertThat(delivered.dossierCode()).isEqualTo(envelope.dossierCode());
        assertThat(delivered.attempt()).isEqualTo(1);
        assertThat(delivered.contentType()).contains("multipart/related").contains("application/xop+xml");
        assertThat(delivered.traceparent()).as("the push's trace context, as an HTTP header")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        JsonNode recipient = await().atMost(Duration.ofSeconds(30)).until(() -> recipient(envelope),
                r -> r.get("state").asString().equals("DELIVERED"));
        assertThat(recipient.get("takenAt").isNull()).isFalse();
    }

    /** Pushes to a receiver that answers with SOAP faults twice / result: delivered on the third attempt, history kept. */
    @Test
    void faultsAreRetriedUntilTheAgencyTakesTheEnvelope() {
        AtomicInteger calls = new AtomicInteger();
        SoapReceiver receiver = receiver(delivery -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("storage not ready");
            }
        });
        TestAgencies.Registered agency = TestAgencies.soapPushAgency(gateway, receiver.endpoint().toString(),
                QUICK_RETRIES);
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(agency.code());
        gateway.client(TestGateway.DESK).submit(gateway.sign(TestGateway.DESK, envelope.xml()));

        SoapReceiver.Delivery delivered = await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.find(envelope.id()).orElse(null), delivery -> delivery != null);
        assertThat(delivered.attempt()).isEqualTo(3);
        JsonNode recipient = await().atMost(Duration.ofSeconds(30)).until(() -> recipient(envelope),
                r -> r.get("state").asString().equals("DELIVERED"));
        assertThat(recipient.get("history").findValuesAsString("outcome")).containsExactly("FAILED", "FAILED", "DELIVERED");
        assertThat(recipient.get("history").get(0).get("error").asString()).contains("storage not ready");
        assertThat(receiver.received()).hasSize(1);
    }

    /** Pushes to a receiver that always faults / result: dead-lettered after the agency's attempts, listed by the admin API. */
    @Test
    void alwaysFailingReceiverLeavesADeadLetter() {
        SoapReceiver receiver = receiver(delivery -> {
            throw new IllegalStateException("down for maintenance");
        });
        TestAgencies.Registered agency = TestAgencies.soapPushAgency(gateway, receiver.endpoint().toString(),
                QUICK_RETRIES);
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(agency.code());
        gateway.client(TestGateway.DESK).submit(gateway.sign(TestGateway.DESK, envelope.xml()));

        JsonNode deadLetter = await().atMost(Duration.ofSeconds(30))
                .until(() -> admin("GET", "admin/dead-letters?agency=" + agency.code()).get("deadLetters"),
                        list -> list.size() == 1).get(0);
        assertThat(deadLetter.get("envelopeId").asString()).isEqualTo(envelope.id());
        assertThat(deadLetter.get("attempts").asInt()).isEqualTo(3);
        assertThat(deadLetter.get("lastError").asString()).contains("down for maintenance");
        assertThat(recipient(envelope).get("state").asString()).isEqualTo("DEAD_LETTERED");
        assertThat(receiver.received()).isEmpty();
    }

    private SoapReceiver receiver(Consumer<SoapReceiver.Delivery> behaviour) {
        SoapReceiver receiver = new SoapReceiver(behaviour);
        receivers.add(receiver);
        return receiver;
    }

    private JsonNode recipient(TestEnvelopes.Builder envelope) {
        return gateway.client(TestGateway.DESK).get("envelopes/" + envelope.id()).get("recipients").get(0);
    }

    private JsonNode admin(String method, String path) {
        HttpResponse<String> response = TestHttp.send(gateway, method, path,
                gateway.operatorToken(DemoProvisioning.DEMO_ADMIN), null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestHttp.JSON.readTree(response.body());
    }
}
