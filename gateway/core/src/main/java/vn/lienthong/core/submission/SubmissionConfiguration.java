package vn.lienthong.core.submission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.core.GenericTransformer;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.TransformerEndpointSpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.calendar.CalendarSource;
import vn.lienthong.core.delivery.Deliveries;
import vn.lienthong.core.delivery.DeliveryBacklog;
import vn.lienthong.core.edxml.EdxmlDocuments;
import vn.lienthong.core.edxml.EdxmlEnvelopes;
import vn.lienthong.core.edxml.EdxmlProperties;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.envelope.EnvelopeSchema;
import vn.lienthong.core.envelope.Spool;
import vn.lienthong.core.groupcommit.GroupCommit;
import vn.lienthong.core.portal.PortalSync;
import vn.lienthong.core.receipt.ReceiptIssuer;
import vn.lienthong.core.routing.Outbox;
import vn.lienthong.core.tracking.DossierTracking;
import vn.lienthong.core.trust.CertificateValidation;
import vn.lienthong.xml.SecureXml;

/** Steps 1 to 8 of the path: from a submitted body to a signed receipt. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngressProperties.class, EdxmlProperties.class})
public class SubmissionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SubmissionConfiguration.class);

    /**
     * The ingress flow, entered through {@link SubmissionPort}. It runs on the caller's
     * thread; each step either passes the submission on or throws the error the caller gets.
     * Admission comes before the signature check, so an overloaded gateway spends no CPU on
     * envelopes it will refuse anyway.
     */
    @Bean
    IntegrationFlow submissionFlow(IngressProperties ingress, AgencyRegistry agencies, CertificateValidation certificates,
                                   DeliveryBacklog backlog, EdxmlProperties edxml, CalendarSource calendars,
                                   Acceptance acceptance, MeterRegistry meters) {
        EnvelopeParsing parsing = new EnvelopeParsing(new SecureXml(), EnvelopeSchema.load("envelope-v1.xsd"),
                EnvelopeSchema.load("edxml-v1.xsd"), new EdxmlEnvelopes(calendars.current().zone()));
        SenderAuthorisation authorisation = new SenderAuthorisation(agencies);
        Admission admission = new Admission(backlog, ingress.maxOutboxBacklog(), ingress.maxRecipientBacklog(),
                ingress.maxQueuedAge());
        SignatureCheck signatures = new SignatureCheck(agencies, certificates, meters, edxml.verifySignatures());
        return IntegrationFlow.from(IngressBudget.Flow.class, gateway -> gateway.beanName("submissionFlowGateway"))
                .transformWith(step("submission.parse", SubmissionStages.Received.class,
                        received -> received.trace().parsed(parsing.parse(received))))
                .transformWith(step("submission.authorise", SubmissionStages.Parsed.class,
                        parsed -> parsed.trace().authorised(authorisation.authorise(parsed))))
                .transformWith(step("submission.admit", SubmissionStages.Parsed.class, admission::admit))
                .transformWith(step("submission.verifySignature", SubmissionStages.Parsed.class, signatures::verify))
                .transformWith(step("submission.accept", SubmissionStages.Verified.class, acceptance::accept))
                .get();
    }

    /** Steps 6 to 8, with the writers that store accepted envelopes; they finish what waits as the gateway stops. */
    @Bean
    Acceptance acceptance(IngressProperties ingress, EnvelopeArchive archive, Deliveries deliveries,
                          DossierTracking tracking, EdxmlDocuments documents, PortalSync portal, Outbox outbox,
                          ReceiptIssuer receipts, TransactionTemplate transactions,
                          ObjectProvider<ObservationRegistry> observations, MeterRegistry meters, Clock clock) {
        return new Acceptance(archive, deliveries, tracking, documents, portal, outbox, receipts, transactions,
                new GroupCommit.Limits(ingress.concurrentStores(), ingress.storeBatch(), ingress.storeWait()),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), meters, clock);
    }

    /** The documents edXML traffic concerns, linked as each message is accepted. */
    @Bean
    EdxmlDocuments edxmlDocuments(JdbcClient jdbc, DossierTracking tracking, EdxmlProperties edxml) {
        if (!edxml.verifySignatures()) {
            log.warn("lienthong.edxml.verify-signatures is false: edXML messages are accepted WITHOUT verifying their"
                    + " signatures. This is for replaying sample traffic only; never run a real exchange like this.");
        }
        return new EdxmlDocuments(jdbc, tracking, edxml.unknownReferences());
    }

    /** The port adapters call: the flow behind a bound on the bytes received, and one on the CPU work done, at once. */
    @Bean
    SubmissionPort submissionPort(IngressBudget.Flow flow, IngressProperties ingress, Spool spool, MeterRegistry meters,
                                  ObjectProvider<ObservationRegistry> observations) {
        return new IngressBudget(flow, ingress.maxBytesInFlight().toBytes(), ingress.maxEnvelopeSize().toBytes(), spool,
                new CheckingLane(ingress.checkingLanes(), ingress.checkWait(), meters),
                new SubmissionMonitor(meters, observations.getIfAvailable(() -> ObservationRegistry.NOOP)));
    }

    private static <P> Consumer<TransformerEndpointSpec> step(String id, Class<P> input, GenericTransformer<P, ?> step) {
        return endpoint -> endpoint.transformer(step).expectedType(input).id(id);
    }
}
