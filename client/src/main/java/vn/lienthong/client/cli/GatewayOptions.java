package vn.lienthong.client.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import vn.lienthong.client.GatewayClient;

/** How to reach the gateway and as whom: shared by every command that calls it. */
final class GatewayOptions {

    @Option(names = "--gateway", paramLabel = "URL", defaultValue = "${LIENTHONG_GATEWAY:-http://localhost:8080}",
            description = "Gateway base address (default: ${DEFAULT-VALUE}; env LIENTHONG_GATEWAY).")
    URI gateway = URI.create("http://localhost:8080");

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the agency's API token, such as data/demo/<agency>/api-token.")
    @Nullable Path tokenFile;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${LIENTHONG_TOKEN}",
            description = "The agency's API token (env LIENTHONG_TOKEN); prefer --token-file.")
    @Nullable String token;

    GatewayClient client() throws IOException {
        String credential = tokenFile != null ? Files.readString(tokenFile, StandardCharsets.UTF_8) : token;
        if (credential == null || credential.isBlank()) {
            throw new IllegalArgumentException("give the agency's API token with --token-file or --token");
        }
        return new GatewayClient(gateway, credential, Duration.ofSeconds(60));
    }
}
