package vn.lienthong.soap;

import jakarta.activation.DataHandler;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.datatype.DatatypeFactory;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import vn.lienthong.core.agency.PushProtocol;
import vn.lienthong.core.delivery.EnvelopePusher;
import vn.lienthong.core.delivery.PushFailedException;
import vn.lienthong.core.delivery.PushRequest;
import vn.lienthong.core.routing.TraceCarrier;
import vn.lienthong.soap.receiver.AgencyReceiver;
import vn.lienthong.soap.receiver.DeliverEnvelope;

/**
 * Pushes envelopes to agencies' AgencyReceiver SOAP services (agency-receiver-v1.wsdl): the
 * routing facts as elements, the signed bytes as an MTOM attachment streamed from memory or
 * from the spool file, the request sent chunked. An answer is the agency taking the envelope;
 * a SOAP fault, another HTTP status or no answer in time is a failed push, retried by
 * delivery exactly as a failed REST push. One client proxy per endpoint, kept for the next
 * pushes: building one reads the service model, which is too slow to do on every push.
 */
final class SoapPushClient implements EnvelopePusher {

    private static final int MAX_ERROR = 300;

    private final Bus bus;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final Map<URI, AgencyReceiver> receivers = new ConcurrentHashMap<>();

    SoapPushClient(Bus bus, Duration connectTimeout, Duration timeout) {
        this.bus = bus;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    @Override
    public PushProtocol protocol() {
        return PushProtocol.SOAP;
    }

    @Override
    public void push(PushRequest push) {
        DeliverEnvelope delivery = new DeliverEnvelope();
        delivery.setEnvelopeId(push.envelopeId());
        delivery.setSender(push.sender());
        delivery.setRecipient(push.recipient());
        delivery.setKind(push.kind());
        delivery.setDossierCode(push.dossierCode());
        delivery.setFormat(push.format().code());
        delivery.setGateway(push.gateway());
        delivery.setAcceptedAt(DatatypeFactory.newDefaultInstance().newXMLGregorianCalendar(push.acceptedAt().toString()));
        delivery.setAttempt(push.attempt());
        delivery.setEnvelope(new DataHandler(EnvelopeDataSource.lent(push.content(), push.envelopeId())));
        AgencyReceiver receiver = receivers.computeIfAbsent(push.endpoint(), this::receiver);
        ((BindingProvider) receiver).getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS,
                traceHeaders(push.trace()));
        try {
            receiver.deliverEnvelope(delivery);
        } catch (WebServiceException e) {
            String reason = reason(e);
            throw new PushFailedException(push.endpoint() + " failed over SOAP: "
                    + reason.substring(0, Math.min(reason.length(), MAX_ERROR)), e);
        }
    }

    /** The agency's own words for a fault; what the transport says otherwise (a status, a refused connection). */
    private static String reason(WebServiceException failure) {
        if (failure instanceof SOAPFaultException fault) {
            return "SOAP fault " + fault.getFault().getFaultCode() + ": " + fault.getFault().getFaultString().strip();
        }
        return String.valueOf(failure.getMessage()).strip();
    }

    private static Map<String, List<String>> traceHeaders(TraceCarrier trace) {
        Map<String, List<String>> headers = new HashMap<>();
        trace.fields().forEach((name, value) -> headers.put(name, List.of(value)));
        return headers;
    }

    private AgencyReceiver receiver(URI endpoint) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(AgencyReceiver.class);
        factory.setAddress(endpoint.toString());
        factory.setProperties(Map.of("mtom-enabled", Boolean.TRUE));
        AgencyReceiver receiver = factory.create(AgencyReceiver.class);
        Client client = ClientProxy.getClient(receiver);
        // each push's trace headers go in the request context: per thread, as consumers share the proxy
        client.setThreadLocalRequestContext(true);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(connectTimeout.toMillis());
        policy.setReceiveTimeout(timeout.toMillis());
        policy.setAllowChunking(true);
        policy.setAutoRedirect(false);
        ((HTTPConduit) client.getConduit()).setClient(policy);
        return receiver;
    }
}
