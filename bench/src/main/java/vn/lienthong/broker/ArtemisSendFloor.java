package vn.lienthong.broker;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.messaging.support.MessageBuilder;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.routing.DeliveryOrder;

/**
 * The broker floor: a persistent, synchronous JMS send of a ~5 KB message to an embedded
 * broker configured as the gateway's is: Spring Boot's embedded configuration (NIO journal)
 * with {@link EmbeddedBrokerSettings} applied. The relay sends each delivery order this way.
 * In this package because the settings are the adapter's own, not public API.
 *
 * <p>{@code journalBufferTimeout} "gateway" keeps whatever the gateway's settings give;
 * a number (nanoseconds) overrides it, to show the lever.
 */
@State(Scope.Benchmark)
public class ArtemisSendFloor {

    private static final String QUEUE = "bench.floor";
    static final int RELAY_BATCH = 200;
    private static final AgencyCode RECIPIENT = AgencyCode.of("000.01.12.H53");

    private final AtomicLong batches = new AtomicLong();
    private CachingConnectionFactory relayConnections;
    private OrderBatchSender relay;

    @Param({"gateway"})
    public String journalBufferTimeout;

    private Path directory;
    private ActiveMQServer server;
    private ActiveMQConnectionFactory factory;
    private Connection connection;

    /** A producer per benchmark thread, as each relay or consumer thread has its own session. */
    @State(Scope.Thread)
    public static class Producer {
        Session session;
        MessageProducer producer;
        byte[] body = new byte[5 * 1024];

        @Setup(Level.Trial)
        public void open(ArtemisSendFloor broker) throws JMSException {
            new Random(3).nextBytes(body);
            session = broker.connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }

        @TearDown(Level.Trial)
        public void close() throws JMSException {
            session.close();
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        directory = Files.createTempDirectory("lienthong-bench-artemis");
        ConfigurationImpl configuration = new ConfigurationImpl();
        // What Spring Boot's embedded configuration sets for a persistent broker.
        configuration.setSecurityEnabled(false);
        configuration.setPersistenceEnabled(true);
        configuration.setJournalType(JournalType.NIO);
        configuration.setJournalDirectory(directory.resolve("journal").toString());
        configuration.setBindingsDirectory(directory.resolve("bindings").toString());
        configuration.setLargeMessagesDirectory(directory.resolve("largemessages").toString());
        configuration.setPagingDirectory(directory.resolve("paging").toString());
        configuration.getAcceptorConfigurations().add(new TransportConfiguration(InVMAcceptorFactory.class.getName()));
        new EmbeddedBrokerSettings().customize(configuration);
        if (!journalBufferTimeout.equals("gateway")) {
            configuration.setJournalBufferTimeout_NIO(Integer.parseInt(journalBufferTimeout));
        }
        server = ActiveMQServers.newActiveMQServer(configuration);
        server.start();
        server.createQueue(QueueConfiguration.of(QUEUE).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        factory = new ActiveMQConnectionFactory("vm://0");
        connection = factory.createConnection();
        connection.start();
        relayConnections = new CachingConnectionFactory(factory);
        relay = new OrderBatchSender(relayConnections);
    }

    /** Drops what an iteration sent, so the queue does not grow across the run. */
    @TearDown(Level.Iteration)
    public void purge() throws Exception {
        Queue queue = server.locateQueue(SimpleString.of(QUEUE));
        queue.deleteAllReferences();
        Queue relayed = server.locateQueue(SimpleString.of(DeliveryQueues.of(RECIPIENT)));
        if (relayed != null) {
            relayed.deleteAllReferences();
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        relayConnections.destroy();
        connection.close();
        factory.close();
        server.stop();
        // The in-VM connector's client threads would otherwise keep the forked JVM alive.
        ActiveMQClient.clearThreadPools();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** One sender, as the outbox relay is: every send waits for its journal sync. */
    @Benchmark
    @Threads(1)
    public void persistentSend(Producer producer) throws JMSException {
        send(producer);
    }

    /** Four concurrent senders, whose syncs the journal can share. */
    @Benchmark
    @Threads(4)
    public void persistentSend4(Producer producer) throws JMSException {
        send(producer);
    }

    /**
     * The outbox relay as it sends: one batch of {@value #RELAY_BATCH} delivery orders in one
     * broker transaction (one journal sync), reported per order.
     */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(RELAY_BATCH)
    public void relayBatchPerOrder() {
        long batch = batches.incrementAndGet();
        List<DeliveryOrder> orders = new ArrayList<>(RELAY_BATCH);
        for (int i = 0; i < RELAY_BATCH; i++) {
            orders.add(new DeliveryOrder("bench-" + batch + "-" + i, RECIPIENT, "dossier-" + batch + "-" + i, 0));
        }
        relay.handleMessage(MessageBuilder.withPayload(orders).build());
    }

    private static void send(Producer producer) throws JMSException {
        BytesMessage message = producer.session.createBytesMessage();
        message.writeBytes(producer.body);
        producer.producer.send(message);
    }
}
