package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw calls to a test gateway's API, for tests that need control over every header. */
final class TestHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestHttp() {
    }

    /** Sends a request to {@code /api/v1/<path>} and returns the answer. */
    static HttpResponse<String> send(TestGateway gateway, String method, String path, @Nullable String token,
                                     @Nullable String contentType, byte @Nullable [] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/api/v1/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs {@code /api/v1/<path>} as bytes, asking for the given media type. */
    static HttpResponse<byte[]> download(TestGateway gateway, String path, String token, String accept) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/api/v1/" + path))
                .header("Authorization", "Bearer " + token).header("Accept", accept).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request that must be refused with this status; returns the problem document. */
    static JsonNode problem(TestGateway gateway, String method, String path, @Nullable String token,
                            @Nullable String contentType, byte @Nullable [] body, int expectedStatus) {
        HttpResponse<String> response = send(gateway, method, path, token, contentType, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return JSON.readTree(response.body());
    }

    /** The text of an actuator endpoint, such as {@code health} or {@code prometheus}. */
    static String sendActuator(TestGateway gateway, String endpoint) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/actuator/" + endpoint)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Submits an envelope as an agency (by its token) and returns the answer. */
    static HttpResponse<String> submit(TestGateway gateway, String agency, byte[] envelope) {
        return send(gateway, "POST", "envelopes", gateway.token(agency), "application/xml", envelope);
    }

    /** Asserts a problem document's stable code and shape. */
    static void assertCode(JsonNode problem, String code) {
        assertThat(problem.get("code").asString()).as(problem.toString()).isEqualTo(code);
        assertThat(problem.get("type").asString()).isEqualTo("urn:lienthong:problem:" + code);
        assertThat(problem.get("status").asInt()).isBetween(400, 599);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }
}
