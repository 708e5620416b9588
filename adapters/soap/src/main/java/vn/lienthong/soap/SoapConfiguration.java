package vn.lienthong.soap;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lienthong.core.access.CallerAuthentication;
import vn.lienthong.core.delivery.DeliveryProperties;
import vn.lienthong.core.delivery.EnvelopePusher;
import vn.lienthong.core.delivery.Inbox;
import vn.lienthong.core.submission.SubmissionPort;
import vn.lienthong.core.tracking.TrackingQueries;

/**
 * The SOAP adapter: the exchange service at {@code /services/exchange} on a CXF servlet of its
 * own, and the SOAP push client. Its CXF bus is its own too, so the REST API's servlet at
 * {@code /api} and this one each serve only their own endpoints; the bus is no candidate for
 * plain {@code Bus} injection, which stays the REST adapter's.
 */
@Configuration(proxyBeanMethods = false)
public class SoapConfiguration {

    /** Where SOAP services live on the HTTP server. */
    static final String SERVLET_PATH = "/services/*";
    /** The exchange service under the servlet path: {@code /services/exchange}. */
    static final String EXCHANGE_ADDRESS = "/exchange";
    private static final String BUS = "soapBus";

    @Bean(name = BUS, destroyMethod = "shutdown", defaultCandidate = false)
    Bus soapBus() {
        ExtensionManagerBus bus = new ExtensionManagerBus();
        bus.initialize();
        return bus;
    }

    /**
     * The exchange service, MTOM enabled: envelopes go out as attachments, and come in as
     * attachments or inline base64.
     */
    @Bean(destroyMethod = "stop")
    EndpointImpl exchangeEndpoint(@Qualifier(BUS) Bus bus, SubmissionPort submissions, Inbox inbox,
                                  TrackingQueries tracking, CallerAuthentication authentication, MeterRegistry meters) {
        EndpointImpl endpoint = new EndpointImpl(bus, new ExchangeEndpoint(submissions, inbox, tracking));
        endpoint.setProperties(Map.of("mtom-enabled", Boolean.TRUE));
        endpoint.getFeatures().add(RequestMetrics.feature(meters));
        endpoint.getInInterceptors().add(new CallerAuthenticationInterceptor(authentication));
        endpoint.getOutFaultInterceptors().add(new GatewayFaults());
        endpoint.publish(EXCHANGE_ADDRESS);
        return endpoint;
    }

    /** A second CXF servlet beside the REST API's ({@code cxf.path}), serving this adapter's bus. */
    @Bean
    ServletRegistrationBean<CXFNonSpringServlet> soapServlet(@Qualifier(BUS) Bus bus) {
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        ServletRegistrationBean<CXFNonSpringServlet> registration = new ServletRegistrationBean<>(servlet, SERVLET_PATH);
        registration.setName("soapServlet");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    EnvelopePusher soapPushClient(@Qualifier(BUS) Bus bus, DeliveryProperties properties) {
        return new SoapPushClient(bus, properties.connectTimeout(), properties.pushTimeout());
    }
}
