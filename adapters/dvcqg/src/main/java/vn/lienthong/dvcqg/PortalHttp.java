package vn.lienthong.dvcqg;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.lienthong.core.portal.PortalUnavailableException;

/**
 * One JSON request to the portal and its answer's {@code error_code}. Everything that says the
 * portal could not answer properly (no connection, a timeout, HTTP 5xx, an answer that is not
 * the portal's JSON) is a {@link PortalUnavailableException}; what the answer says is the
 * caller's to judge. Exception messages name the endpoint and the failure, never the body sent.
 */
final class PortalHttp {

    static final String DSTCODE = "dstcode";

    /**
     * The portal's wire format is its own: a private mapper, so the application's Jackson
     * settings cannot change what is sent.
     */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Duration callTimeout;
    private final String agencyCode;

    PortalHttp(Duration connectTimeout, Duration callTimeout, String agencyCode) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.callTimeout = callTimeout;
        this.agencyCode = agencyCode;
    }

    /** The portal's answer: its {@code error_code}, its message, and the whole JSON. */
    record Reply(int errorCode, String message, JsonNode body) {
    }

    /** @param what names the request in failures, e.g. the service */
    Reply post(URI uri, Map<String, Object> body, String what) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(callTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .header(DSTCODE, agencyCode)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new PortalUnavailableException(what + ": no answer from " + uri + " within " + callTimeout, e);
        } catch (IOException e) {
            throw new PortalUnavailableException(what + ": " + uri + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortalUnavailableException(what + ": interrupted while calling " + uri, e);
        }
        int status = response.statusCode();
        if (status >= 500) {
            throw new PortalUnavailableException(what + ": " + uri + " answered HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new PortalUnavailableException(what + ": " + uri + " answered HTTP " + status + " without JSON");
        }
        JsonNode code = answer == null ? null : answer.get("error_code");
        if (code == null || !(code.canConvertToInt() || code.asString("").matches("-?[0-9]{1,9}"))) {
            throw new PortalUnavailableException(what + ": " + uri + " answered HTTP " + status
                    + " without an error_code");
        }
        int errorCode = code.isNumber() ? code.asInt() : Integer.parseInt(code.asString());
        return new Reply(errorCode, answer.path("message").asString(""), answer);
    }

    static JsonMapper json() {
        return JSON;
    }
}
