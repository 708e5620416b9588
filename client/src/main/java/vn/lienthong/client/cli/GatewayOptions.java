package vn.lienthong.client.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import vn.lienthong.client.ClientTls;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.RetryPolicy;

/** How to reach the gateway and as whom: shared by every command that calls it. */
final class GatewayOptions {

    @Option(names = "--gateway", paramLabel = "URL", defaultValue = "${LIENTHONG_GATEWAY:-http://localhost:8080}",
            description = "Gateway base address (default: ${DEFAULT-VALUE}; env LIENTHONG_GATEWAY); https://…:8443 for mutual TLS.")
    URI gateway = URI.create("http://localhost:8080");

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the agency's API token, such as data/demo/<agency>/api-token.")
    @Nullable Path tokenFile;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${LIENTHONG_TOKEN}",
            description = "The agency's API token (env LIENTHONG_TOKEN); prefer --token-file.")
    @Nullable String token;

    @Option(names = "--client-cert", paramLabel = "P12",
            description = "Authenticate with this TLS client certificate (PKCS#12, such as data/demo/<agency>/tls-client.p12) "
                    + "instead of a token, on the gateway's https port.")
    @Nullable Path clientCertificate;

    @Option(names = "--client-cert-password", paramLabel = "PASSWORD", description = "The client certificate's key store password.")
    @Nullable String clientCertificatePassword;

    @Option(names = "--trust", paramLabel = "PEM",
            description = "CA certificate(s) the gateway's TLS certificate chains to, such as data/demo/ca/demo-ca.pem "
                    + "(default: the JDK's trusted CAs).")
    @Nullable Path trust;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds to wait for each answer (default ${DEFAULT-VALUE}).")
    long timeoutSeconds = 60;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "3",
            description = "Attempts in all when the gateway is unreachable, busy or failing (5xx); refusals are never repeated "
                    + "(default ${DEFAULT-VALUE}; 1 never retries).")
    int attempts = 3;

    GatewayClient client() throws IOException {
        GatewayClient.Builder builder = GatewayClient.builder(gateway)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .connectTimeout(Duration.ofSeconds(Math.min(timeoutSeconds, 30)))
                .retry(new RetryPolicy(attempts, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        String credential = tokenFile != null ? Files.readString(tokenFile, StandardCharsets.UTF_8) : token;
        if (credential != null && !credential.isBlank()) {
            builder.token(credential);
        }
        if (clientCertificate != null) {
            builder.tls(ClientTls.mutual(clientCertificate,
                    clientCertificatePassword == null ? new char[0] : clientCertificatePassword.toCharArray(), trust));
        } else if (trust != null) {
            builder.tls(ClientTls.trusting(trust));
        }
        if ((credential == null || credential.isBlank()) && clientCertificate == null) {
            throw new IllegalArgumentException("give the agency's API token with --token-file or --token, or its TLS client "
                    + "certificate with --client-cert");
        }
        return builder.build();
    }
}
