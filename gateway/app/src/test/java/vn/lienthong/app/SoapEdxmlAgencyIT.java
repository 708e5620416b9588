package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.activation.DataHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.cxf.attachment.ByteDataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.core.access.ApiTokens;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.soap.exchange.Exchange;
import vn.lienthong.soap.exchange.GatewayFault;
import vn.lienthong.soap.exchange.ListPending;
import vn.lienthong.soap.exchange.PendingEnvelope;
import vn.lienthong.soap.exchange.SubmitEnvelope;
import vn.lienthong.soap.exchange.SubmitEnvelopeResponse;

/**
 * A department system that knows only SOAP and edXML joins by configuration alone: an entry
 * in the agency registry file (push over SOAP to its AgencyReceiver endpoint, its certificate,
 * its token's hash) and a restart. It is sent an edXML document over SOAP, receives it by SOAP
 * push byte for byte, answers with an edXML status over SOAP, and the sender sees the status.
 */
class SoapEdxmlAgencyIT {

    private static final String CONSTRUCTION = "000.00.31.H53";

    @Test
    void aSoapAndEdxmlDepartmentJoinsThroughTheRegistryFile() throws IOException, GatewayFault {
        Path dataDir = TestGateway.newDataDir();
        URI unused = URI.create("http://localhost:9/unused");
        SigningKey key;
        try (TestGateway first = TestGateway.start(dataDir, unused)) {
            key = first.demoCa().issueSigningKey("Sở Xây dựng", "test", DemoCertificateAuthority.KeyType.RSA_2048,
                    Duration.ofDays(30));
        }
        String token = ApiTokens.generate();
        try (SoapReceiver department = new SoapReceiver(delivery -> { })) {
            Path registry = registryFile(dataDir, department.endpoint(), key, token);
            try (TestGateway gateway = TestGateway.start(dataDir, unused, "--lienthong.agencies.file=" + registry)) {
                String documentId = TestGateway.DESK + ",2026/11/28,15/TTPVHCC";
                byte[] letter = gateway.sign(TestGateway.DESK, TestEdxml.document(TestGateway.DESK, CONSTRUCTION, documentId,
                        "V/v lấy ý kiến thẩm định dự án"));
                SubmitEnvelopeResponse accepted = SoapClients.exchange(gateway, gateway.token(TestGateway.DESK))
                        .submitEnvelope(submission(letter));
                assertThat(accepted.isReplayed()).isFalse();

                SoapReceiver.Delivery pushed = await().atMost(Duration.ofSeconds(30))
                        .until(() -> department.received().stream().findFirst().orElse(null), d -> d != null);
                assertThat(pushed.content()).as("the signed edXML, byte for byte").isEqualTo(letter);
                assertThat(pushed.kind()).isEqualTo("document");
                assertThat(pushed.dossierCode()).isNull();
                assertThat(pushed.sender()).isEqualTo(TestGateway.DESK);

                byte[] status = new EnvelopeSigning(key).sign(TestEdxml.status(CONSTRUCTION, TestGateway.DESK, documentId,
                        "03", "Đã tiếp nhận, vào sổ").getBytes(StandardCharsets.UTF_8));
                Exchange exchange = SoapClients.exchange(gateway, token);
                assertThat(exchange.submitEnvelope(submission(status)).isReplayed()).isFalse();

                Exchange desk = SoapClients.exchange(gateway, gateway.token(TestGateway.DESK));
                PendingEnvelope answer = await().atMost(Duration.ofSeconds(30)).until(() -> desk.listPending(new ListPending())
                        .getEntry().stream().filter(e -> e.getSender().equals(CONSTRUCTION)).findFirst().orElse(null),
                        e -> e != null);
                assertThat(answer.getKind()).isEqualTo("document-status");
                assertThat(answer.getFormat()).isEqualTo("edxml");

                GatewayClient deskRest = gateway.client(TestGateway.DESK);
                JsonNode document = deskRest.get("documents?sender=" + TestGateway.DESK + "&documentId="
                        + URLEncoder.encode(documentId, StandardCharsets.UTF_8));
                assertThat(document.get("recipients").get(0).get("agency").asString()).isEqualTo(CONSTRUCTION);
                assertThat(document.get("recipients").get(0).get("delivery").asString()).isEqualTo("DELIVERED");
                assertThat(document.get("recipients").get(0).get("statusCode").asString()).isEqualTo("03");
            }
        }
    }

    /** The registry file an operator writes for the new department, with its certificate beside it. */
    private static Path registryFile(Path dataDir, URI endpoint, SigningKey key, String token) {
        try {
            Path folder = Files.createDirectories(dataDir.resolve("registry"));
            PemCertificates.write(folder.resolve("so-xay-dung.pem"), key.certificate());
            return Files.writeString(folder.resolve("agencies.yml"), """
                    agencies:
                      - code: %s
                        name: Sở Xây dựng
                        delivery:
                          mode: push
                          endpoint: %s
                          push-protocol: soap
                        certificates:
                          - so-xay-dung.pem
                        api-token-sha256: %s
                    """.formatted(CONSTRUCTION, endpoint, ApiTokens.sha256(token)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SubmitEnvelope submission(byte[] envelope) {
        SubmitEnvelope submission = new SubmitEnvelope();
        submission.setEnvelope(new DataHandler(new ByteDataSource(envelope, "application/octet-stream")));
        return submission;
    }
}
