package vn.lienthong.soap;

import jakarta.activation.DataHandler;
import java.time.Instant;
import java.util.List;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.delivery.Inbox;
import vn.lienthong.core.delivery.InboxEntry;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.receipt.Receipt;
import vn.lienthong.core.tracking.DossierView;
import vn.lienthong.core.tracking.EnvelopeStatus;
import vn.lienthong.soap.exchange.AcknowledgeEnvelopeResponse;
import vn.lienthong.soap.exchange.AgencyRef;
import vn.lienthong.soap.exchange.AllowedTime;
import vn.lienthong.soap.exchange.Applicant;
import vn.lienthong.soap.exchange.ApologyOwed;
import vn.lienthong.soap.exchange.DossierTimeline;
import vn.lienthong.soap.exchange.EnvelopeState;
import vn.lienthong.soap.exchange.FetchEnvelopeResponse;
import vn.lienthong.soap.exchange.GetDossierTimelineResponse;
import vn.lienthong.soap.exchange.GetEnvelopeStateResponse;
import vn.lienthong.soap.exchange.Handoff;
import vn.lienthong.soap.exchange.ListPendingResponse;
import vn.lienthong.soap.exchange.PendingEnvelope;
import vn.lienthong.soap.exchange.PushAttempt;
import vn.lienthong.soap.exchange.RecipientState;
import vn.lienthong.soap.exchange.StatusChange;
import vn.lienthong.soap.exchange.SubmitEnvelopeResponse;

/**
 * The exchange contract's answers, built from the core's results field for field as the REST
 * API's JSON shows them (docs/PROTOCOL-SOAP.md names the correspondence).
 */
final class ExchangeMessages {

    private static final DatatypeFactory TIMES = datatypeFactory();

    private ExchangeMessages() {
    }

    static SubmitEnvelopeResponse submitted(Receipt receipt) {
        SubmitEnvelopeResponse response = new SubmitEnvelopeResponse();
        response.setReceipt(receipt.xml());
        response.setReplayed(receipt.replayed());
        return response;
    }

    static ListPendingResponse pending(List<InboxEntry> entries) {
        ListPendingResponse response = new ListPendingResponse();
        for (InboxEntry entry : entries) {
            PendingEnvelope pending = new PendingEnvelope();
            pending.setEnvelopeId(entry.envelopeId());
            pending.setSender(entry.sender());
            pending.setKind(entry.kind());
            pending.setDossierCode(entry.dossierCode());
            pending.setFormat(entry.format().code());
            pending.setSize(entry.size());
            pending.setAvailableAt(time(entry.availableAt()));
            response.getEntry().add(pending);
        }
        return response;
    }

    /** The bytes stream from the archive into the attachment; the answer owns them from here on. */
    static FetchEnvelopeResponse fetched(Inbox.Fetched fetched) {
        EnvelopeArchive.Archived envelope = fetched.envelope();
        FetchEnvelopeResponse response = new FetchEnvelopeResponse();
        response.setEnvelopeId(envelope.envelopeId());
        response.setSender(envelope.sender());
        response.setKind(envelope.kind().xmlName());
        response.setDossierCode(envelope.dossierCode());
        response.setFormat(envelope.format().code());
        response.setAcceptedAt(time(envelope.acceptedAt()));
        response.setSize(envelope.size());
        response.setEnvelope(new DataHandler(EnvelopeDataSource.handedOver(fetched.content(), envelope.envelopeId())));
        return response;
    }

    static AcknowledgeEnvelopeResponse acknowledged(Inbox.Acknowledgement acknowledgement) {
        AcknowledgeEnvelopeResponse response = new AcknowledgeEnvelopeResponse();
        response.setEnvelopeId(acknowledgement.envelopeId());
        response.setRecipient(acknowledgement.recipient());
        response.setTakenAt(time(acknowledgement.takenAt()));
        return response;
    }

    static GetEnvelopeStateResponse state(EnvelopeStatus status) {
        EnvelopeState state = new EnvelopeState();
        state.setEnvelopeId(status.envelopeId());
        state.setKind(status.kind());
        state.setSender(status.sender());
        state.setDossierCode(status.dossierCode());
        state.setAcceptedAt(time(status.acceptedAt()));
        state.setSha256(status.sha256());
        state.setSize(status.size());
        status.recipients().forEach(recipient -> state.getRecipient().add(recipient(recipient)));
        GetEnvelopeStateResponse response = new GetEnvelopeStateResponse();
        response.setEnvelope(state);
        return response;
    }

    private static RecipientState recipient(EnvelopeStatus.Recipient recipient) {
        RecipientState state = new RecipientState();
        state.setAgency(recipient.agency());
        state.setState(recipient.state());
        state.setAttempts(recipient.attempts());
        state.setLastError(recipient.lastError());
        state.setNextAttemptAt(time(recipient.nextAttemptAt()));
        state.setAvailableAt(time(recipient.availableAt()));
        state.setTakenAt(time(recipient.takenAt()));
        for (EnvelopeStatus.Attempt attempt : recipient.history()) {
            PushAttempt pushAttempt = new PushAttempt();
            pushAttempt.setNumber(attempt.attempt());
            pushAttempt.setAt(time(attempt.at()));
            pushAttempt.setDurationMillis(attempt.durationMillis());
            pushAttempt.setOutcome(attempt.outcome());
            pushAttempt.setError(attempt.error());
            state.getAttempt().add(pushAttempt);
        }
        return state;
    }

