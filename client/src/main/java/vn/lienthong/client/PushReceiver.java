package vn.lienthong.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A minimal endpoint for pushed envelopes: it answers 200 to each POST and hands each envelope
 * to a handler once, however often the gateway retries it (deduplicated on the envelope id),
 * which is what an agency's endpoint must do.
 */
public final class PushReceiver implements AutoCloseable {

    /**
     * One pushed envelope with the gateway's transport headers.
     *
     * @param traceparent the push's W3C trace context, with which the agency's system can continue the gateway's trace
     */
    public record Delivery(String envelopeId, String sender, String recipient, String kind, @Nullable String dossierCode,
                           int attempt, byte[] content, @Nullable String traceparent) {

        public Delivery(String envelopeId, String sender, String recipient, String kind, @Nullable String dossierCode,
                        int attempt, byte[] content) {
            this(envelopeId, sender, recipient, kind, dossierCode, attempt, content, null);
        }
    }

    private final HttpServer server;
    private final Map<String, Delivery> received = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final Consumer<Delivery> handler;

    /**
     * @param port the port to listen on, 0 for any free one
     * @param path the path the gateway pushes to, such as {@code /lienthong/deliveries}
     * @param handler called once per new envelope; if it throws, the push is answered 500 and the gateway retries
     */
    public PushReceiver(int port, String path, Consumer<Delivery> handler) throws IOException {
        this.handler = handler;
        this.server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        this.server.createContext(path, this::handle);
        this.server.setExecutor(Executors.newFixedThreadPool(4));
        this.server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Envelopes received so far, each once. */
    public Map<String, Delivery> received() {
        return Map.copyOf(received);
    }

    /** Pushes of envelopes already received: retries after an answer the gateway did not see. */
    public int duplicates() {
        return duplicates.get();
    }

    public Optional<Delivery> find(String envelopeId) {
        return Optional.ofNullable(received.get(envelopeId));
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] content = body.readAllBytes();
            var headers = exchange.getRequestHeaders();
            String id = headers.getFirst("Lienthong-Envelope-Id");
            if (id == null) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            Delivery delivery = new Delivery(id, headers.getFirst("Lienthong-Sender"),
                    headers.getFirst("Lienthong-Recipient"), headers.getFirst("Lienthong-Kind"),
                    headers.getFirst("Lienthong-Dossier-Code"),
                    Integer.parseInt(Optional.ofNullable(headers.getFirst("Lienthong-Attempt")).orElse("1")), content,
                    headers.getFirst("traceparent"));
            try {
                if (received.containsKey(id)) {
                    duplicates.incrementAndGet();
                } else {
                    handler.accept(delivery);
                    received.putIfAbsent(id, delivery);
                }
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }
}
