package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.ClientTls;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.GatewayClient.Protocol;
import vn.lienthong.client.GatewayProblemException;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.client.RetryPolicy;
import vn.lienthong.client.envelope.AllowedTime;
import vn.lienthong.client.envelope.Applicant;
import vn.lienthong.client.envelope.Component;
import vn.lienthong.client.envelope.DossierEnvelope;
import vn.lienthong.client.envelope.EnvelopeKind;
import vn.lienthong.client.evidence.GatewayTrust;
import vn.lienthong.client.evidence.Verdict;

/**
 * The client library against a real gateway, as a department system uses it: envelopes built
 * with the fluent builder and signed with the agency's key, submitted over REST and SOAP,
 * retried after a lost answer, receipts verified, the inbox drained with acknowledgement after
 * the handler, mutual TLS, and the dossier's evidence bundle verified.
 */
class GatewayClientLibraryIT {

    private static final char[] DEMO = DemoProvisioning.DEMO_KEY_PASSWORD.toCharArray();

    private final TestGateway gateway = SharedGateway.gateway();
    private final ReceiptVerification receipts = new ReceiptVerification(gateway.gatewayCertificate());

    /**
     * Builds and signs a hand-off, submits it over REST, then the same bytes again over REST and
     * over SOAP / result: one receipt, verified, and every repeat answered with it, replayed.
     */
    @Test
    void builtEnvelopeIsSubmittedOverRestAndSoapAndRepeatsAreReplayed() throws IOException {
        DossierEnvelope envelope = handoff(TestGateway.FINANCE).build();
        byte[] signed = envelope.sign(deskSigning());
        GatewayClient desk = client(gateway.baseUri());

        GatewayClient.Submitted first = desk.submit(signed, Protocol.REST);
        GatewayClient.Submitted again = desk.submit(signed, Protocol.REST);
        GatewayClient.Submitted overSoap = desk.submit(signed, Protocol.SOAP);

        ReceiptVerification.VerifiedReceipt receipt = receipts.verify(first.receipt(), signed);
        assertThat(receipt.envelopeId()).isEqualTo(envelope.id());
        assertThat(receipt.sender()).isEqualTo(TestGateway.DESK);
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(overSoap.replayed()).isTrue();
        assertThat(again.receipt()).isEqualTo(first.receipt());
        assertThat(overSoap.receipt()).as("the SOAP answer carries the receipt byte for byte").isEqualTo(first.receipt());
    }

