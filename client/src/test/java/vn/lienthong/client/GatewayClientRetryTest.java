package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's retry loop over real HTTP, against a stand-in gateway that answers from a script:
 * which answers make it send again, that it sends the same bytes, and what reaches the caller.
 * (The real gateway's answers are in gateway/app's GatewayClientLibraryIT.)
 */
class GatewayClientRetryTest {

    private record Answer(int status, String contentType, String body, String retryAfter) {
    }

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    private GatewayClient client() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        return GatewayClient.builder(URI.create("http://localhost:" + server.getAddress().getPort()))
                .token("test-token")
                .retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                .build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** 503 GATEWAY_BUSY, then 202 / result: submitted on the second attempt, the same bytes both times. */
    @Test
    void busyGatewayIsAskedAgainWithTheSameBytes() throws IOException {
        script.add(problem(503, "GATEWAY_BUSY", "0"));
        script.add(new Answer(202, "application/xml", "<Receipt/>", null));
        GatewayClient client = client();

        GatewayClient.Submitted submitted = client.submit("<Envelope/>".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(submitted.receipt(), StandardCharsets.UTF_8)).isEqualTo("<Receipt/>");
        assertThat(received).hasSize(2);
        assertThat(received.get(1)).isEqualTo(received.get(0));
    }

    /** 400 SIGNATURE_INVALID / result: one attempt, the caller gets the code. */
    @Test
    void refusalIsReportedAtOnce() throws IOException {
        script.add(problem(400, "SIGNATURE_INVALID", null));
        GatewayClient client = client();

        assertThatThrownBy(() -> client.submit("<Envelope/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GatewayProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo("SIGNATURE_INVALID");
                    assertThat(e.status()).isEqualTo(400);
                });
        assertThat(received).hasSize(1);
    }

    /** 503 on every attempt / result: three attempts, then the last problem with its Retry-After. */
    @Test
    void persistentFailureEndsAfterTheLastAttempt() throws IOException {
        for (int i = 0; i < 3; i++) {
            script.add(problem(503, "GATEWAY_BUSY", "0"));
        }
        GatewayClient client = client();

        assertThatThrownBy(() -> client.inbox(10)).isInstanceOfSatisfying(GatewayProblemException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ZERO));
        assertThat(received).hasSize(3);
    }

    /** Nothing listens at the address / result: retried, then reported as unreachable. */
    @Test
    void unreachableGatewayIsReportedAfterRetries() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GatewayClient client = GatewayClient.builder(URI.create("http://localhost:" + port)).token("t")
                .retry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1))).build();

        assertThatThrownBy(() -> client.inbox(10)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("unreachable");
    }

    /** Neither a token nor a TLS client certificate / result: refused when building. */
    @Test
    void clientNeedsCredentials() {
        assertThatThrownBy(() -> GatewayClient.builder(URI.create("http://localhost:1")).build())
                .isInstanceOf(IllegalStateException.class);
    }

    private static Answer problem(int status, String code, String retryAfter) {
        return new Answer(status, "application/problem+json",
                "{\"code\":\"" + code + "\",\"status\":" + status + ",\"detail\":\"scripted\"}", retryAfter);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            received.add(exchange.getRequestBody().readAllBytes());
            Answer answer = script.poll();
            if (answer == null) {
                answer = new Answer(500, "text/plain", "script exhausted", null);
            }
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
