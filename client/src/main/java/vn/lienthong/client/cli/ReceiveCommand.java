package vn.lienthong.client.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienthong.client.PushReceiver;

@Command(name = "receive", mixinStandardHelpOptions = true,
        description = "Run a small endpoint that takes pushed envelopes and saves each once, until stopped (Ctrl-C).")
final class ReceiveCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8091", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--path", defaultValue = "/lienthong/deliveries", description = "Path to listen on (default ${DEFAULT-VALUE}).")
    String path = "/lienthong/deliveries";

    @Option(names = "--dir", defaultValue = "received", description = "Folder to save envelopes in (default ${DEFAULT-VALUE}).")
    Path dir = Path.of("received");

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        CountDownLatch stopped = new CountDownLatch(1);
        try (PushReceiver receiver = new PushReceiver(port, path, delivery -> {
            Path file = dir.resolve(delivery.envelopeId() + ".xml");
            try {
                Files.write(file, delivery.content());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.printf("received %s (%s) from %s for %s%s, attempt %d -> %s%n", delivery.envelopeId(),
                    delivery.kind(), delivery.sender(), delivery.recipient(),
                    delivery.dossierCode() == null ? "" : ", dossier " + delivery.dossierCode(), delivery.attempt(), file);
        })) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.out.println("receiving pushes on http://localhost:" + receiver.port() + path + " (Ctrl-C to stop)");
            stopped.await();
        }
        return ExitCodes.OK;
    }
}
