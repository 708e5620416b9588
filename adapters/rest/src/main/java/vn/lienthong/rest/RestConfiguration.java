package vn.lienthong.rest;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.jakarta.rs.json.JacksonJsonProvider;
import vn.lienthong.core.access.CallerAuthentication;
import vn.lienthong.core.agency.AgencyAdministration;
import vn.lienthong.core.calendar.CalendarSource;
import vn.lienthong.core.delivery.DeadLetters;
import vn.lienthong.core.delivery.DeliveryProperties;
import vn.lienthong.core.delivery.EnvelopePusher;
import vn.lienthong.core.delivery.Inbox;
import vn.lienthong.core.edxml.EdxmlDocuments;
import vn.lienthong.core.evidence.EvidenceBundle;
import vn.lienthong.core.portal.PortalDeadLetters;
import vn.lienthong.core.portal.PortalIntake;
import vn.lienthong.core.portal.PortalOutbox;
import vn.lienthong.core.receipt.GatewayIdentity;
import vn.lienthong.core.submission.SubmissionPort;
import vn.lienthong.core.tracking.TrackingQueries;
import vn.lienthong.rest.slip.ControlSlipRenderer;

/** The REST adapter: the JAX-RS server at {@code /api/v1} on the CXF servlet, and the REST push client. */
@Configuration(proxyBeanMethods = false)
public class RestConfiguration {

    /** Where the API lives under the CXF servlet path ({@code cxf.path}, {@code /api}). */
    static final String ADDRESS = "/v1";

    @Bean(destroyMethod = "destroy")
    Server restApi(Bus bus, JsonMapper json, SubmissionPort submissions, TrackingQueries tracking, Inbox inbox,
                   CallerAuthentication authentication, GatewayIdentity identity,
                   AgencyAdministration agencies, DeadLetters deadLetters, EvidenceBundle evidence,
                   ControlSlipRenderer slips, EdxmlDocuments documents,
                   PortalDeadLetters portalDeadLetters, PortalOutbox portalOutbox, PortalIntake portalIntake,
                   MeterRegistry meters, Clock clock) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(ADDRESS);
        factory.setServiceBeans(List.of(
                new EnvelopeResource(submissions, tracking),
                new InboxResource(inbox, identity.gatewayId()),
                new DossierResource(tracking, slips, evidence, clock),
                new HandoffResource(tracking),
                new DocumentResource(documents),
                new ContractResource(identity),
                new AdminAgencyResource(agencies),
                new AdminDeadLetterResource(deadLetters),
                new AdminPortalResource(portalDeadLetters, portalOutbox),
                new PortalResource(portalIntake)));
        factory.setProviders(List.of(
                new JacksonJsonProvider(json),
                new CallerAuthenticationFilter(authentication),
                new ProblemResponses()));
        factory.setFeatures(List.of(RequestMetrics.feature(meters)));
        return factory.create();
    }

    /** Control slips print Vietnamese time, whatever the server's zone. */
    @Bean
    ControlSlipRenderer controlSlipRenderer(CalendarSource calendars) {
        return new ControlSlipRenderer(calendars.current().zone());
    }

    @Bean
    EnvelopePusher restPushClient(DeliveryProperties properties) {
        return new RestPushClient(properties.connectTimeout(), properties.pushTimeout());
    }
}