    /** Submits a new envelope over SOAP, signed through a KeyStore entry and an explicit Provider / result: accepted, receipt verified. */
    @Test
    void envelopeSignedThroughAProviderIsAcceptedOverSoap() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(demoFile(TestGateway.DESK, "signing-key.p12"))) {
            store.load(in, DEMO);
        }
        String algorithm = store.getKey(TestGateway.DESK, DEMO).getAlgorithm();
        Provider provider = Security.getProvider("EC".equals(algorithm) ? "SunEC" : "SunRsaSign");
        DossierEnvelope envelope = handoff(TestGateway.FINANCE).build();
        byte[] signed = envelope.sign(EnvelopeSigning.fromKeyStore(store, TestGateway.DESK, DEMO, provider));

        GatewayClient.Submitted submitted = client(gateway.baseUri()).submit(signed, Protocol.SOAP);

        assertThat(submitted.replayed()).isFalse();
        assertThat(receipts.verify(submitted.receipt(), signed).envelopeId()).isEqualTo(envelope.id());
    }

    /**
     * Submits through a proxy that hands the first request to the gateway but answers 504, as
     * when the gateway's answer is lost / result: the client sends the same bytes again by
     * itself and gets the first receipt, replayed; over REST and over SOAP.
     */
    @Test
    void lostAnswerIsRetriedWithTheSameEnvelopeAndReplayed() throws IOException {
        for (Protocol protocol : Protocol.values()) {
            try (LosingProxy proxy = new LosingProxy(gateway.baseUri())) {
                byte[] signed = handoff(TestGateway.FINANCE).build().sign(deskSigning());

                GatewayClient.Submitted submitted = client(proxy.uri()).submit(signed, protocol);

                assertThat(proxy.requests()).as(protocol + ": one lost answer, one retry").isEqualTo(2);
                assertThat(proxy.bodies()).as(protocol + ": the same bytes both times").hasSize(1);
                assertThat(submitted.replayed()).as(protocol.name()).isTrue();
                receipts.verify(submitted.receipt(), signed);
            }
        }
    }

    /** Submits a tampered envelope over REST and SOAP / result: SIGNATURE_INVALID both ways, tried once. */
    @Test
    void refusalCarriesTheGatewaysCodeOverBothProtocols() throws IOException {
        byte[] signed = handoff(TestGateway.FINANCE).build().sign(deskSigning());
        byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("Trần Thị Bình", "Trần Thị Bính")
                .getBytes(StandardCharsets.UTF_8);

        for (Protocol protocol : Protocol.values()) {
            assertThatThrownBy(() -> client(gateway.baseUri()).submit(tampered, protocol))
                    .as(protocol.name())
                    .isInstanceOfSatisfying(GatewayProblemException.class, e -> {
                        assertThat(e.code()).isEqualTo("SIGNATURE_INVALID");
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.retryable()).isFalse();
                    });
        }
    }

    /**
     * Drains the finance department's inbox (over mutual TLS) with a handler that fails on our
     * envelope, then with one that stores it / result: not acknowledged after the failure, still
     * waiting; acknowledged after the success, the stored bytes the signed ones.
     */
    @Test
    void inboxIsAcknowledgedOnlyAfterTheHandlerSucceeds() throws IOException {
        DossierEnvelope envelope = handoff(TestGateway.FINANCE).build();
        byte[] signed = envelope.sign(deskSigning());
        client(gateway.baseUri()).submit(signed);
        GatewayClient finance = GatewayClient.builder(gateway.tlsUri())
                .tls(ClientTls.mutual(demoFile(TestGateway.FINANCE, "tls-client.p12"), DEMO,
                        gateway.dataDir().resolve("demo/ca/demo-ca.pem")))
                .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build();
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting(finance, envelope.id()));

        assertThatThrownBy(() -> finance.drainInbox(fetched -> {
            if (fetched.envelopeId().equals(envelope.id())) {
                throw new IllegalStateException("the department's database is down");
            }
        })).hasMessageContaining("database is down");
        assertThat(waiting(finance, envelope.id())).as("still in the inbox after the handler failed").isTrue();
        assertThat(state(envelope.id()).path("takenAt").isMissingNode() || state(envelope.id()).path("takenAt").isNull())
                .isTrue();

        Map<String, byte[]> stored = new ConcurrentHashMap<>();
        List<GatewayClient.Acknowledgement> taken = finance.drainInbox(fetched -> stored.put(fetched.envelopeId(), fetched.content()));

        assertThat(stored.get(envelope.id())).isEqualTo(signed);
        assertThat(taken).anySatisfy(ack -> {
            assertThat(ack.envelopeId()).isEqualTo(envelope.id());
            assertThat(ack.recipient()).isEqualTo(TestGateway.FINANCE);
        });
        assertThat(waiting(finance, envelope.id())).isFalse();
        assertThat(finance.drainInbox(fetched -> stored.put("again " + fetched.envelopeId(), fetched.content())))
                .as("a drained inbox has nothing more").isEmpty();
    }

    /** Hands a dossier over and fetches its evidence bundle / result: it verifies against the pinned gateway certificate. */
    @Test
    void evidenceBundleOfASubmittedDossierVerifies() throws IOException {
        DossierEnvelope envelope = handoff(TestGateway.FINANCE).build();
        GatewayClient desk = client(gateway.baseUri());
        desk.submit(envelope.sign(deskSigning()), Protocol.SOAP);

        Verdict verdict = await().atMost(Duration.ofSeconds(30)).until(
                () -> desk.verifiedEvidence(envelope.dossierCode(), GatewayTrust.pinned(List.of(gateway.gatewayCertificate()))),
                Verdict::verified);
        assertThat(verdict.signedHead()).hasValueSatisfying(head -> assertThat(head.dossier()).isEqualTo(envelope.dossierCode()));
    }

    private DossierEnvelope.Builder handoff(String recipient) {
        TestEnvelopes.Builder fresh = TestEnvelopes.handoff();
        return DossierEnvelope.builder()
                .id(fresh.id())
                .kind(EnvelopeKind.HANDOFF)
                .createdAt(OffsetDateTime.parse("2026-11-27T09:15:00+07:00"))
                .from(TestGateway.DESK, "Nguyễn Văn An")
                .to(recipient)
                .dossier(fresh.dossierCode(), "1.004227")
                .receivedAt(OffsetDateTime.parse("2026-11-27T08:40:00+07:00"))
                .promisedReturnAt(OffsetDateTime.parse("2026-12-11T17:00:00+07:00"))
                .step("Thẩm định hồ sơ", AllowedTime.workingDays(5))
                .applicant(Applicant.named("Trần Thị Bình").phone("0912345678"))
                .component(Component.inline("Đơn đăng ký.txt", "text/plain",
                        "Đơn đăng ký biến động đất đai".getBytes(StandardCharsets.UTF_8)));
    }

    private EnvelopeSigning deskSigning() {
        return EnvelopeSigning.fromPkcs12(demoFile(TestGateway.DESK, "signing-key.p12"), DEMO);
    }

    private GatewayClient client(URI base) {
        return GatewayClient.builder(base).token(gateway.token(TestGateway.DESK))
                .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build();
    }

    private Path demoFile(String agency, String name) {
        return gateway.dataDir().resolve("demo").resolve(agency).resolve(name);
    }

    private static boolean waiting(GatewayClient client, String envelopeId) {
        return client.inbox(500).stream().anyMatch(item -> item.envelopeId().equals(envelopeId));
    }

    private tools.jackson.databind.JsonNode state(String envelopeId) {
        return gateway.client(TestGateway.DESK).get("envelopes/" + envelopeId).get("recipients").get(0);
    }

    /**
     * Forwards requests to the gateway; the first one reaches it, but its answer is replaced by
     * 504, as when a proxy or the network loses the gateway's answer.
     */
    private static final class LosingProxy implements AutoCloseable {
        private final HttpServer server;
        private final HttpClient upstream = HttpClient.newHttpClient();
        private final URI target;
        private final AtomicInteger requests = new AtomicInteger();
        private final Map<String, Boolean> bodies = new ConcurrentHashMap<>();

        LosingProxy(URI target) throws IOException {
            this.target = target;
            this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            this.server.createContext("/", this::forward);
            this.server.start();
        }

        URI uri() {
            return URI.create("http://localhost:" + server.getAddress().getPort());
        }

        int requests() {
            return requests.get();
        }

        /** The distinct request bodies seen (the SOAP ones without their random MIME boundary). */
        java.util.Set<String> bodies() {
            return bodies.keySet();
        }

        private void forward(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                String boundary = contentType.contains("boundary=\"")
                        ? contentType.replaceAll(".*boundary=\"([^\"]+)\".*", "$1") : "";
                bodies.put(boundary.isEmpty() ? new String(body, StandardCharsets.ISO_8859_1)
                        : new String(body, StandardCharsets.ISO_8859_1).replace(boundary, "B"), true);
                HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Authorization", "Content-Type", "SOAPAction", "Accept")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                HttpResponse<byte[]> answer = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (requests.incrementAndGet() == 1) {
                    exchange.sendResponseHeaders(504, -1);
                    return;
                }
                answer.headers().map().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                            && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
