package vn.lienthong.bench.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The recipient agency's endpoint: answers 200 to every pushed envelope, which is the agency
 * taking it, and reports each envelope id as it arrives. Unlike the client library's
 * PushReceiver it keeps no envelope, so a long run does not fill the heap.
 */
final class Receiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final Consumer<String> delivered;

    Receiver(int port, String path, Consumer<String> delivered) throws IOException {
        this.delivered = delivered;
        server = HttpServer.create(new InetSocketAddress("localhost", port), 256);
        server.createContext(path, this::handle);
        server.setExecutor(workers);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputSink.INSTANCE);
            String id = exchange.getRequestHeaders().getFirst("Lienthong-Envelope-Id");
            if (id == null) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            delivered.accept(id);
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    /** Where pushed bytes go: nowhere. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
