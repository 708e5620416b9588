package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.activation.DataHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.cxf.attachment.ByteDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.dvcqg.simulator.SimulatorMode;
import vn.lienthong.soap.exchange.SubmitEnvelope;

/**
 * What operators see, on a gateway of its own: an envelope accepted and pushed, one refused for
 * a tampered signature (over REST, then over SOAP), and one dead-lettered at an agency that is away; then every metric of
 * issue 8 in {@code /actuator/prometheus} with its tags, and no envelope id or dossier code as a
 * tag value; the health groups; and the envelope id in the MDC of the submission's and the
 * delivery's log lines.
 */
class MonitoringIT {

    private static final Pattern LABEL_VALUE = Pattern.compile("=\"([^\"]*)\"");

    private static PushReceiver receiver;
    private static TestGateway gateway;
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static final List<Logger> WATCHED = new ArrayList<>();

    private static TestEnvelopes.Builder delivered;
    private static TestEnvelopes.Builder refused;
    private static TestEnvelopes.Builder deadLettered;
    private static TestAgencies.Registered away;

    @BeforeAll
    static void traffic() throws IOException {
        receiver = new PushReceiver(0, "/push", delivery -> { });
        gateway = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:" + receiver.port() + "/push"),
                "--lienthong.tracking.watch-interval=1s",
                "--management.endpoint.health.show-details=always",
                "--lienthong.demo.portal-simulator.enabled=true",
                "--lienthong.portal.sync.warn-after=1ms");
        gateway.portalSimulator().mode(SimulatorMode.down());
        LOGS.start();
        for (String name : List.of("vn.lienthong.core.submission.Acceptance", "vn.lienthong.core.delivery.DeliveryProcess")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.addAppender(LOGS);
            WATCHED.add(logger);
        }

        delivered = TestEnvelopes.handoff();
        assertThat(TestHttp.submit(gateway, TestGateway.DESK, gateway.sign(TestGateway.DESK, delivered.xml())).statusCode())
                .isEqualTo(202);

        refused = TestEnvelopes.handoff();
        String signed = new String(gateway.sign(TestGateway.DESK, refused.xml()), StandardCharsets.UTF_8);
        byte[] tampered = signed.replace("Trần Thị Bình", "Trần Thị Bính").getBytes(StandardCharsets.UTF_8);
        TestHttp.assertCode(TestHttp.JSON.readTree(TestHttp.submit(gateway, TestGateway.DESK, tampered).body()),
                "SIGNATURE_INVALID");
        SubmitEnvelope overSoap = new SubmitEnvelope();
        overSoap.setEnvelope(new DataHandler(new ByteDataSource(tampered, "application/octet-stream")));
        SoapClients.fault("SIGNATURE_INVALID",
                () -> SoapClients.exchange(gateway, gateway.token(TestGateway.DESK)).submitEnvelope(overSoap));

