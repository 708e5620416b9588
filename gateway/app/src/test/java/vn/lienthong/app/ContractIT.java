package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.lienthong.signature.PemCertificates;

/** The contract documents are served, without authentication, exactly as they are in schemas/. */
class ContractIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestGateway gateway = SharedGateway.gateway();

    @Test
    void openApiDocumentIsServed() throws Exception {
        assertThat(get("openapi.yaml").body()).isEqualTo(Files.readString(Path.of("../../schemas/openapi/lienthong-v1.yaml")));
    }

    @Test
    void schemasAreServed() throws Exception {
        assertThat(get("schemas/envelope-v1.xsd").body()).isEqualTo(Files.readString(Path.of("../../schemas/xsd/envelope-v1.xsd")));
        assertThat(get("schemas/receipt-v1.xsd").statusCode()).isEqualTo(200);
        assertThat(get("schemas/evidence-v1.xsd").statusCode()).isEqualTo(200);
        assertThat(get("schemas/other.xsd").statusCode()).isEqualTo(404);
    }

    @Test
    void gatewayCertificateIsServed() throws Exception {
        assertThat(PemCertificates.parse(get("gateway/certificate").body().getBytes()))
                .containsExactly(gateway.gatewayCertificate());
    }

    @Test
    void healthAndMetricsAreUp() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/actuator/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/api/v1/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
