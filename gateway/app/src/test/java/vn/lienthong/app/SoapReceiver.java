package vn.lienthong.app;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.jspecify.annotations.Nullable;
import vn.lienthong.soap.receiver.AgencyReceiver;
import vn.lienthong.soap.receiver.DeliverEnvelope;
import vn.lienthong.soap.receiver.DeliverEnvelopeResponse;

/**
 * An agency's SOAP endpoint for push tests: the AgencyReceiver service of
 * agency-receiver-v1.wsdl, implemented with CXF and served by an embedded Tomcat on a random
 * port. Each call is handed to {@code behaviour}, which fails the push by throwing (the
 * agency answers with a SOAP fault); the calls it lets pass are kept.
 */
final class SoapReceiver implements AutoCloseable {

    /** One push as the agency received it, with the HTTP Content-Type it came with. */
    record Delivery(String envelopeId, String sender, String recipient, String kind, @Nullable String dossierCode,
                    int attempt, byte[] content, String contentType, String traceparent) {
    }

    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final Consumer<Delivery> behaviour;
    private final ExtensionManagerBus bus = new ExtensionManagerBus();
    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;

    SoapReceiver(Consumer<Delivery> behaviour) {
        this.behaviour = behaviour;
        bus.initialize();
        EndpointImpl endpoint = new EndpointImpl(bus, new Receiver(this));
        endpoint.setProperties(Map.of("mtom-enabled", Boolean.TRUE));
        endpoint.publish("/receiver");
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        try {
            baseDir = Files.createTempDirectory("soap-receiver-");
            tomcat.setBaseDir(baseDir.toString());
            tomcat.setPort(0);
            Context context = tomcat.addContext("", baseDir.toString());
            Tomcat.addServlet(context, "cxf", servlet);
            context.addServletMappingDecoded("/*", "cxf");
            tomcat.getConnector();
            tomcat.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException("the SOAP receiver cannot start", e);
        }
    }

    URI endpoint() {
        return URI.create("http://localhost:" + tomcat.getConnector().getLocalPort() + "/receiver");
    }

    List<Delivery> received() {
        return List.copyOf(received);
    }

    Optional<Delivery> find(String envelopeId) {
        return received.stream().filter(delivery -> delivery.envelopeId().equals(envelopeId)).findFirst();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        } finally {
            bus.shutdown(true);
        }
    }

    /** The agency's implementation of the contract. */
    @WebService(endpointInterface = "vn.lienthong.soap.receiver.AgencyReceiver",
            targetNamespace = "urn:lienthong:agency-receiver:v1", serviceName = "AgencyReceiverService",
            portName = "AgencyReceiverPort")
    public static final class Receiver implements AgencyReceiver {

        private final SoapReceiver owner;

        @Resource
        private @Nullable WebServiceContext context;

        Receiver(SoapReceiver owner) {
            this.owner = owner;
        }

        @Override
        public DeliverEnvelopeResponse deliverEnvelope(DeliverEnvelope request) {
            byte[] content;
            try (InputStream in = request.getEnvelope().getInputStream()) {
                content = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Delivery delivery = new Delivery(request.getEnvelopeId(), request.getSender(), request.getRecipient(),
                    request.getKind(), request.getDossierCode(), request.getAttempt(), content, header("Content-Type"),
                    header("traceparent"));
            owner.behaviour.accept(delivery);
            owner.received.add(delivery);
            return new DeliverEnvelopeResponse();
        }

        @SuppressWarnings("unchecked")
        private String header(String name) {
            Map<String, List<String>> headers = context == null ? Map.of()
                    : (Map<String, List<String>>) context.getMessageContext().get(MessageContext.HTTP_REQUEST_HEADERS);
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> String.join(",", header.getValue())).findFirst().orElse("");
        }
    }
}
