package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator console's files as the gateway serves them, without a token: each with its
 * content type and the console's Content-Security-Policy. What they do is ConsoleBrowserIT's.
 */
class ConsoleResourcesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Fetches each console file without a token / result: 200, its content type, the strict policy. */
    @ParameterizedTest
    @CsvSource({
        "/console/, text/html",
        "/console/index.html, text/html",
        "/console/console.js, text/javascript",
        "/console/prometheus.js, text/javascript",
        "/console/console.css, text/css",
        "/console/favicon.svg, image/svg+xml"})
    void consoleFilesAreServedWithTheirTypeAndPolicy(String path, String contentType)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(SharedGateway.gateway().baseUri() + path)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith(contentType));
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue(ConsoleConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
}
