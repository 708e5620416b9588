package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import vn.lienthong.client.PushReceiver;

/**
 * Stops the gateway while an accepted envelope is still on its way, starts it again on the
 * same data folder, and checks the envelope arrives exactly once.
 */
class RestartIT {

    private final AtomicBoolean receiverUp = new AtomicBoolean();
    private PushReceiver receiver;
    private Path dataDir;
    private URI pushEndpoint;

    @BeforeEach
    void receiver() throws IOException {
        receiver = new PushReceiver(0, "/push", delivery -> {
            if (!receiverUp.get()) {
                throw new IllegalStateException("receiver down");
            }
        });
        dataDir = TestGateway.newDataDir();
        pushEndpoint = URI.create("http://localhost:" + receiver.port() + "/push");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** Accepts an envelope while the outbox relay is idle, stops / result: after the restart the outbox is relayed and the envelope delivered once. */
    @Test
    void envelopeStillInTheOutboxIsDeliveredOnceAfterRestart() {
        receiverUp.set(true);
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE);
        try (TestGateway first = TestGateway.start(dataDir, pushEndpoint, "--lienthong.routing.relay-interval=1h")) {
            first.client(TestGateway.DESK).submit(first.sign(TestGateway.DESK, envelope.xml()));
            assertThat(outboxRows(first)).isEqualTo(1);
        }
        assertThat(receiver.received()).isEmpty();

        try (TestGateway second = TestGateway.start(dataDir, pushEndpoint)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.find(envelope.id()).isPresent());
            awaitQueueDrained(second);
            assertThat(outboxRows(second)).isZero();
            assertThat(deliveryState(second, envelope.id())).isEqualTo("DELIVERED");
        }
        assertThat(receiver.duplicates()).isZero();
    }

    /** Accepts an envelope whose recipient is down, stops during the retries / result: after the restart it is delivered once. */
    @Test
    void envelopeAwaitingRedeliveryIsDeliveredOnceAfterRestart() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE);
        try (TestGateway first = TestGateway.start(dataDir, pushEndpoint)) {
            first.client(TestGateway.DESK).submit(first.sign(TestGateway.DESK, envelope.xml()));
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(first, envelope.id()) >= 1);
            assertThat(deliveryState(first, envelope.id())).isEqualTo("RETRYING");
        }
        assertThat(receiver.received()).isEmpty();
        receiverUp.set(true);

        try (TestGateway second = TestGateway.start(dataDir, pushEndpoint)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.find(envelope.id()).isPresent());
            awaitQueueDrained(second);
            assertThat(deliveryState(second, envelope.id())).isEqualTo("DELIVERED");
            assertThat(second.jdbc().sql("SELECT taken_at FROM handoff WHERE envelope_id = ?").param(envelope.id())
                    .query(Object.class).single()).isNotNull();
        }
        assertThat(receiver.duplicates()).isZero();
    }

    /**
     * Stops the gateway while a push is in flight, with another envelope queued behind it /
     * result: the push finishes and is recorded before the gateway stops; nothing is pushed twice.
     */
    @Test
    void inFlightPushFinishesOnGracefulShutdown() throws Exception {
        receiverUp.set(true);
        TestEnvelopes.Builder inFlight = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE);
        TestEnvelopes.Builder queued = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE);
        CountDownLatch pushArrived = new CountDownLatch(1);
        CountDownLatch shuttingDown = new CountDownLatch(1);
        receiver.close();
        receiver = new PushReceiver(pushEndpoint.getPort(), "/push", delivery -> {
            if (delivery.envelopeId().equals(inFlight.id())) {
                pushArrived.countDown();
                awaitQuietly(shuttingDown);
            }
        });
        TestGateway first = TestGateway.start(dataDir, pushEndpoint);
        first.client(TestGateway.DESK).submit(first.sign(TestGateway.DESK, inFlight.xml()));
        assertThat(pushArrived.await(30, TimeUnit.SECONDS)).isTrue();
        first.client(TestGateway.DESK).submit(first.sign(TestGateway.DESK, queued.xml()));

        first.whenClosing(shuttingDown::countDown);
        first.close();

        assertThat(receiver.find(inFlight.id())).isPresent();
        try (TestGateway second = TestGateway.start(dataDir, pushEndpoint)) {
            assertThat(deliveryState(second, inFlight.id())).isEqualTo("DELIVERED");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.find(queued.id()).isPresent());
            awaitQueueDrained(second);
        }
        assertThat(receiver.duplicates()).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Once the recipient's queue holds nothing, not even a message waiting for redelivery, no further push can come. */
    private static void awaitQueueDrained(TestGateway gateway) {
        Queue queue = gateway.bean(EmbeddedActiveMQ.class).getActiveMQServer()
                .locateQueue(SimpleString.of("lienthong.delivery." + TestGateway.LAND_OFFICE));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.getMessageCount() == 0 && queue.getDeliveringCount() == 0
                && queue.getScheduledCount() == 0);
    }

    private static long outboxRows(TestGateway gateway) {
        return gateway.jdbc().sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    }

    private static String deliveryState(TestGateway gateway, String envelopeId) {
        return gateway.jdbc().sql("SELECT state FROM delivery WHERE envelope_id = ?").param(envelopeId)
                .query(String.class).single();
    }

    private static int attempts(TestGateway gateway, String envelopeId) {
        return gateway.jdbc().sql("SELECT attempts FROM delivery WHERE envelope_id = ?").param(envelopeId)
                .query(Integer.class).single();
    }
}