        away = TestAgencies.pushAgency(gateway, "http://localhost:1/away", Map.of("maxAttempts", 1, "initialDelay", "50ms",
                "multiplier", 1.0, "maxDelay", "50ms"));
        deadLettered = TestEnvelopes.handoff().to(away.code());
        assertThat(TestHttp.submit(gateway, TestGateway.DESK, gateway.sign(TestGateway.DESK, deadLettered.xml()))
                .statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> metrics().contains(
                "lienthong_deliveries_total{mode=\"push-rest\",outcome=\"delivered\",recipient=\"" + TestGateway.LAND_OFFICE)
                && metrics().contains("lienthong_dead_letters{agency=\"" + away.code() + "\"} 1.0")
                && metrics().contains("lienthong_handoffs{agency=\"" + TestGateway.LAND_OFFICE));
    }

    @AfterAll
    static void stop() {
        WATCHED.forEach(logger -> logger.detachAppender(LOGS));
        gateway.close();
        receiver.close();
    }

    /**
     * The counters of the ingress: received by caller, accepted by sender/kind/format, refused
     * by reason and sender, once per submission whether it came over REST or SOAP.
     */
    @Test
    void submissionsAreCountedOnceEach() {
        String metrics = metrics();
        assertThat(metrics).contains(
                "lienthong_envelopes_received_total{caller=\"" + TestGateway.DESK + "\"} 4.0",
                "lienthong_envelopes_accepted_total{format=\"lienthong-v1\",kind=\"handoff\",sender=\""
                        + TestGateway.DESK + "\"} 2.0",
                "lienthong_envelopes_refused_total{reason=\"SIGNATURE_INVALID\",sender=\"" + TestGateway.DESK + "\"} 2.0");
    }

    /** Deliveries by recipient, mode and outcome; the push that failed is counted failed, then dead-lettered. */
    @Test
    void deliveriesAreCountedByOutcome() {
        assertThat(metrics()).contains(
                "lienthong_deliveries_total{mode=\"push-rest\",outcome=\"delivered\",recipient=\"" + TestGateway.LAND_OFFICE
                        + "\"} 1.0",
                "lienthong_deliveries_total{mode=\"push-rest\",outcome=\"failed\",recipient=\"" + away.code() + "\"} 1.0",
                "lienthong_deliveries_total{mode=\"push-rest\",outcome=\"dead_lettered\",recipient=\"" + away.code()
                        + "\"} 1.0",
                "lienthong_dead_letters{agency=\"" + away.code() + "\"} 1.0");
    }

    /** The timers have histogram buckets, for percentiles across gateways. */
    @Test
    void timersHaveHistograms() {
        String metrics = metrics();
        assertThat(metrics).contains(
                "lienthong_accept_latency_seconds_bucket{format=\"lienthong-v1\",le=",
                "lienthong_delivery_latency_seconds_bucket{mode=\"push-rest\",recipient=\"" + TestGateway.LAND_OFFICE
                        + "\",le=",
                "lienthong_signature_verification_seconds_bucket{algorithm=\"none\",le=",
                "lienthong_receipt_signing_seconds_bucket{le=",
                "lienthong_delivery_push_seconds_bucket{outcome=\"delivered\",recipient=\"" + TestGateway.LAND_OFFICE);
        assertThat(metrics).containsPattern("lienthong_signature_verification_seconds_bucket\\{algorithm=\"(rsa|ecdsa)\",le=");
        assertThat(metrics).containsPattern("lienthong_signature_verification_seconds_count\\{algorithm=\"(rsa|ecdsa)\"} 2");
    }

    /** The gauges, the observations' timers, CXF's and Spring Integration's own metrics. */
    @Test
    void gaugesAndFrameworkMetricsArePublished() {
        String metrics = metrics();
        assertThat(metrics).containsPattern(
                "lienthong_handoffs\\{agency=\"" + Pattern.quote(TestGateway.LAND_OFFICE) + "\",state=\"in_progress\"} [1-9]");
        assertThat(metrics).contains(
                "lienthong_certificate_expiry_days{",
                "lienthong_delivery_backlog{",
                "lienthong_outbox_pending ",
                "lienthong_submission_seconds_count{caller=\"" + TestGateway.DESK + "\",error=\"none\",format=\"lienthong-v1\","
                        + "kind=\"handoff\",outcome=\"accepted\",reason=\"none\",sender=\"" + TestGateway.DESK + "\"} 2",
                "lienthong_delivery_seconds_count{error=\"none\",kind=\"handoff\",mode=\"push-rest\",recipient=\""
                        + TestGateway.LAND_OFFICE + "\"}",
                "spring_integration_send_seconds_count{");
        assertThat(metrics).contains("cxf_server_requests_seconds_count{exception=\"None\",method=\"POST\","
                + "operation=\"submit\",outcome=\"SUCCESS\",status=\"202\",uri=\"/api/v1/envelopes\"} 2");
        assertThat(metrics).containsPattern("cxf_server_requests_seconds_count\\{[^}]*operation=\"SubmitEnvelope\"[^}]*"
                + "uri=\"/services/exchange\"} 1");
    }

    /** Tags are agency codes, kinds, codes: never an envelope id or a dossier code. */
    @Test
    void noTagValueNamesAnEnvelopeOrDossier() {
        Set<String> ids = Set.of(delivered.id(), refused.id(), deadLettered.id(),
                delivered.dossierCode(), refused.dossierCode(), deadLettered.dossierCode());
        Matcher values = LABEL_VALUE.matcher(metrics());
        while (values.find()) {
            String value = values.group(1);
            assertThat(ids).noneMatch(value::contains);
        }
    }

    /** Readiness holds the database, the broker and the signing key; an agency away and the portal behind leave it UP. */
    @Test
    void readinessStaysUpWhileAnAgencyAndThePortalAreAway() {
        gateway.bean(CircuitBreakerRegistry.class).circuitBreaker(away.code()).transitionToOpenState();
        await().atMost(Duration.ofSeconds(10)).until(() -> health("health").at("/components/portalSync/status")
                .asString().equals("WARNING"));

        JsonNode readiness = health("health/readiness");
        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        assertThat(fieldNames(readiness.get("components"))).containsExactlyInAnyOrder("readinessState", "db", "jms",
                "signingKey");
        assertThat(readiness.at("/components/signingKey/details/gateway").asString()).isEqualTo("lienthong-embedded");

        JsonNode liveness = health("health/liveness");
        assertThat(liveness.get("status").asString()).isEqualTo("UP");
        assertThat(fieldNames(liveness.get("components"))).containsExactly("livenessState");

        JsonNode health = health("health");
        assertThat(health.at("/components/agencyEndpoints/status").asString()).isEqualTo("WARNING");
        assertThat(health.at("/components/agencyEndpoints/details/" + away.code() + "/circuit").asString())
                .isEqualTo("OPEN");
        assertThat(health.at("/components/agencyEndpoints/details/" + TestGateway.LAND_OFFICE + "/circuit").asString())
                .isEqualTo("CLOSED");
    }

    /** The submission's and the delivery's log lines carry the envelope id and dossier code in the MDC. */
    @Test
    void logLinesCarryTheEnvelopeIdAndDossierCode() {
        List<ILoggingEvent> lines = LOGS.list.stream()
                .filter(event -> delivered.id().equals(event.getMDCPropertyMap().get("envelopeId"))).toList();
        assertThat(lines).extracting(ILoggingEvent::getLoggerName).contains(
                "vn.lienthong.core.submission.Acceptance", "vn.lienthong.core.delivery.DeliveryProcess");
        assertThat(lines).allSatisfy(event ->
                assertThat(event.getMDCPropertyMap()).containsEntry("dossierCode", delivered.dossierCode()));
    }

    /**
     * One trace from the submission to the delivery: the trace context crosses the outbox and
     * the broker with the delivery order, so both sides log the same trace id.
     */
    @Test
    void theDeliveryContinuesTheSubmissionsTrace() {
        List<ILoggingEvent> lines = LOGS.list.stream()
                .filter(event -> delivered.id().equals(event.getMDCPropertyMap().get("envelopeId"))).toList();
        assertThat(lines).extracting(event -> event.getMDCPropertyMap().get("traceId")).doesNotContainNull()
                .containsOnly(lines.get(0).getMDCPropertyMap().get("traceId"));
        assertThat(lines).extracting(event -> event.getMDCPropertyMap().get("spanId")).doesNotHaveDuplicates();
        // and the agency's system is handed the same trace with the push
        assertThat(receiver.find(delivered.id()).orElseThrow().traceparent())
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
                .contains("-" + lines.get(0).getMDCPropertyMap().get("traceId") + "-");
    }

    private static String metrics() {
        return TestHttp.sendActuator(gateway, "prometheus");
    }

    private static JsonNode health(String path) {
        return TestHttp.JSON.readTree(TestHttp.sendActuator(gateway, path));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
