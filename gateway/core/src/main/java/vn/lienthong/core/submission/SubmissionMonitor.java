package vn.lienthong.core.submission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeLogContext;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.core.receipt.Receipt;

/**
 * What operators see of the ingress: every submission that reaches it is counted, and then
 * counted once more as accepted or refused, whichever adapter brought it (REST, SOAP, the
 * portal intake); accepted ones are timed from entry to receipt. Each submission is the
 * observation {@code lienthong.submission}, and while the flow runs the envelope id and
 * dossier code are in the logging MDC, so every line logged for it names it.
 *
 * <p>Tags stay few: agency codes, kinds, formats and error codes. Envelope ids and dossier
 * codes only go where one value per submission belongs: the observation's high-cardinality
 * key values and the MDC. A sender is only named once authorisation found the envelope's
 * {@code From} to be the authenticated caller, so a refused body cannot invent tag values.
 * An identical envelope sent again is answered with its first receipt (replayed): received, but neither
 * accepted again nor refused.
 */
final class SubmissionMonitor {

    static final String OBSERVATION = "lienthong.submission";
    private static final String UNKNOWN = "unknown";

    private final MeterRegistry meters;
    private final ObservationRegistry observations;

    SubmissionMonitor(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = meters;
        this.observations = observations;
    }

    /** Runs one submission under watch: {@code submission} gets the trace the flow reports to. */
    Receipt watch(Caller caller, Function<Trace, Receipt> submission) {
        meters.counter("lienthong.envelopes.received", "caller", caller.name()).increment();
        Trace trace = new Trace(caller);
        try (Observation.Scope scope = trace.observation.openScope()) {
            Receipt receipt = submission.apply(trace);
            trace.answered(receipt);
            return receipt;
        } catch (RuntimeException e) {
            trace.refused(e);
            throw e;
        } finally {
            trace.close();
        }
    }

    /** One submission as far as the flow got with it; steps report what they learnt. */
    final class Trace {
        private final long started = System.nanoTime();
        private final Observation observation;
        private @Nullable Envelope envelope;
        private @Nullable String sender;

        private Trace(Caller caller) {
            this.observation = Observation.createNotStarted(OBSERVATION, observations)
                    .lowCardinalityKeyValue("caller", caller.name())
                    .lowCardinalityKeyValue("sender", UNKNOWN)
                    .lowCardinalityKeyValue("kind", UNKNOWN)
                    .lowCardinalityKeyValue("format", UNKNOWN)
                    .lowCardinalityKeyValue("outcome", UNKNOWN)
                    .lowCardinalityKeyValue("reason", "none")
                    .start();
        }

        /** Step 2 read the envelope: from now on logs and the trace name it. */
        SubmissionStages.Parsed parsed(SubmissionStages.Parsed parsed) {
            Envelope read = parsed.envelope();
            this.envelope = read;
            EnvelopeLogContext.put(read.id(), read.dossierCode());
            observation.lowCardinalityKeyValue("kind", read.kind().xmlName())
                    .lowCardinalityKeyValue("format", read.format().code())
                    .highCardinalityKeyValue("envelope.id", read.id());
            if (read.dossierCode() != null) {
                observation.highCardinalityKeyValue("dossier.code", read.dossierCode());
            }
            return parsed;
        }

        /** Step 4 found the sender to be the caller: a known agency, fit for a tag. */
        SubmissionStages.Parsed authorised(SubmissionStages.Parsed parsed) {
            sender = parsed.envelope().sender().agency().value();
            observation.lowCardinalityKeyValue("sender", sender);
            return parsed;
        }

        private void answered(Receipt receipt) {
            observation.lowCardinalityKeyValue("outcome", receipt.replayed() ? "replayed" : "accepted");
            if (receipt.replayed()) {
                return;
            }
            Envelope accepted = Objects.requireNonNull(envelope, "a receipt for an envelope never parsed");
            String format = accepted.format().code();
            meters.counter("lienthong.envelopes.accepted", "sender", accepted.sender().agency().value(),
                    "kind", accepted.kind().xmlName(), "format", format).increment();
            Timer.builder("lienthong.accept.latency").description("From a submission's entry to its signed receipt")
                    .tag("format", format).publishPercentileHistogram().register(meters)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }

        private void refused(RuntimeException e) {
            ErrorCode reason = reason(e);
            observation.lowCardinalityKeyValue("outcome", "refused")
                    .lowCardinalityKeyValue("reason", reason.name())
                    .error(e);
            meters.counter("lienthong.envelopes.refused", "reason", reason.name(),
                    "sender", sender != null ? sender : UNKNOWN).increment();
        }

        private void close() {
            observation.stop();
            EnvelopeLogContext.clear();
        }
    }

    /** The code the caller gets: the refusal's own, or an internal error for anything else. */
    private static ErrorCode reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GatewayException refusal) {
                return refusal.code();
            }
        }
        return ErrorCode.INTERNAL_ERROR;
    }
}
