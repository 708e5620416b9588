package vn.lienthong.example.department;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * Takes envelopes, however they came, and carries out what the {@link Caseload} decides: on
 * one thread, so that the envelopes about a dossier leave in the order they were decided.
 */
public final class Department {

    private static final Logger log = LoggerFactory.getLogger(Department.class);

    private final Caseload caseload;
    private final GatewaySender sender;
    private final TaskScheduler work;
    private final Duration processingTime;

    public Department(Caseload caseload, GatewaySender sender, TaskScheduler work, Duration processingTime) {
        this.caseload = caseload;
        this.sender = sender;
        this.work = work;
        this.processingTime = processingTime;
    }

    /**
     * Takes one envelope as the gateway delivered it. Returns once the work is scheduled: the
     * caller may then answer the push or acknowledge the inbox entry. An envelope that is not a
     * dossier envelope (an edXML document, say) is taken and left alone.
     */
    public void take(byte[] envelope) {
        IncomingEnvelope incoming;
        try {
            incoming = IncomingEnvelope.read(envelope);
        } catch (IllegalArgumentException notForUs) {
            log.warn("took an envelope this department does not handle: {}", notForUs.getMessage());
            return;
        }
        Caseload.Work planned = caseload.taken(incoming);
        log.info("took {} ({}) from {} for dossier {}", incoming.envelopeId(), incoming.kind().value(), incoming.sender(),
                incoming.dossierCode());
        work.schedule(() -> sendAll(planned.now()), Instant.now());
        work.schedule(() -> sendAll(planned.afterProcessing()), Instant.now().plus(processingTime));
    }

    private void sendAll(List<OutgoingEnvelope> envelopes) {
        for (OutgoingEnvelope envelope : envelopes) {
            try {
                sender.send(envelope);
            } catch (RuntimeException e) {
                log.error("could not send {} ({}) to {} for dossier {}: {}", envelope.envelopeId(), envelope.kind().value(),
                        envelope.to(), envelope.dossierCode(), e.getMessage());
            }
        }
    }
}
