package vn.lienthong.rest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import vn.lienthong.core.agency.PushProtocol;
import vn.lienthong.core.delivery.EnvelopePusher;
import vn.lienthong.core.delivery.PushFailedException;
import vn.lienthong.core.delivery.PushRequest;

/**
 * Pushes envelopes to agencies' REST endpoints: POST of the signed bytes with the transport
 * headers; any 2xx answer means the agency took the envelope. One shared JDK HTTP client
 * keeps connections alive across pushes.
 */
final class RestPushClient implements EnvelopePusher {

    private static final int MAX_ERROR_BODY = 200;

    private final HttpClient client;
    private final Duration timeout;

    RestPushClient(Duration connectTimeout, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
    }

    /** Small envelopes from memory; large ones streamed from their spool file, with a known length. */
    private static HttpRequest.BodyPublisher body(PushRequest push) {
        if (push.content().inMemory()) {
            return HttpRequest.BodyPublishers.ofByteArray(push.content().content());
        }
        try {
            return HttpRequest.BodyPublishers.ofFile(push.content().spooledFile());
        } catch (FileNotFoundException e) {
            throw new PushFailedException("spooled envelope " + push.envelopeId() + " is gone", e);
        }
    }

    @Override
    public PushProtocol protocol() {
        return PushProtocol.REST;
    }

    @Override
    public void push(PushRequest push) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(push.endpoint())
                .timeout(timeout)
                .header("Content-Type", "application/xml")
                .header(TransportHeaders.ENVELOPE_ID, push.envelopeId())
                .header(TransportHeaders.SENDER, push.sender())
                .header(TransportHeaders.RECIPIENT, push.recipient())
                .header(TransportHeaders.KIND, push.kind())
                .header(TransportHeaders.FORMAT, push.format().code())
                .header(TransportHeaders.GATEWAY, push.gateway())
                .header(TransportHeaders.ACCEPTED_AT, push.acceptedAt().toString())
                .header(TransportHeaders.ATTEMPT, Integer.toString(push.attempt()));
        if (push.dossierCode() != null) {
            builder.header(TransportHeaders.DOSSIER_CODE, push.dossierCode());
        }
        push.trace().fields().forEach(builder::header);
        HttpRequest request = builder.POST(body(push)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PushFailedException(push.endpoint() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailedException("push to " + push.endpoint() + " interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body().strip();
            throw new PushFailedException(push.endpoint() + " answered " + response.statusCode()
                    + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(body.length(), MAX_ERROR_BODY))));
        }
    }
}
