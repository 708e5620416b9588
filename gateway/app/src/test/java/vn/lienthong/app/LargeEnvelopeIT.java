package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.StreamingEnvelopedSigner;

/**
 * A 200 MB envelope through a gateway whose heap is capped at 512 MB, in its own JVM: the
 * envelope is spooled, verified, stored and delivered as streams, so it passes whole and
 * unchanged to a push recipient and a pull recipient, and the gateway stays healthy.
 */
class LargeEnvelopeIT {

    private static final long COMPONENT_BYTES = 150_000_000L;
    private static final String DESK = "000.00.01.H53";
    private static final String LAND_OFFICE = "000.01.12.H53";
    private static final String FINANCE = "000.00.05.H53";

    @TempDir
    Path folder;

    private final Map<String, String> pushedDigests = new ConcurrentHashMap<>();
    private HttpServer receiver;
    private GatewayProcess gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /** Sends a 200 MB envelope to the land office (push) and finance (pull) / result: both get it unchanged; heap 512 MB held. */
    @Test
    void twoHundredMegabyteEnvelopePassesWithHalfAGigabyteOfHeap() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        receiver.createContext("/push", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                pushedDigests.put(exchange.getRequestHeaders().getFirst("Lienthong-Envelope-Id"), TestEnvelopes.sha256(body));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        Path dataDir = folder.resolve("data");
        gateway = new GatewayProcess(dataDir, GatewayProcess.freePort(),
                URI.create("http://localhost:" + receiver.getAddress().getPort() + "/push"), folder.resolve("gateway.log"),
                "--lienthong.ingress.max-envelope-size=300MB");
        gateway.start(Duration.ofMinutes(3));

        Path signed = signedEnvelope();
        assertThat(Files.size(signed)).isGreaterThan(200_000_000L);
        String envelopeSha256;
        try (InputStream in = Files.newInputStream(signed)) {
            envelopeSha256 = TestEnvelopes.sha256(in);
        }

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> submitted = http.send(HttpRequest.newBuilder(api("envelopes"))
                .header("Authorization", "Bearer " + gateway.token(DESK))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofFile(signed)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(submitted.statusCode()).as(new String(submitted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        ReceiptVerification.VerifiedReceipt receipt = new ReceiptVerification(
                PemCertificates.read(dataDir.resolve("keys/gateway.pem")).get(0)).verify(submitted.body(), null);
        assertThat(receipt.envelopeSha256()).isEqualTo(envelopeSha256);

        await().atMost(Duration.ofMinutes(3)).until(() -> pushedDigests.containsKey(receipt.envelopeId()));
        assertThat(pushedDigests.get(receipt.envelopeId())).isEqualTo(envelopeSha256);

        HttpResponse<InputStream> fetched = http.send(HttpRequest.newBuilder(api("inbox/" + receipt.envelopeId()))
                .header("Authorization", "Bearer " + gateway.token(FINANCE)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(fetched.statusCode()).isEqualTo(200);
        try (InputStream body = fetched.body()) {
            assertThat(TestEnvelopes.sha256(body)).isEqualTo(envelopeSha256);
        }
        assertThat(gateway.ready()).as("the gateway is still ready; its log: " + gateway.log()).isTrue();
    }

    /** Writes the unsigned envelope as a stream (its component generated twice: to digest it, then to encode it), then signs it. */
    private Path signedEnvelope() throws IOException {
        String componentSha256;
        try (InputStream content = component()) {
            componentSha256 = TestEnvelopes.sha256(content);
        }
        TestEnvelopes.Builder builder = TestEnvelopes.handoff().from(DESK).to(LAND_OFFICE, FINANCE)
                .component("ban-do.tif", new byte[0], COMPONENT_BYTES, componentSha256);
        String xml = builder.xml();
        int contentStart = xml.indexOf("<Content>") + "<Content>".length();
        Path unsigned = folder.resolve("unsigned.xml");
        try (OutputStream file = Files.newOutputStream(unsigned)) {
            file.write(xml.substring(0, contentStart).getBytes(StandardCharsets.UTF_8));
            try (InputStream content = component(); OutputStream base64 = Base64.getEncoder().wrap(new NonClosing(file))) {
                content.transferTo(base64);
            }
            file.write(xml.substring(contentStart).getBytes(StandardCharsets.UTF_8));
        }
        Path signed = folder.resolve("signed.xml");
        new StreamingEnvelopedSigner(gateway.signingKey(DESK)).sign(unsigned, signed);
        Files.delete(unsigned);
        return signed;
    }

    /** The component's bytes: random but the same every time it is read. */
    private static InputStream component() {
        Random random = new Random(COMPONENT_BYTES);
        return new InputStream() {
            private long left = COMPONENT_BYTES;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int count = (int) Math.min(length, left);
                byte[] chunk = new byte[count];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, buffer, offset, count);
                left -= count;
                return count;
            }
        };
    }

    private URI api(String path) {
        return gateway.baseUri().resolve("/api/v1/" + path);
    }

    /** Lets the base64 encoder finish its padding without closing the file under it. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