    static GetDossierTimelineResponse timeline(DossierView dossier) {
        DossierTimeline timeline = new DossierTimeline();
        timeline.setCode(dossier.code());
        timeline.setProcedureCode(dossier.procedureCode());
        timeline.setProcedureName(dossier.procedureName());
        timeline.setApplicant(applicant(dossier.applicant()));
        timeline.setReceivedAt(time(dossier.receivedAt()));
        timeline.setPromisedReturnAt(time(dossier.promisedReturnAt()));
        timeline.setRescheduledReturnAt(time(dossier.rescheduledReturnAt()));
        timeline.setDueAt(time(dossier.dueAt()));
        timeline.setStatus(dossier.status() == null ? null : dossier.status().code());
        timeline.setStatusAt(time(dossier.statusAt()));
        timeline.setReceptionAgency(agency(dossier.receptionAgency()));
        timeline.setHandlingAgency(agency(dossier.handlingAgency()));
        dossier.cooperatingAgencies().forEach(agency -> timeline.getCooperatingAgency().add(agency(agency)));
        timeline.setPaused(dossier.paused());
        timeline.setSupplementationRequests(dossier.supplementationRequests());
        timeline.setDeadline(dossier.deadline().name());
        timeline.setClosedAt(time(dossier.closedAt()));
        timeline.setResult(dossier.result() == null ? null : dossier.result().name());
        timeline.setFirstSeenAt(time(dossier.firstSeenAt()));
        dossier.statusHistory().forEach(change -> timeline.getStatusChange().add(statusChange(change)));
        dossier.handoffs().forEach(handoff -> timeline.getHandoff().add(handoff(handoff)));
        dossier.apologies().forEach(apology -> timeline.getApology().add(apology(apology)));
        GetDossierTimelineResponse response = new GetDossierTimelineResponse();
        response.setDossier(timeline);
        return response;
    }

    private static @Nullable Applicant applicant(DossierView.@Nullable Applicant applicant) {
        if (applicant == null) {
            return null;
        }
        Applicant element = new Applicant();
        element.setName(applicant.name());
        element.setAddress(applicant.address());
        element.setPhone(applicant.phone());
        return element;
    }

    private static StatusChange statusChange(DossierView.StatusChange change) {
        StatusChange element = new StatusChange();
        element.setStatus(change.status().code());
        element.setPrevious(change.previous() == null ? null : change.previous().code());
        element.setAt(time(change.at()));
        element.setReportedBy(change.reportedBy());
        element.setEnvelopeId(change.envelopeId());
        element.setNote(change.note());
        return element;
    }

    private static Handoff handoff(DossierView.Handoff handoff) {
        Handoff element = new Handoff();
        element.setId(handoff.id());
        element.setDossierCode(handoff.dossierCode());
        element.setEnvelopeId(handoff.envelopeId());
        element.setKind(handoff.kind());
        element.setStep(handoff.step());
        if (handoff.allowedTime() != null) {
            AllowedTime allowed = new AllowedTime();
            allowed.setAmount(handoff.allowedTime().amount());
            allowed.setUnit(handoff.allowedTime().unit().xmlName());
            element.setAllowedTime(allowed);
        }
        element.setGiver(agency(handoff.giver()));
        element.setGiverOfficer(handoff.giverOfficer());
        element.setTaker(agency(handoff.taker()));
        element.setTakerOfficer(handoff.takerOfficer());
        element.setGivenAt(time(handoff.givenAt()));
        element.setTakenAt(time(handoff.takenAt()));
        element.setStartedAt(time(handoff.startedAt()));
        element.setDueAt(time(handoff.dueAt()));
        element.setCompletedAt(time(handoff.completedAt()));
        element.setState(handoff.state().name());
        element.setDeadline(handoff.deadline().name());
        element.setResult(handoff.result() == null ? null : handoff.result().name());
        element.setNote(handoff.note());
        return element;
    }

    private static ApologyOwed apology(DossierView.ApologyOwed apology) {
        ApologyOwed element = new ApologyOwed();
        element.setAgency(agency(apology.agency()));
        element.setReason(apology.reason());
        element.setOwedAt(time(apology.owedAt()));
        element.setIssuedAt(time(apology.issuedAt()));
        element.setNewReturnAt(time(apology.newReturnAt()));
        return element;
    }

    private static @Nullable AgencyRef agency(DossierView.@Nullable AgencyRef agency) {
        if (agency == null) {
            return null;
        }
        AgencyRef element = new AgencyRef();
        element.setCode(agency.code());
        element.setName(agency.name());
        return element;
    }

    /** In UTC with milliseconds, as the REST API writes instants. */
    private static @Nullable XMLGregorianCalendar time(@Nullable Instant instant) {
        return instant == null ? null : TIMES.newXMLGregorianCalendar(instant.toString());
    }

    private static DatatypeFactory datatypeFactory() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no XML datatype factory", e);
        }
    }
}
