package vn.lienthong.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import vn.lienthong.client.PushReceiver;

/**
 * One gateway and one push receiver shared by the integration tests that do not need their
 * own, started on first use and stopped when the test JVM exits. Tests use fresh envelope
 * ids and dossier codes, so they do not see each other's data.
 */
final class SharedGateway {

    /** Small, so the size limit can be tested without large bodies. */
    static final int MAX_ENVELOPE_BYTES = 256 * 1024;

    private static final PushReceiver RECEIVER;
    private static final TestGateway GATEWAY;

    static {
        try {
            RECEIVER = new PushReceiver(0, "/push", delivery -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GATEWAY = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:" + RECEIVER.port() + "/push"),
                "--lienthong.ingress.max-envelope-size=" + MAX_ENVELOPE_BYTES + "B");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            GATEWAY.close();
            RECEIVER.close();
        }));
    }

    private SharedGateway() {
    }

    static TestGateway gateway() {
        return GATEWAY;
    }

    /** The endpoint of the demo push agency, the land registration office. */
    static PushReceiver receiver() {
        return RECEIVER;
    }
}
