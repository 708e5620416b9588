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

    /** The SOAP service answers ?wsdl with the contract, its address being the gateway's own; the schema comes along. */
    @Test
    void soapContractsAreServed() throws Exception {
        HttpResponse<String> wsdl = HTTP.send(HttpRequest.newBuilder(URI.create(SoapClients.exchangeAddress(gateway)
                + "?wsdl")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("name=\"SubmitEnvelope\"", "name=\"GetDossierTimeline\"",
                "location=\"" + SoapClients.exchangeAddress(gateway) + "\"");
        HttpResponse<String> types = HTTP.send(HttpRequest.newBuilder(URI.create(SoapClients.exchangeAddress(gateway)
                + "?xsd=exchange-v1.xsd")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(types.body()).contains("name=\"GatewayFaultDetail\"");
        assertThat(get("schemas/agency-receiver-v1.wsdl").body())
                .isEqualTo(Files.readString(Path.of("../../schemas/wsdl/agency-receiver-v1.wsdl")));
        assertThat(get("schemas/agency-receiver-v1.xsd").statusCode()).isEqualTo(200);
        assertThat(get("schemas/exchange-v1.wsdl").statusCode()).isEqualTo(200);
    }

    /** The REST API and the SOAP services each live under their own servlet only. */
    @Test
    void restAndSoapStayOnTheirOwnPaths() throws Exception {
        HttpResponse<String> soapUnderApi = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri()
                + "/api/exchange?wsdl")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(soapUnderApi.body()).doesNotContain("wsdl:definitions");
        HttpResponse<String> restUnderServices = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri()
                + "/services/v1/openapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(restUnderServices.body()).doesNotContain("openapi:");
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
