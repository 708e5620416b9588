package vn.lienthong.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.lienthong.client.evidence.EvidenceBundleVerifier;
import vn.lienthong.client.evidence.GatewayTrust;
import vn.lienthong.client.evidence.Verdict;

/**
 * Calls the gateway as one agency, over REST (and, for submissions, SOAP), authenticated by its
 * API token or a TLS client certificate. Every refusal comes back as a
 * {@link GatewayProblemException} with the gateway's error code; a request that got no answer,
 * as an {@link UncheckedIOException}. Built with {@link #builder(URI)}, the client repeats
 * failed calls as its {@link RetryPolicy} allows, which is safe for every call it makes.
 */
public final class GatewayClient {

    /** How a submission travels. */
    public enum Protocol {
        /** {@code POST /api/v1/envelopes} (docs/PROTOCOL-REST.md). */
        REST,
        /** {@code SubmitEnvelope} on {@code /services/exchange}, the envelope as an MTOM attachment (docs/PROTOCOL-SOAP.md). */
        SOAP
    }

    /** An accepted submission: the gateway's signed receipt. */
    public record Submitted(byte[] receipt, boolean replayed) {
    }

    /** One envelope waiting in the inbox. */
    public record InboxItem(String envelopeId, String sender, String kind, String dossierCode, long size,
                            Instant availableAt) {
    }

    /** An envelope fetched from the inbox: the sender's signed bytes and their routing facts. */
    public record Fetched(String envelopeId, String sender, String kind, String dossierCode, byte[] content) {
    }

    /** The gateway's record of an acknowledgement. */
    public record Acknowledgement(String envelopeId, String recipient, Instant takenAt) {
    }

    private record Listing(List<InboxItem> entries) {
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final int PAGE = 100;

    private final URI api;
    private final @Nullable String token;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final SoapExchange soap;

    /**
     * A client that authenticates with a token and reports every failure at once, without retrying.
     *
     * @param gateway the gateway's base address, such as {@code http://localhost:8080}
     * @param token the agency's API token
     * @param timeout for connecting, and for each request's answer
     */
    public GatewayClient(URI gateway, String token, Duration timeout) {
        this(gateway, token.strip(), null, timeout, timeout, RetryPolicy.none());
    }

    private GatewayClient(URI gateway, @Nullable String token, @Nullable SSLContext tls, Duration connectTimeout,
                          Duration timeout, RetryPolicy retry) {
        String base = gateway.toString().replaceAll("/+$", "");
        this.api = URI.create(base + "/api/v1/");
        this.token = token;
        this.timeout = timeout;
        this.retry = retry;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (tls != null) {
            http.sslContext(tls);
        }
        this.http = http.build();
        this.soap = new SoapExchange(URI.create(base));
    }

    /** A client of the gateway at {@code gateway} (such as {@code https://gateway:8443}); set how to authenticate. */
    public static Builder builder(URI gateway) {
        return new Builder(gateway);
    }

    /** Submits a signed envelope over REST. */
    public Submitted submit(byte[] signedEnvelope) {
        return submit(signedEnvelope, Protocol.REST);
    }

    /**
     * Submits a signed envelope (or edXML document) byte for byte. A retry sends the same bytes,
     * and when an earlier attempt was accepted after all, the answer is its receipt with
     * {@link Submitted#replayed()} true.
     */
    public Submitted submit(byte[] signedEnvelope, Protocol protocol) {
        return switch (protocol) {
            case REST -> withRetries(() -> {
                HttpResponse<byte[]> response = send(request("envelopes")
                        .header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(signedEnvelope)), GatewayClient::problem);
                return new Submitted(response.body(), response.headers().firstValue("Lienthong-Receipt-Replayed")
                        .map(Boolean::parseBoolean).orElse(false));
            });
            case SOAP -> withRetries(() -> soap.submitted(send(authenticated(soap.submit(signedEnvelope)), soap::problem)));
        };
    }

    public List<InboxItem> inbox(int limit) {
        return withRetries(() -> json(send(request("inbox?limit=" + limit).GET(), GatewayClient::problem), Listing.class)
                .entries());
    }

    public Fetched fetch(String envelopeId) {
        return withRetries(() -> {
            HttpResponse<byte[]> response = send(request("inbox/" + envelopeId).GET(), GatewayClient::problem);
            return new Fetched(envelopeId, header(response, "Lienthong-Sender"), header(response, "Lienthong-Kind"),
                    header(response, "Lienthong-Dossier-Code"), response.body());
        });
    }

    public Acknowledgement acknowledge(String envelopeId) {
        return withRetries(() -> json(send(request("inbox/" + envelopeId + "/ack").POST(HttpRequest.BodyPublishers.noBody()),
                GatewayClient::problem), Acknowledgement.class));
    }

