package vn.lienthong.core.submission;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.edxml.EdxmlMessage;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.signature.VerifiedSignature;

/** What the ingress flow knows about a submission after each stage. */
final class SubmissionStages {

    private SubmissionStages() {
    }

    /**
     * The body is read and within the size limit.
     *
     * @param trace what the monitor learns of this submission as it goes
     * @param lane the checking lane it holds until its receipt is signed
     */
    record Received(Caller caller, EnvelopeBytes bytes, SubmissionMonitor.Trace trace, CheckingLane.Pass lane) {
    }

    /**
     * Well-formed, schema-valid, and read into the model. The DOM is kept for signature
     * verification: the whole envelope, or for a spooled one its outline.
     *
     * @param edxml what an edXML message says beyond the envelope model; null for a dossier envelope
     */
    record Parsed(Caller caller, EnvelopeBytes bytes, Document document, Envelope envelope,
                  @Nullable EdxmlMessage edxml, SubmissionMonitor.Trace trace, CheckingLane.Pass lane) {
    }

    /**
     * The signature verified and the signer belongs to the sender.
     *
     * @param signature null only for edXML accepted unverified under the sample-replay policy
     */
    record Verified(Caller caller, EnvelopeBytes bytes, Envelope envelope, @Nullable EdxmlMessage edxml,
                    @Nullable VerifiedSignature signature, CheckingLane.Pass lane) {
    }
}
