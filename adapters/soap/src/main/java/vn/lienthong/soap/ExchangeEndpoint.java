package vn.lienthong.soap;

import jakarta.activation.DataHandler;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.delivery.Inbox;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.receipt.Receipt;
import vn.lienthong.core.submission.Submission;
import vn.lienthong.core.submission.SubmissionPort;
import vn.lienthong.core.tracking.TrackingQueries;
import vn.lienthong.soap.exchange.AcknowledgeEnvelope;
import vn.lienthong.soap.exchange.AcknowledgeEnvelopeResponse;
import vn.lienthong.soap.exchange.Exchange;
import vn.lienthong.soap.exchange.FetchEnvelope;
import vn.lienthong.soap.exchange.FetchEnvelopeResponse;
import vn.lienthong.soap.exchange.GetDossierTimeline;
import vn.lienthong.soap.exchange.GetDossierTimelineResponse;
import vn.lienthong.soap.exchange.GetEnvelopeState;
import vn.lienthong.soap.exchange.GetEnvelopeStateResponse;
import vn.lienthong.soap.exchange.ListPending;
import vn.lienthong.soap.exchange.ListPendingResponse;
import vn.lienthong.soap.exchange.SubmitEnvelope;
import vn.lienthong.soap.exchange.SubmitEnvelopeResponse;

/**
 * The exchange service: each operation calls the core port its REST counterpart calls, as
 * the caller {@link CallerAuthenticationInterceptor} authenticated. Core refusals are not
 * caught here: {@link GatewayFaults} turns them into the contract's fault, as the REST
 * adapter's exception mapper turns them into problem documents.
 */
@WebService(endpointInterface = "vn.lienthong.soap.exchange.Exchange", targetNamespace = "urn:lienthong:exchange:v1",
        serviceName = "ExchangeService", portName = "ExchangePort",
        wsdlLocation = "classpath:lienthong/schemas/exchange-v1.wsdl")
public class ExchangeEndpoint implements Exchange {

    /** As over REST: the inbox listing's default size. */
    private static final int DEFAULT_LIMIT = 100;

    private final SubmissionPort submissions;
    private final Inbox inbox;
    private final TrackingQueries tracking;

    @Resource
    private @Nullable WebServiceContext context;

    ExchangeEndpoint(SubmissionPort submissions, Inbox inbox, TrackingQueries tracking) {
        this.submissions = submissions;
        this.inbox = inbox;
        this.tracking = tracking;
    }

    /** The attachment's stream goes to the core as it arrives; the core bounds and spools it. */
    @Override
    public SubmitEnvelopeResponse submitEnvelope(SubmitEnvelope request) {
        DataHandler envelope = request.getEnvelope();
        if (envelope == null) {
            throw ErrorCode.REQUEST_INVALID.exception("SubmitEnvelope carries no Envelope").build();
        }
        Receipt receipt;
        try (InputStream body = envelope.getInputStream()) {
            receipt = submissions.submit(new Submission(caller(), body, -1));
        } catch (IOException e) {
            throw ErrorCode.REQUEST_BODY_UNREADABLE.exception("the envelope attachment could not be read: "
                    + e.getMessage()).cause(e).build();
        }
        return ExchangeMessages.submitted(receipt);
    }

    @Override
    public ListPendingResponse listPending(ListPending request) {
        Integer limit = request.getLimit();
        return ExchangeMessages.pending(inbox.list(caller(), limit == null ? DEFAULT_LIMIT : limit));
    }

    @Override
    public FetchEnvelopeResponse fetchEnvelope(FetchEnvelope request) {
        return ExchangeMessages.fetched(inbox.fetch(caller(), required(request.getEnvelopeId(), "EnvelopeId")));
    }

    @Override
    public AcknowledgeEnvelopeResponse acknowledgeEnvelope(AcknowledgeEnvelope request) {
        return ExchangeMessages.acknowledged(inbox.acknowledge(caller(),
                required(request.getEnvelopeId(), "EnvelopeId")));
    }

    @Override
    public GetEnvelopeStateResponse getEnvelopeState(GetEnvelopeState request) {
        return ExchangeMessages.state(tracking.envelopeStatus(caller(), required(request.getEnvelopeId(), "EnvelopeId")));
    }

    @Override
    public GetDossierTimelineResponse getDossierTimeline(GetDossierTimeline request) {
        return ExchangeMessages.timeline(tracking.dossier(caller(), required(request.getDossierCode(), "DossierCode")));
    }

    private Caller caller() {
        if (context == null) {
            throw new IllegalStateException("no WebServiceContext was injected into the exchange service");
        }
        return CallerAuthenticationInterceptor.callerOf(context.getMessageContext().get(Caller.class.getName()));
    }

    /** JAXB leaves a missing element null; the schema requires it, but the gateway does not validate requests. */
    private static String required(@Nullable String value, String element) {
        if (value == null || value.isBlank()) {
            throw ErrorCode.REQUEST_INVALID.exception(element + " is required").build();
        }
        return value;
    }
}