    /**
     * Takes everything waiting in the inbox, oldest first: fetches each envelope, hands it to
     * {@code handler}, and acknowledges it only once the handler has returned. If the handler
     * throws, that envelope stays unacknowledged, draining stops and the exception reaches the
     * caller; the envelope comes again on the next drain, and so does one whose acknowledgement
     * failed, so the handler must take an envelope id it already stored as done (deduplicate).
     * Stopping keeps a dossier's envelopes in the order the gateway accepted them.
     *
     * @return the acknowledgements, in the order taken
     */
    public List<Acknowledgement> drainInbox(Consumer<Fetched> handler) {
        List<Acknowledgement> taken = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (true) {
            List<InboxItem> waiting = inbox(PAGE).stream().filter(item -> !done.contains(item.envelopeId())).toList();
            if (waiting.isEmpty()) {
                return taken;
            }
            for (InboxItem item : waiting) {
                handler.accept(fetch(item.envelopeId()));
                taken.add(acknowledge(item.envelopeId()));
                done.add(item.envelopeId());
            }
        }
    }

    /** A dossier's evidence bundle (zip; docs/EVIDENCE.md), as the gateway serves it. */
    public byte[] evidence(String dossierCode) {
        return withRetries(() -> send(request("dossiers/" + dossierCode + "/evidence").header("Accept", "application/zip")
                .GET(), GatewayClient::problem).body());
    }

    /** Fetches a dossier's evidence bundle and verifies it offline against {@code trust} (the gateway's pinned certificate). */
    public Verdict verifiedEvidence(String dossierCode, GatewayTrust trust) {
        try {
            return new EvidenceBundleVerifier(trust).verify(new ByteArrayInputStream(evidence(dossierCode)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evidence bundle of " + dossierCode, e);
        }
    }

    /** Any JSON resource of the API, such as {@code envelopes/{id}} or {@code dossiers/{code}}. */
    public JsonNode get(String path) {
        return withRetries(() -> json(send(request(path).GET(), GatewayClient::problem), JsonNode.class));
    }

    private <T> T withRetries(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (GatewayProblemException | UncheckedIOException failure) {
                Optional<Duration> delay = retry.delayAfter(attempt, failure);
                if (delay.isEmpty()) {
                    throw failure;
                }
                pause(delay.get(), failure);
            }
        }
    }

    private static void pause(Duration delay, RuntimeException failure) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private HttpRequest.Builder request(String path) {
        return authenticated(HttpRequest.newBuilder(api.resolve(path)));
    }

    private HttpRequest.Builder authenticated(HttpRequest.Builder request) {
        request.timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request,
                                      Function<HttpResponse<byte[]>, GatewayProblemException> problem) {
        HttpResponse<byte[]> response;
        HttpRequest built = request.build();
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("gateway unreachable at " + built.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the gateway", e);
        }
        if (response.statusCode() >= 400) {
            throw problem.apply(response);
        }
        return response;
    }

    private static GatewayProblemException problem(HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        Duration retryAfter = response.headers().firstValue("Retry-After")
                .filter(value -> value.strip().matches("\\d{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())))
                .orElse(null);
        try {
            JsonNode problem = JSON.readTree(body);
            return new GatewayProblemException(response.statusCode(), problem.path("code").asString("UNKNOWN"),
                    problem.path("detail").asString(body), retryAfter);
        } catch (RuntimeException notJson) {
            return new GatewayProblemException(response.statusCode(), "UNKNOWN", body, retryAfter);
        }
    }

    private static <T> T json(HttpResponse<byte[]> response, Class<T> type) {
        return JSON.readValue(response.body(), type);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    /** How to reach the gateway and as whom; by default 30 s timeouts and {@link RetryPolicy#defaults()}. */
    public static final class Builder {

        private final URI gateway;
        private @Nullable String token;
        private @Nullable SSLContext tls;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration timeout = Duration.ofSeconds(30);
        private RetryPolicy retry = RetryPolicy.defaults();

        private Builder(URI gateway) {
            this.gateway = gateway;
        }

        /** Authenticates with the agency's API token ({@code Authorization: Bearer}). */
        public Builder token(String apiToken) {
            this.token = apiToken.strip();
            return this;
        }

        /**
         * TLS settings for an {@code https} gateway: {@link ClientTls#mutual} to authenticate with the
         * agency's client certificate (no token needed), {@link ClientTls#trusting} to trust a private CA.
         */
        public Builder tls(SSLContext context) {
            this.tls = context;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long each request waits for its answer; a request that times out counts as unanswered and is retried. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = policy;
            return this;
        }

        public GatewayClient build() {
            if (token == null && tls == null) {
                throw new IllegalStateException("give the agency's API token, or a TLS context with its client certificate");
            }
            return new GatewayClient(gateway, token, tls, Objects.requireNonNull(connectTimeout),
                    Objects.requireNonNull(timeout), retry);
        }
    }
}
