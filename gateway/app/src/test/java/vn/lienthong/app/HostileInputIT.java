package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import vn.lienthong.core.error.ErrorCode;

/**
 * Hostile input through HTTP. The corpus under {@code src/test/resources/hostile} holds one
 * input per file, its expected answer in {@code corpus.tsv}; the cases that must first pass
 * parsing and the schema need a real signature, so they are built here. Each is refused with
 * its precise problem code, stores nothing, and makes the gateway fetch nothing from the
 * addresses it names. Complements {@link SubmissionRefusalIT}, which covers one case of each code.
 */
class HostileInputIT {

    private static final String CORPUS = "hostile";
    private static final String MANIFEST = "corpus.tsv";
    /** Longer than any refusal can take; a parser stuck on an expansion fails the test instead of hanging it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
    /** Every table that gets a row when an envelope is accepted, with its envelope id column. */
    private static final Map<String, String> ENVELOPE_TABLES = Map.of(
            "envelope", "id", "delivery", "envelope_id", "outbox", "envelope_id", "handoff", "envelope_id");

    private static final TestGateway GATEWAY = SharedGateway.gateway();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Canary canary;

    @BeforeAll
    static void startCanary() {
        canary = Canary.start();
    }

    @AfterAll
    static void stopCanary() {
        canary.close();
    }

    /** Sends each file of hostile/corpus.tsv as the desk / result: its row's status and code, nothing stored, nothing fetched. */
    @TestFactory
    Stream<DynamicTest> corpus() {
        return manifest().stream().map(row -> DynamicTest.dynamicTest(row.file() + ": " + row.status() + " " + row.code(),
                () -> checkCorpusFile(row)));
    }

    /** Lists the corpus folder / result: every file has a row in corpus.tsv and every row a file, so none is skipped. */
    @Test
    void everyCorpusFileHasARow() throws IOException {
        try (Stream<Path> files = Files.list(corpusFolder())) {
            Set<String> present = files.map(file -> file.getFileName().toString()).filter(name -> !name.equals(MANIFEST))
                    .collect(Collectors.toSet());
            assertThat(present).containsExactlyInAnyOrderElementsOf(manifest().stream().map(Row::file).toList());
        }
    }

    /** Signs an envelope whose component Content is not strict base64 / result: COMPONENT_CONTENT_INVALID naming the component. */
    @ParameterizedTest
    @ValueSource(strings = {"!!!notbase64***", "QUJD*REVG", "QUJD\u00A0REVG", "QUJD=REVG", "QUJD-_VG"})
    void componentContentThatIsNotBase64IsRefused(String content) {
        byte[] bytes = TestEnvelopes.utf8("ABCDEF");
        String xml = hostileEnvelope().component("tờ khai.pdf", bytes).xml();
        // The builder writes the Content as base64 of the bytes: QUJDREVG.
        String tampered = xml.replace("<Content>QUJDREVG</Content>", "<Content>" + content + "</Content>");
        assertThat(tampered).isNotEqualTo(xml);

        JsonNode problem = refused(GATEWAY.sign(TestGateway.DESK, tampered), 400, "COMPONENT_CONTENT_INVALID");
        assertThat(problem.get("component").asString()).isEqualTo("tờ khai.pdf");
        assertNothingStored();
    }

    /** Signs an envelope declaring a component one byte longer than it is, digest right / result: COMPONENT_DIGEST_MISMATCH. */
    @Test
    void componentWhoseSizeDoesNotMatchItsContentIsRefused() {
        byte[] content = TestEnvelopes.utf8("bản vẽ thửa đất");
        String xml = hostileEnvelope()
                .component("bản vẽ.pdf", content, content.length + 1L, TestEnvelopes.sha256(content))
                .xml();

        JsonNode problem = refused(GATEWAY.sign(TestGateway.DESK, xml), 400, "COMPONENT_DIGEST_MISMATCH");
        assertThat(problem.get("component").asString()).isEqualTo("bản vẽ.pdf");
        assertThat(problem.get("detail").asString()).contains("size");
        assertNothingStored();
    }

