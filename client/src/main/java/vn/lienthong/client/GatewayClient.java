package vn.lienthong.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the gateway's REST API as one agency, authenticated by its API token. Every refusal
 * comes back as a {@link GatewayProblemException} with the gateway's error code.
 */
public final class GatewayClient {

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

    private final URI api;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param gateway the gateway's base address, such as {@code http://localhost:8080}
     * @param token the agency's API token
     */
    public GatewayClient(URI gateway, String token, Duration timeout) {
        String base = gateway.toString().replaceAll("/+$", "");
        this.api = URI.create(base + "/api/v1/");
        this.token = token.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public Submitted submit(byte[] signedEnvelope) {
        HttpResponse<byte[]> response = send(request("envelopes")
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedEnvelope)));
        return new Submitted(response.body(),
                response.headers().firstValue("Lienthong-Receipt-Replayed").map(Boolean::parseBoolean).orElse(false));
    }

    public List<InboxItem> inbox(int limit) {
        return json(send(request("inbox?limit=" + limit).GET()), Listing.class).entries();
    }

    public Fetched fetch(String envelopeId) {
        HttpResponse<byte[]> response = send(request("inbox/" + envelopeId).GET());
        return new Fetched(envelopeId, header(response, "Lienthong-Sender"), header(response, "Lienthong-Kind"),
                header(response, "Lienthong-Dossier-Code"), response.body());
    }

    public Acknowledgement acknowledge(String envelopeId) {
        return json(send(request("inbox/" + envelopeId + "/ack").POST(HttpRequest.BodyPublishers.noBody())),
                Acknowledgement.class);
    }

    /** Any JSON resource of the API, such as {@code envelopes/{id}} or {@code dossiers/{code}}. */
    public JsonNode get(String path) {
        return json(send(request(path).GET()), JsonNode.class);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("gateway unreachable at " + api + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the gateway", e);
        }
        if (response.statusCode() >= 400) {
            throw problem(response);
        }
        return response;
    }

    private static GatewayProblemException problem(HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        try {
            JsonNode problem = JSON.readTree(body);
            return new GatewayProblemException(response.statusCode(), problem.path("code").asString("UNKNOWN"),
                    problem.path("detail").asString(body));
        } catch (RuntimeException notJson) {
            return new GatewayProblemException(response.statusCode(), "UNKNOWN", body);
        }
    }

    private static <T> T json(HttpResponse<byte[]> response, Class<T> type) {
        return JSON.readValue(response.body(), type);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}