    /** Signs an envelope whose two components carry each other's SHA-256 / result: COMPONENT_DIGEST_MISMATCH naming the first. */
    @Test
    void componentsWithSwappedDigestsAreRefused() {
        byte[] first = TestEnvelopes.utf8("tờ khai");
        byte[] second = TestEnvelopes.utf8("giấy tờ");
        String xml = hostileEnvelope()
                .component("tờ khai.pdf", first, first.length, TestEnvelopes.sha256(second))
                .component("giấy tờ.pdf", second, second.length, TestEnvelopes.sha256(first))
                .xml();

        JsonNode problem = refused(GATEWAY.sign(TestGateway.DESK, xml), 400, "COMPONENT_DIGEST_MISMATCH");
        assertThat(problem.get("component").asString()).isEqualTo("tờ khai.pdf");
        assertNothingStored();
    }

    /**
     * Streams 32 MiB in chunks, without Content-Length / result: 413 ENVELOPE_TOO_LARGE before the body has been sent.
     *
     * <p>Over a plain socket, reading while writing as curl does: the gateway answers and closes the
     * connection while the client is still sending, and the JDK HttpClient, whose write then fails,
     * drops the whole exchange, answer included, in about a third of the runs here.
     */
    @Test
    void bodyStreamedPastTheLimitIsRefusedWhileItArrives() throws IOException, InterruptedException {
        long length = 32L * 1024 * 1024;
        URI gateway = GATEWAY.baseUri();
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            ChunkedUpload upload = new ChunkedUpload(socket.getOutputStream(), gateway.getAuthority(), length);
            upload.start();

            HttpAnswer answer = HttpAnswer.read(socket.getInputStream());
            // A gateway that buffered the whole body before checking would have made the client send all of it.
            assertThat(upload.sent()).as("bytes sent when the gateway had answered and closed").isLessThan(length);
            socket.close();
            upload.join();

            assertThat(answer.status()).as(answer.body()).isEqualTo(413);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            JsonNode problem = TestHttp.JSON.readTree(answer.body());
            TestHttp.assertCode(problem, ErrorCode.ENVELOPE_TOO_LARGE.name());
            assertThat(problem.get("maxBytes").asLong()).isEqualTo(SharedGateway.MAX_ENVELOPE_BYTES);
        }
    }

    /** Points a signature's Reference at the canary server / result: SIGNATURE_PROFILE_VIOLATION, the address never fetched. */
    @Test
    void signatureReferenceToAnotherDocumentIsNotFetched() {
        String signed = new String(GATEWAY.sign(TestGateway.DESK, hostileEnvelope().xml()), StandardCharsets.UTF_8);
        String outside = signed.replace("<ds:Reference URI=\"\">", "<ds:Reference URI=\"" + canary.uri() + "/reference\">");
        assertThat(outside).isNotEqualTo(signed);

        JsonNode problem = refused(TestEnvelopes.utf8(outside), 400, "SIGNATURE_PROFILE_VIOLATION");
        assertThat(problem.get("reason").asString()).isEqualTo("REFERENCE_NOT_DOCUMENT");
        assertThat(canary.requests()).isEmpty();
        assertNothingStored();
    }

    /**
     * Puts a RetrievalMethod naming the canary server first in a signed envelope's KeyInfo / result:
     * never followed; the certificate carried in the KeyInfo decides, so the envelope is accepted.
     */
    @Test
    void keyInfoRetrievalMethodIsNotFollowed() throws IOException, InterruptedException {
        String signed = new String(GATEWAY.sign(TestGateway.DESK, TestEnvelopes.handoff().xml()), StandardCharsets.UTF_8);
        // KeyInfo is outside what the signature covers, so adding to it leaves the signature valid.
        String retrieval = signed.replace("<ds:KeyInfo>", "<ds:KeyInfo><ds:RetrievalMethod URI=\"" + canary.uri()
                + "/certificate\" Type=\"http://www.w3.org/2000/09/xmldsig#X509Data\"/>");
        assertThat(retrieval).isNotEqualTo(signed);

        HttpResponse<String> response = HTTP.send(envelopeRequest()
                .POST(HttpRequest.BodyPublishers.ofString(retrieval)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(canary.requests()).isEmpty();
    }

    private static void checkCorpusFile(Row row) {
        byte[] body = canary.substitute(read(row.file()));

        HttpResponse<String> response = post(body);

        String input = row.file() + " (" + row.description() + ") got " + response.body();
        if (row.anyClientError()) {
            assertThat(response.statusCode()).as(input).isBetween(400, 499);
        } else {
            assertThat(response.statusCode()).as(input).isEqualTo(Integer.parseInt(row.status()));
        }
        assertThat(response.headers().firstValue("Content-Type")).as(input).hasValue("application/problem+json");
        JsonNode problem = TestHttp.JSON.readTree(response.body());
        String code = problem.path("code").stringValue("");
        assertThat(code).as(input).isIn(row.anyClientError() ? CODES : Set.of(row.code()));
        TestHttp.assertCode(problem, code);
        assertThat(response.body()).as("the answer quotes a password file").doesNotContain("root:");
        assertThat(canary.requests()).as("requests the gateway made to addresses in hostile input").isEmpty();
        assertNothingStored();
    }

    private static JsonNode refused(byte[] body, int status, String code) {
        return checkProblem(post(body), status, code);
    }

    private static JsonNode checkProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = TestHttp.JSON.readTree(response.body());
        TestHttp.assertCode(problem, code);
        return problem;
    }

    private static HttpResponse<String> post(byte[] body) {
        try {
            return HTTP.send(envelopeRequest().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static HttpRequest.Builder envelopeRequest() {
        return HttpRequest.newBuilder(URI.create(GATEWAY.baseUri() + "/api/v1/envelopes"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + GATEWAY.token(TestGateway.DESK))
                .header("Content-Type", "application/xml");
    }

    /** Envelopes built here get the same id prefix as the corpus's, so one check covers both. */
    private static TestEnvelopes.Builder hostileEnvelope() {
        return TestEnvelopes.handoff().id("hostile-" + UUID.randomUUID());
    }

    private static void assertNothingStored() {
        ENVELOPE_TABLES.forEach((table, column) -> assertThat(GATEWAY.jdbc()
                .sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " LIKE 'hostile-%'")
                .query(Long.class).single()).as("hostile rows in " + table).isZero());
    }

    private static List<Row> manifest() {
        String text = new String(read(MANIFEST), StandardCharsets.UTF_8);
        return text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(Row::parse).toList();
    }

    private static byte[] read(String file) {
        try (InputStream in = HostileInputIT.class.getClassLoader().getResourceAsStream(CORPUS + "/" + file)) {
            if (in == null) {
                throw new AssertionError(CORPUS + "/" + file + " is not on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path corpusFolder() {
        URL folder = Objects.requireNonNull(HostileInputIT.class.getClassLoader().getResource(CORPUS), CORPUS);
        try {
            return Path.of(folder.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError("corpus folder " + folder + " is not a path", e);
        }
    }

    /** A row of corpus.tsv: status {@code 4xx} with code {@code *} accepts any client error from the catalogue. */
    private record Row(String file, String status, String code, String description) {

        static Row parse(String line) {
            String[] columns = line.split("\t", -1);
            if (columns.length != 4) {
                throw new AssertionError("corpus.tsv rows have 4 tab-separated columns: " + line);
            }
            return new Row(columns[0], columns[1], columns[2], columns[3]);
        }

        boolean anyClientError() {
            return status.equals("4xx") && code.equals("*");
        }
    }

    /** Sends an envelope submission with a chunked body of the given length, until done or the connection is closed. */
    private static final class ChunkedUpload extends Thread {

        private static final int CHUNK = 64 * 1024;

        private final OutputStream out;
        private final String authority;
        private final long length;
        private final AtomicLong sent = new AtomicLong();

        ChunkedUpload(OutputStream out, String authority, long length) {
            super("chunked-upload");
            this.out = out;
            this.authority = authority;
            this.length = length;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[CHUNK];
            Arrays.fill(chunk, (byte) 'x');
            try {
                out.write(("POST /api/v1/envelopes HTTP/1.1\r\nHost: " + authority + "\r\nAuthorization: Bearer "
                        + GATEWAY.token(TestGateway.DESK) + "\r\nContent-Type: application/xml\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] size = (Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                while (sent.get() < length) {
                    out.write(size);
                    out.write(chunk);
                    out.write(CRLF);
                    sent.addAndGet(CHUNK);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // The gateway answered and closed the connection: what the test expects, so sending stops here.
            }
        }

        long sent() {
            return sent.get();
        }
    }

    /** An HTTP/1.1 answer read to the end of the connection, with its chunked body decoded. */
    private record HttpAnswer(int status, String contentType, String body) {

        static HttpAnswer read(InputStream in) throws IOException {
            byte[] raw = readUntilClosed(in);
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                throw new AssertionError("no complete HTTP answer: " + text);
            }
            List<String> head = text.substring(0, headEnd).lines().toList();
            String contentType = head.stream().filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(line -> line.substring(13).strip()).findFirst().orElse("none");
            if (head.stream().noneMatch(line -> line.equalsIgnoreCase("Transfer-Encoding: chunked"))) {
                throw new AssertionError("expected a chunked answer: " + text);
            }
            return new HttpAnswer(Integer.parseInt(head.get(0).split(" ")[1]), contentType,
                    dechunk(Arrays.copyOfRange(raw, headEnd + 4, raw.length)));
        }

        /** Reads until the gateway closes; a reset after the answer only means the client was still sending. */
        private static byte[] readUntilClosed(InputStream in) throws IOException {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                if (answer.size() == 0) {
                    throw e;
                }
            }
            return answer.toByteArray();
        }

        private static String dechunk(byte[] chunked) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String text = new String(chunked, StandardCharsets.ISO_8859_1);
            int at = 0;
            while (true) {
                int lineEnd = text.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    throw new AssertionError("the chunked answer ends before its last chunk: " + text);
                }
                int size = Integer.parseInt(text.substring(at, lineEnd).strip(), 16);
                if (size == 0) {
                    return body.toString(StandardCharsets.UTF_8);
                }
                body.write(chunked, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }

    /**
     * A local HTTP server standing in for an attacker's, at the address that replaces
     * {@code @CANARY@} in the corpus: it records every request and answers with text like a
     * password file, so that a fetch shows both here and in the gateway's answer.
     */
    private static final class Canary implements AutoCloseable {

        private static final String PLACEHOLDER = "@CANARY@";

        private final HttpServer server;
        private final List<String> requests = new CopyOnWriteArrayList<>();

        private Canary(HttpServer server) {
            this.server = server;
        }

        static Canary start() {
            try {
                Canary canary = new Canary(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
                canary.server.createContext("/", exchange -> {
                    canary.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                    byte[] answer = "root:x:0:0:root:/root:/bin/bash\n".getBytes(StandardCharsets.US_ASCII);
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.close();
                });
                canary.server.start();
                return canary;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** Replaces the placeholder byte for byte: ISO-8859-1 maps every byte to one char, so invalid UTF-8 survives. */
        byte[] substitute(byte[] content) {
            return new String(content, StandardCharsets.ISO_8859_1).replace(PLACEHOLDER, uri())
                    .getBytes(StandardCharsets.ISO_8859_1);
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
